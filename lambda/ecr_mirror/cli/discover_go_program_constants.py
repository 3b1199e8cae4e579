"""The images the `Image:` fields of a Go program's own code name through a constant of another package of its
module (choose/discovery/go_program_images.qualified_fields): sonobuoy's `pkg/client/gen.go` gives its systemd-logs
plugin `Image: config.DefaultSystemdLogsImage`, declared `DefaultSystemdLogsImage = "sonobuoy/systemd-logs:v0.4"` in
`pkg/config`. Read as the image flags' defaults are (cli/discover_go_flags.py): the package the import names (the
nearest `go.mod`'s module path, then the directory below it), its non-test files, the name bound there to one
literal with a tag or a digest, at the literal's line, `use` `Image (Go program, config.DefaultSystemdLogsImage)`.
A package of another module, a value computed (`"sonobuoy/sonobuoy:" + buildinfo.Version`) or a repository without
a tag (chosen when the program runs) is not read."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_program_images import MARK, qualified_fields
from ecr_mirror.cli.discover_go_flags import qualified_constant_images

Read = Callable[[Path], bytes | None]


def program_texts(sources: list[tuple[str, Path]], read: Read, mark: bytes) -> Iterator[tuple[str, Path, str]]:
    """(shown, path, text) of each Go file of a program's own code (not `_test.go`) holding the bytes `mark`."""
    for shown, path in sources:
        data = read(path) if shown.endswith(".go") and not shown.endswith("_test.go") else None
        if data is not None and mark in data:
            yield shown, path, data.decode("utf-8-sig", errors="replace")


def go_program_constant_pulls(go_sources: Iterable[tuple[str, Path]], read: Read) -> list[Found]:
    """The images of the program `Image:` fields that name another package's constant of the module."""
    sources = list(go_sources)
    found: dict[Found, None] = {}  # in order, each once
    for shown, path, text in program_texts(sources, read, MARK):
        for (package, name), item in qualified_constant_images(
            text, shown, path, qualified_fields(text, shown), sources, read
        ):
            found.setdefault(dataclasses.replace(item, use=f"Image (Go program, {package}.{name})"))
    return list(found)
