"""The images named by the uses of the tree's annotations that its Testcontainers sources give as an image
(choose/discovery/annotation_images.py): the annotation types are learnt from the decoded Testcontainers sources,
then every Java and Kotlin source of the tree that names one is read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.annotation_images import annotated_images, image_attributes
from ecr_mirror.choose.discovery.found import Found


def annotation_pulls(
    sources: Iterable[tuple[str, Path]], decoded: dict[str, tuple[Path, str]], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images the uses of such annotations name in `sources` ((name shown, path)); `decoded`: the Testcontainers
    sources' texts; `read`: a file's bytes, None when it cannot be read."""
    pairs = {pair for _, text in decoded.values() for pair in image_attributes(text)}
    if not pairs:
        return []
    marks = {f"@{annotation}".encode() for annotation, _ in pairs}
    found: list[Found] = []
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
