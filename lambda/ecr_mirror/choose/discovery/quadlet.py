"""Images Podman Quadlet units pull: `Image=` of the `[Container]` section of a `*.container` unit and of the
`[Image]` section of a `*.image` unit (pure).

Quadlet (https://docs.podman.io/en/latest/markdown/podman-systemd.unit.5.html) turns these systemd unit files into
services that run `podman run IMAGE` (a `.container`) or `podman image pull IMAGE` (a `.image`). Unit file syntax:
`Key=Value` lines in `[Section]`s, comments starting with `#` or `;`, a backslash at a line's end continuing it.
Not images: a value naming another unit (`Image=app.image`, `Image=app.build`: that unit's image, read in its own
file, or one Quadlet builds), a container with `Pull=never` (it runs only what the host has). A value with a systemd
specifier (`%h`, `%i`) or an environment variable is known only on the host and is unresolved, naming it.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found

_SECTION_RE = re.compile(r"^\[([^\]]+)\]\s*$")
_KEY_RE = re.compile(r"^([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*?)\s*$")
_IMAGE_SECTIONS = frozenset(["Container", "Image"])


def _entries(text: str) -> list[tuple[int, str, str, str]]:
    """(line, section, key, value) of each entry, continuations joined."""
    out: list[tuple[int, str, str, str]] = []
    section = ""
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index].strip()
        index += 1
        while line.endswith("\\") and index < len(lines):
            line = line[:-1] + " " + lines[index].strip()
            index += 1
        if not line or line.startswith(("#", ";")):
            continue
        if (header := _SECTION_RE.match(line)) is not None:
            section = header.group(1).strip()
        elif (entry := _KEY_RE.match(line)) is not None:
            out.append((number, section, entry.group(1), entry.group(2)))
    return out


def _problem(value: str) -> str | None:
    if (specifier := re.search(r"%[A-Za-z]", value)) is not None:
        return f"{specifier.group()} is a systemd specifier, known only on the host"
    if "$" in value:
        return "an environment variable, known only on the host"
    return None


def quadlet_images(text: str, origin: str) -> list[Found]:
    """The `Image=` of each `[Container]` or `[Image]` section, with its line; none for `Pull=never`."""
    entries = _entries(text)
    never = {section for _, section, key, value in entries if key == "Pull" and value.strip("\"'").lower() == "never"}
    found: list[Found] = []
    for number, section, key, value in entries:
        image = value.strip("\"'")
        if key != "Image" or section not in _IMAGE_SECTIONS or section in never or not image:
            continue
        if image.endswith((".image", ".build")):
            continue  # another unit's image
        found.append(Found(image, origin, number, _problem(image), use=f"[{section}] Image"))
    return found
