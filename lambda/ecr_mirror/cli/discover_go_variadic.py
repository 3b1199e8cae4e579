"""The images Go files hand the tree's variadic docker wrappers (choose/discovery/go_variadic_wrappers.py): the
wrappers are read from the Go files whose bytes hold `...string`, each package's by
its directory and its import path (the nearest `go.mod`'s module and the directory under it); then every Go file of
such a package, and every Go file naming one's import path, is read for their calls."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_variadic_wrappers import Wrapper, variadic_runs, variadic_wrappers
from ecr_mirror.cli.discover_go_suites import import_path


def go_variadic_pulls(
    go_sources: Iterable[tuple[str, Path]], declaring: set[Path], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images the tree's Go files hand the variadic docker wrappers that the files `declaring` (those whose
    bytes hold go_variadic_wrappers.MARK) declare."""
    go_sources = list(go_sources) if declaring else []
    own: dict[Path, dict[str, list[Wrapper]]] = {}
    imported: dict[str, dict[str, list[Wrapper]]] = {}
    for shown, path in go_sources:
        if path in declaring and (data := read(path)) is not None:
            wrappers = variadic_wrappers(data.decode("utf-8-sig", errors="replace"))
            if wrappers:
                own.setdefault(path.parent, {}).update(wrappers)
                if not shown.endswith("_test.go") and (package := import_path(shown, path)):
                    imported.setdefault(package, {}).update(wrappers)
    marks = [f'"{package}"'.encode() for package in imported]
    found: list[Found] = []
    for shown, path in go_sources if own else ():
        here = own.get(path.parent, {})
        if (here or marks) and (data := read(path)) is not None and (here or any(mark in data for mark in marks)):
            found += variadic_runs(data.decode("utf-8-sig", errors="replace"), shown, here, imported)
    return found
