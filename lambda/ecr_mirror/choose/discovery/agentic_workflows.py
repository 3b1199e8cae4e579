"""The containers a GitHub Agentic Workflows lock file downloads (pure).

`gh aw compile` turns a workflow written in Markdown into `NAME.lock.yml`, whose leading comments hold one JSON line,
`# gh-aw-manifest: {...}`, naming the containers its run downloads before the agent starts (`containers`: each an
`image`, and when pinned its `digest` and `pinned_image`, `name:tag@sha256:...`). Each is pulled: the pinned form is
listed when there is one, at the manifest's line. Only a manifest among the file's leading comment lines is read,
and only when it is JSON (the workflow's jobs are read either way).
"""

from __future__ import annotations

import json
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

_MANIFEST_RE = re.compile(r"\A(?:#[^\n]*\n)*?(?P<line># gh-aw-manifest: (?P<json>\{[^\n]*\}))[ \t]*$", re.MULTILINE)
USE = "gh-aw manifest containers"


def _reference(entry: object) -> str | None:
    if not isinstance(entry, dict):
        return None
    for key in ("pinned_image", "image"):
        if isinstance(value := entry.get(key), str) and value.strip():
            try:
                parse_reference(value.strip())
            except ReferenceError_:
                return None
            return value.strip()
    return None


def agentic_containers(text: str, origin: str) -> list[Found]:
    """The containers of the lock file's `# gh-aw-manifest:` line, in its order (none without one)."""
    if not text.startswith("#") or (match := _MANIFEST_RE.search(text)) is None:
        return []
    try:
        manifest = json.loads(match["json"])
    except ValueError:
        return []
    containers = manifest.get("containers") if isinstance(manifest, dict) else None
    line = text.count("\n", 0, match.start("line")) + 1
    references = [_reference(entry) for entry in containers] if isinstance(containers, list) else []
    return [Found(reference, origin, line, use=USE) for reference in references if reference]
