"""The images C# sources join from string constants of another class of the tree (choose/discovery/
csharp_class_constants.py): an Aspire hosting integration's `.WithImage(Tags.Image, Tags.Tag)` and a Testcontainers
fixture's `$"{Images.Registry}/{Images.Postgres}"`. Only the C# sources that may start containers (they name
Testcontainers or Aspire's `DistributedApplication`/`IResourceBuilder`) are decoded, and the files named after the
classes they qualify names with are opened only then."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.aspire_containers import MARK, RESOURCE_MARK, aspire_images
from ecr_mirror.choose.discovery.csharp_class_constants import class_constants, inlined, referenced_classes
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, started_images

_MARKS = (MARK, RESOURCE_MARK)


def csharp_constant_pulls(
    sources: list[tuple[str, Path]], found: list[Found], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images of the C# sources of `sources` ((name shown, path)) that may start containers, read again with the
    string constants of the tree's classes they name written as literals, those `found` does not hold already."""
    texts: dict[str, str] = {}
    for shown, path in sources:
        if not shown.endswith(".cs") or (data := read(path)) is None:
            continue
        if mentions_testcontainers(data) or any(mark in data for mark in _MARKS):
            texts[shown] = data.decode("utf-8-sig", errors="replace")
    wanted = {cls for text in texts.values() for cls in referenced_classes(text)}
    own: dict[str, list[str]] = {}
    for _, path in sources if wanted else ():
        cls = path.name.removesuffix(".cs")
        if path.name.endswith(".cs") and cls in wanted and (data := read(path)) is not None:
            own.setdefault(cls, []).append(data.decode("utf-8-sig", errors="replace"))
    constants = {key: value for cls, given in own.items() for key, value in class_constants(cls, given).items()}
    out: list[Found] = []
    known = set(found)
    for shown, text in texts.items() if constants else ():
        if (rewritten := inlined(text, constants)) == text:
            continue
        images = aspire_images(rewritten, shown)
        images += started_images(rewritten, shown) if "estcontainers" in text else []
        for item in images:
            if item not in known:
                known.add(item)
                out.append(item)
    return out
