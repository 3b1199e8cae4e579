"""The images Go files hand a package's Testcontainers helpers through an options struct
(choose/discovery/go_option_images.py): the helpers' option fields are read from the Go files that import
Testcontainers, then every Go file of the same directory (the package) for the struct's literals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_option_images import option_fields, option_literals
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none


def go_option_pulls(
    go_sources: list[tuple[str, Path]], decoded: dict[str, tuple[Path, str]], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images the literals of the options structs of the Testcontainers files `decoded` ((path, text) by shown
    name) give, in the Go files of `go_sources` in the same directory."""
    fields: dict[Path, dict[str, set[str]]] = {}
    for shown, (path, text) in decoded.items():
        if shown.endswith(".go"):
            for kind, names in option_fields(text).items():
                fields.setdefault(path.parent, {}).setdefault(kind, set()).update(names)
    found: list[Found] = []
    for shown, path in go_sources if fields else ():
        if (wanted := fields.get(path.parent)) is None or (data := read(path)) is None:
            continue
        text = data.decode("utf-8-sig", errors="replace")
        lines = LineIndex(text)
        for offset, image in option_literals(text, wanted):
            if reference_or_none(image) is not None:
                found.append(Found(image, shown, lines.line(offset), use="testcontainers", kind="Go source"))
    return found
