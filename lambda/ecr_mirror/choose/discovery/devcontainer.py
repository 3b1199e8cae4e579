"""Images named by a dev container definition (`devcontainer.json`, `.devcontainer.json`) (pure).

JSON with comments and trailing commas (https://containers.dev/implementors/json_reference/): the `image` property.
A definition with `build.dockerfile` (or the older `dockerFile`) or `dockerComposeFile` names files the walk reads as
such; its `build.args` are that Dockerfile's build arguments, read again with them as compose builds are (a value
with `${localEnv:...}` or another variable is not passed: the Dockerfile's own default applies). Features
(`ghcr.io/devcontainers/features/...`) are OCI artifacts, not images, and are not listed.
"""

from __future__ import annotations

import json
import re

from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

# the lifecycle scripts the tool runs (https://containers.dev/implementors/json_reference/#lifecycle-scripts), written
# as one string: `"postStartCommand": "docker run --rm tonistiigi/binfmt --install all",`
_LIFECYCLE_RE = re.compile(
    r'^\s*"(?:initialize|onCreate|updateContent|postCreate|postStart|postAttach)Command"\s*:\s*("(?:[^"\\]|\\.)*")\s*,?\s*$'
)
_TOKEN_RE = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/|,(?=\s*[}\]])', re.DOTALL)


def _strip(text: str) -> str:
    """Comments and trailing commas out, strings untouched."""
    return _TOKEN_RE.sub(lambda match: match.group() if match.group().startswith('"') else "", text)


def lifecycle_lines(text: str) -> str:
    """The definition's lifecycle commands as a script's lines: each `"postStartCommand": "COMMAND",` line its command
    (JSON escapes decoded), every other line blank, so that line numbers hold and the shell readers (docker_run.py,
    kubectl.py) read only those commands. The array and object forms are not read."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        command = _LIFECYCLE_RE.match(line)
        try:
            lines[index] = " ".join(str(json.loads(command.group(1))).splitlines()) if command else ""
        except ValueError:
            lines[index] = ""
    return "\n".join(lines)


def definition(text: str, origin: str) -> object:
    """The JSON (with comments and trailing commas) of `text`; ConfigError naming `origin` when it is not."""
    try:
        return json.loads(_strip(text))
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{origin}: not valid JSON (with comments): {exc}") from exc
    except RecursionError as exc:
        raise ConfigError(f"{origin}: JSON nested deeper than discover reads") from exc


def devcontainer_builds(text: str, origin: str) -> list[ComposeBuild]:
    """The Dockerfile the definition builds (path from its own directory, as the spec says) with its `build.args`."""
    doc = definition(text, origin)
    build = doc.get("build") if isinstance(doc, dict) else None
    build = build if isinstance(build, dict) else {}
    dockerfile = build.get("dockerfile") or (doc.get("dockerFile") if isinstance(doc, dict) else None)
    if not isinstance(dockerfile, str) or not dockerfile.strip():
        return []
    raw = build.get("args")
    args = {
        str(name): str(value)
        for name, value in (raw.items() if isinstance(raw, dict) else ())
        if isinstance(value, str | int | float) and not isinstance(value, bool) and "${" not in str(value)
    }
    return [ComposeBuild(dockerfile.strip(), None, args, None)]


def devcontainer_images(text: str, origin: str) -> list[Found]:
    doc = definition(text, origin)
    image = doc.get("image") if isinstance(doc, dict) else None
    if not isinstance(image, str) or not image.strip():
        return []
    line = next((n for n, text_line in enumerate(text.splitlines(), 1) if '"image"' in text_line), None)
    return [Found(image.strip(), origin, line, use="image")]
