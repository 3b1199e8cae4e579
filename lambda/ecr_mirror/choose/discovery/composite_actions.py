"""The steps of a composite action (`action.yml` with `runs.using: composite`), read as a job's steps (pure).

A composite action's `runs.steps` run on the calling job's runner, in its image store, as the job's own steps do
(https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax#runs-for-composite-actions): a
`docker/build-push-action` step there that loads its image builds what a later `docker run` of the action runs
(surrealdb's `.github/actions/docker-build`, `tags: surrealdb-local:amd64` with `load: true`, then
`docker run --platform linux/amd64 --rm surrealdb-local:amd64 version`).
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.yaml_loader import load_documents


def composite_runs(text: str, origin: str) -> list[tuple[dict[Any, Any], dict[Any, Any]]]:
    """(action, runs) of each document of `text` that is a composite action: its `runs` mapping, whose `steps` a
    reader takes as a job's."""
    out: list[tuple[dict[Any, Any], dict[Any, Any]]] = []
    for doc in load_documents(text, origin):
        runs = doc.get("runs") if isinstance(doc, dict) else None
        if isinstance(runs, dict) and str(runs.get("using", "")).strip() == "composite":
            out.append((doc, runs))
    return out
