"""The images of a tool's table of digest-pinned images, which its own code reads (pure).

A Python tool that runs its work in containers ships the images it pulls as a resource file of its package, one
image pinned by digest per platform and flavour, so that a release always pulls the same bytes: cibuildwheel's
`cibuildwheel/resources/pinned_docker_images.cfg` (`[x86_64]` / `manylinux_2_28 = quay.io/pypa/manylinux_2_28_x86_64
@sha256:...  # 2026.08.15-1`), read with configparser (https://cibuildwheel.pypa.io/en/stable/options/#linux-image:
the default images are these pins) and handed to `docker create` when it builds Linux wheels, as its tests and their
docker warm-up helper do.

Read: an INI file (`.cfg`, `.ini`) whose every entry (`key = value` or `key: value` under a `[section]`; a `#` or `;`
comment after it dropped) is an image reference pinned with a digest and naming a registry or a namespace, at least
one. The caller (cli/discover_pinned_tables.py) reads it only when a Python source of the tree names the file in a
string literal (the tool reads it) and a Python source of the tree runs docker or podman with an image it computes
(the command's image is unresolved): the table is then where the computed image comes from. A table with any other
value (a setting, a bare tag, a reference without a digest) is configuration of another kind, and is not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.oci.reference import reference_or_none

KIND = "pinned image table"
# a file a Python string literal names: `"pinned_docker_images.cfg"`, `PATH / "images.ini"`
NAMED_TABLE_RE = re.compile(r"""["'](?P<name>[\w.-]+\.(?:cfg|ini))["']""")
_SECTION_RE = re.compile(r"\[[^\]\n]+\]")
_ENTRY_RE = re.compile(r"(?P<key>[\w.-]+)[ \t]*[=:][ \t]*(?P<value>[^\s#;]+)[ \t]*(?:[#;].*)?")


def _pinned(value: str) -> bool:
    """Whether `value` is an image pinned by digest whose name has a registry or a namespace."""
    reference = reference_or_none(value, default_tag=None)
    return reference is not None and reference.digest is not None and "/" in value.split("@", 1)[0]


def pinned_table_images(text: str, origin: str, named_by: str) -> list[Found]:
    """The images of `text` when it is a table of digest-pinned images (see the module's docstring), at their
    lines; empty for a file with any line of another kind."""
    found: list[Found] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")) or _SECTION_RE.fullmatch(line):
            continue
        entry = _ENTRY_RE.fullmatch(line)
        if entry is None or not _pinned(entry["value"]):
            return []
        found.append(Found(entry["value"], origin, number, use=f"pinned image (named by {named_by})", kind=KIND))
    return found
