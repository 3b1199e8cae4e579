"""The images a JavaScript or TypeScript program keeps in constants named for them (pure).

A program that runs containers keeps their images in constants: Azure Pipelines' container apps task holds `const
ORYX_BUILDER_IMAGE: string = 'mcr.microsoft.com/oryx/builder:20230208.1'`, handed to `pack build --builder`, and
`ORYX_CLI_IMAGE`, handed to `docker run`. Read, in a `*.js`, `*.mjs`, `*.cjs`, `*.ts`, `*.mts`, `*.cts` source that is
not a test file (`*.spec.*`, `*.test.*`), a `const` (`export` too, a type annotation allowed) whose name is upper
case ending in `_IMAGE` (as the Rust and Go readers' program constants, rust_program_images.py), bound to one string
literal that is an image reference with a tag or a digest naming a registry or a namespace (a bare `ubuntu:22.04` is
more often a base a user picks; an untagged name is joined with a tag elsewhere), and named again in the file, at the
literal's line, `use` `image constant`. A digest-pinned constant of any name is js_pinned_constants.py's.
"""

from __future__ import annotations

import re
from collections import Counter

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.js_pinned_constants import SUFFIXES, is_test_file
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

MARK = b"_IMAGE"
USE = "image constant"
_CONSTANT_RE = re.compile(
    r"^[ \t]*(?:export[ \t]+)?const[ \t]+(?P<name>[A-Z][A-Z0-9_]*_IMAGE)[ \t]*(?::[ \t]*string[ \t]*)?=[ \t]*"
    r"(?P<quote>[\"'`])(?P<image>[^\"'`\s$]+)(?P=quote)[ \t]*;?[ \t]*(?://[^\n]*)?$",
    re.MULTILINE,
)
_TAGGED_RE = re.compile(r":[\w][\w.-]*$")


def may_hold_image_constants(shown: str, data: bytes) -> bool:
    """Whether `shown` is a JavaScript/TypeScript source, not a test file, that mentions a name ending `_IMAGE`."""
    return shown.endswith(SUFFIXES) and not is_test_file(shown) and MARK in data


def image_constant_images(text: str, origin: str) -> list[Found]:
    """The tagged images the source's used `*_IMAGE` constants hold, in order (digest-pinned ones left to
    js_pinned_constants.py)."""
    lines, kind = LineIndex(text), f"{language_of(origin)} source"
    declared = list(_CONSTANT_RE.finditer(text))
    if not declared:
        return []
    named = Counter(re.findall(r"\b[A-Z][A-Z0-9_]*_IMAGE\b", text))
    found: list[Found] = []
    for constant in declared:
        image = constant["image"]
        if "@" in image or _TAGGED_RE.search(image) is None or "/" not in image or named[constant["name"]] < 2:
            continue
        if reference_or_none(image) is not None:
            found.append(Found(image, origin, lines.line(constant.start("image")), use=USE, kind=kind))
    return found
