"""The images the commands of a tree pull: `docker run` / `docker pull` (and `kubectl run --image`, `kubectl
create deployment`, `kubectl set image`) in its Makefiles, scripts, `justfile`,
`package.json` and in the steps of its CI files (workflow `run:`, GitLab `script:`, Jenkinsfile `sh`, CircleCI
`run:`); the parsing is choose/discovery/docker_run.py and kubectl.py."""

from __future__ import annotations

import dataclasses
from pathlib import PurePath

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.kubectl import kubectl_images

# CI files whose steps are commands; compose files, manifests and values are not scanned for `docker run`
_STEP_KINDS = frozenset({Kind.WORKFLOW, Kind.ACTION, Kind.GITLAB, Kind.JENKINS, Kind.CIRCLECI})


def _script_kind(shown: str) -> str:
    name = PurePath(shown).name.lower()
    if name in ("makefile", "gnumakefile") or name.endswith(".mk"):
        return "Makefile"
    return name if name in ("justfile", "package.json") else "shell script"


def _pulls(text: str, shown: str) -> list[Found]:
    return docker_runs(text, shown) + kubectl_images(text, shown)


def script_pulls(scripts: dict[str, str], texts: dict[str, str]) -> list[Found]:
    """The `docker run` / `docker pull` images of `scripts` (Makefiles, shell scripts, ...) and of the CI files among
    `texts` (name shown -> text), each with its file's kind."""
    found: list[Found] = []
    for shown, text in scripts.items():
        kind = _script_kind(shown)
        found += [dataclasses.replace(item, kind=kind) for item in _pulls(text, shown)]
    for shown, text in texts.items():
        if (kind_of(shown) or Kind.YAML) in _STEP_KINDS:
            kind = (kind_of(shown) or Kind.YAML).value
            found += [dataclasses.replace(item, kind=kind) for item in _pulls(text, shown)]
    return found
