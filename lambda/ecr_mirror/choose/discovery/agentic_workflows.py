"""The containers a GitHub Agentic Workflows lock file downloads (pure).

`gh aw compile` turns a workflow written in Markdown into `NAME.lock.yml`, whose leading comments hold one JSON line,
`# gh-aw-manifest: {...}`, naming the containers its run downloads before the agent starts (`containers`: each an
`image`, and when pinned its `digest` and `pinned_image`, `name:tag@sha256:...`). Each is pulled: the pinned form is
listed when there is one, at the manifest's line. Only a manifest among the file's leading comment lines is read,
and only when it is JSON (the workflow's jobs are read either way). A lock file compiled before the manifest line
downloads the same containers in a step, `run: bash /opt/gh-aw/actions/download_docker_images.sh IMAGE...` (the script
gh-aw's setup action installs, https://github.com/github/gh-aw: it pulls each argument; from v0.67 under
`${RUNNER_TEMP}/gh-aw/actions/`, the path written with or without braces or quotes): each argument that is an
image is read at the step's line; a script of another path, and an argument known at run time (`${{ ... }}`, `$X`),
are not.
"""

from __future__ import annotations

import json
import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

_MANIFEST_RE = re.compile(r"\A(?:#[^\n]*\n)*?(?P<line># gh-aw-manifest: (?P<json>\{[^\n]*\}))[ \t]*$", re.MULTILINE)
USE = "gh-aw manifest containers"
DOWNLOAD_USE = "gh-aw downloaded containers"
_DOWNLOAD_RE = re.compile(
    r"^[ \t]*(?:-[ \t]+)?run:[ \t]*(?:bash[ \t]+)?(?P<q>\"?)(?:/opt|\$\{RUNNER_TEMP\}|\$RUNNER_TEMP)"
    r"/gh-aw/actions/download_docker_images\.sh(?P=q)[ \t]+(?P<args>[^\n#]+)$",
    re.MULTILINE,
)


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
    """The containers of the lock file's `# gh-aw-manifest:` line, in its order, or else of its download steps."""
    if not text.startswith("#") or (match := _MANIFEST_RE.search(text)) is None:
        return _downloaded(text, origin)
    try:
        manifest = json.loads(match["json"])
    except ValueError:
        return []
    containers = manifest.get("containers") if isinstance(manifest, dict) else None
    line = text.count("\n", 0, match.start("line")) + 1
    references = [_reference(entry) for entry in containers] if isinstance(containers, list) else []
    return [Found(reference, origin, line, use=USE) for reference in references if reference]


def _downloaded(text: str, origin: str) -> list[Found]:
    """The images the lock file's steps hand gh-aw's `download_docker_images.sh`, at each step's line."""
    out: list[Found] = []
    for match in _DOWNLOAD_RE.finditer(text) if "download_docker_images.sh" in text else ():
        line = text.count("\n", 0, match.start()) + 1
        for word in match["args"].split():
            if "$" not in word and _reference({"image": word}) is not None:
                out.append(Found(word, origin, line, use=DOWNLOAD_USE))
    return out
