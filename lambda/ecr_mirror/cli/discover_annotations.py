"""The images named by the uses of the tree's annotations that its Testcontainers sources give as an image
(choose/discovery/annotation_images.py): the annotation types are learnt from the decoded Testcontainers sources,
then every Java and Kotlin source of the tree that names one is read. In a tree whose sources import Testcontainers, the
image elements of its JUnit composed annotations (choose/discovery/composed_annotations.py) are such attributes
too, and their defaults are listed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.annotation_images import annotated_images, image_attributes
from ecr_mirror.choose.discovery.composed_annotations import extension_image_defaults
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.testcontainers import uses_testcontainers


def annotation_pulls(
    sources: Iterable[tuple[str, Path]], decoded: dict[str, tuple[Path, str]], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images the uses of such annotations name in `sources` ((name shown, path)); `decoded`: the Testcontainers
    sources' texts; `read`: a file's bytes, None when it cannot be read."""
    pairs = {pair for _, text in decoded.values() for pair in image_attributes(text)}
    imports = any(uses_testcontainers(text) for _, text in decoded.values())
    declared, found = _composed_defaults(sources, read) if imports else (set(), [])
    pairs |= declared
    if not pairs:
        return []
    marks = {f"@{annotation}".encode() for annotation, _ in pairs}
    for shown, path in sources:
        if not shown.endswith((".java", ".kt")):
            continue
        data = read(path)
        if data is None or not any(mark in data for mark in marks):
            continue
        try:
            found += annotated_images(data.decode("utf-8-sig"), shown, pairs)
        except UnicodeDecodeError:
            continue  # the sources' reading warns about it when it decodes it
    return found


def _composed_defaults(
    sources: Iterable[tuple[str, Path]], read: Callable[[Path], bytes | None]
) -> tuple[set[tuple[str, str]], list[Found]]:
    """(annotation type, element) of the image elements of the composed annotations `sources` declare, and their
    defaults."""
    pairs: set[tuple[str, str]] = set()
    found: list[Found] = []
    for shown, path in sources:
        if not shown.endswith((".java", ".kt")):
            continue
        data = read(path)
        if data is None or b"ExtendWith" not in data or not (b"@interface" in data or b"annotation class" in data):
            continue
        try:
            declared, defaults = extension_image_defaults(data.decode("utf-8-sig"), shown)
        except UnicodeDecodeError:
            continue
        pairs |= declared
        found += defaults
    return pairs, found
