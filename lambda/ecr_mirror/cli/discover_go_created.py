"""The images of the Kubernetes objects Go code creates in a real cluster through client-go or controller-runtime
(choose/discovery/go_created_objects.py): the packages whose files call `.Create(` are read again, all their files,
for the functions that build the objects and for the fake clients and envtest that keep them from a kubelet, and so
are the packages of the same module (the nearest `go.mod`) they import, for the functions that build objects there."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import (
    MARK,
    add_imported,
    created_images,
    creating_package,
)
from ecr_mirror.choose.discovery.go_helpers import imports, module_path

Read = Callable[[Path], bytes | None]


def _module(shown: str, path: Path) -> tuple[str, Path] | None:
    """The nearest `go.mod` in the tree above a Go file: its module path and its directory."""
    directory = path.parent
    for _ in range(len(PurePath(shown).parts)):
        if (go_mod := directory / "go.mod").is_file():
            module = module_path(go_mod.read_text(errors="replace"))
            return (module, directory) if module is not None else None
        directory = directory.parent
    return None


def _lend_imports(
    package: list[tuple[str, str]],
    first: tuple[str, Path],
    by_directory: dict[Path, list[tuple[str, Path]]],
    read: Read,
) -> dict[str, list[tuple[str, str]]]:
    """The files of the module's packages the files of `package` import, by the name they call them."""
    if (module := _module(*first)) is None:
        return {}
    lent: dict[str, list[tuple[str, str]]] = {}
    for _, text in package:
        for name, imported in imports(text).items():
            if name in lent or not imported.startswith(module[0] + "/"):
                continue
            sources = by_directory.get(module[1] / imported[len(module[0]) + 1 :], [])
            lent[name] = [
                (shown, data.decode("utf-8-sig", errors="replace")) for shown, p in sources if (data := read(p))
            ]
    return lent


def go_created_pulls(go_sources: Iterable[tuple[str, Path]], packages: set[Path], read: Read) -> list[Found]:
    """The images of the objects the Go files of `packages` (directories) create in a cluster."""
    by_directory: dict[Path, list[tuple[str, Path]]] = {}
    for shown, path in go_sources if packages else ():
        if not shown.endswith("_test.go") or path.parent in packages:
            by_directory.setdefault(path.parent, []).append((shown, path))
    found: list[Found] = []
    for directory in [each for each in by_directory if each in packages]:
        sources, creating = [], []
        for shown, path in by_directory.get(directory, []):
            if (data := read(path)) is not None:
                sources.append((shown, data.decode("utf-8-sig", errors="replace")))
                creating += [shown] if MARK in data else []
        package = creating_package(sources)
        if not creating:
            continue
        for name, lent in _lend_imports(sources, by_directory[directory][0], by_directory, read).items():
            add_imported(package, name, lent)
        for shown in creating:
            found += [item for item in created_images(shown, package) if item not in found]
    return found
