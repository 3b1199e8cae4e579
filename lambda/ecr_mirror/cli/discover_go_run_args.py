"""The images Go files start through a test framework's run-arguments struct (choose/discovery/go_run_arg_structs.py):
the structs whose image field a function hands a container CLI are read from the Go files that name one and `.Image`,
then every Go file of the tree for their literals: unqualified in the same directory (the package), qualified with
the package's name elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_run_arg_structs import image_types, package_name, struct_literals
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

_CLIS = (b'"docker"', b'"podman"', b'"nerdctl"', b'"crictl"', b'"ctr"')


def go_run_arg_pulls(go_sources: list[tuple[str, Path]], read: Callable[[Path], bytes | None]) -> list[Found]:
    """The images the literals of run-arguments structs give, in the Go files of `go_sources` ((shown, path))."""
    types: dict[Path, tuple[str | None, dict[str, set[str]]]] = {}
    for _, path in go_sources:
        data = read(path)
        if data is None or b"Image" not in data or not any(cli in data for cli in _CLIS):
            continue
        text = data.decode("utf-8-sig", errors="replace")
        if fields := image_types(text):
            name, known = types.setdefault(path.parent, (package_name(text), {}))
            for kind, names in fields.items():
                known.setdefault(kind, set()).update(names)
    found: list[Found] = []
    for shown, path in go_sources if types else ():
        data = read(path)
        if data is None or not any(kind.encode() in data for _, known in types.values() for kind in known):
            continue
        text = data.decode("utf-8-sig", errors="replace")
        lines = LineIndex(text)
        for directory, (name, known) in types.items():
            qualifier = None if path.parent == directory else name
            if qualifier is None and directory != path.parent:
                continue
            for offset, image in struct_literals(text, known, qualifier):
                if reference_or_none(image) is not None:
                    found.append(Found(image, shown, lines.line(offset), use="run arguments", kind="Go source"))
    return found
