"""Images tox-docker starts for a tox run: the `image` of each `[docker:NAME]` section of `tox.ini` (pure).

tox-docker (https://tox-docker.readthedocs.io/) runs a container for each name a test environment lists under
`docker =`, configured by the `[docker:NAME]` section of that name: its `image` is pulled before the tests run.
tox substitutes `{env:NAME:default}` in the value: the default is read; an `{env:NAME}` without one, or any other
substitution (`{posargs}`, `[section]key` references), is known only when tox runs and is unresolved, naming it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found

_SECTION_RE = re.compile(r"^\[([^\]]*)\]\s*(?:[;#].*)?$")
_IMAGE_RE = re.compile(r"^image\s*[=:]\s*(.*?)\s*$")
_ENV_RE = re.compile(r"\{env:([^:{}]+)(?::([^{}]*))?\}")


def _resolved(value: str) -> tuple[str, str | None]:
    """The value with `{env:NAME:default}` replaced by its default, or as written with why it is not known."""
    missing = [match.group(1) for match in _ENV_RE.finditer(value) if match.group(2) is None]
    if missing:
        return value, f"{{env:{missing[0]}}}: tox takes it from the environment when it runs (no default written)"
    resolved = _ENV_RE.sub(lambda match: match.group(2), value)
    if "{" in resolved or "[" in resolved:
        return value, f"{value}: a tox substitution known only when tox runs"
    return resolved, None


def tox_docker_images(text: str, origin: str) -> list[Found]:
    """The `image` of each `[docker:NAME]` section, in order, with its line."""
    found: list[Found] = []
    section = ""
    for number, line in enumerate(text.splitlines(), 1):
        if (header := _SECTION_RE.match(line)) is not None:
            section = header.group(1).strip()
            continue
        if not section.startswith("docker:") or (image := _IMAGE_RE.match(line)) is None or not image.group(1):
            continue  # a continuation line is indented: never `image =` at the line's start
        text_, problem = _resolved(image.group(1))
        found.append(Found(text_, origin, number, problem, use=f"[{section}] image"))
    return found
