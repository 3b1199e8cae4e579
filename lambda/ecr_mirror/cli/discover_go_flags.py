"""The images Go programs' image flags default to through a constant of another package of their module
(choose/discovery/go_flag_images.py): operator-sdk's `--index-image` defaults to `fbcutil.DefaultIndexImage`, read in
the package the import names (the nearest `go.mod`'s module path, then the directory below it), its non-test files;
and a name the flag's file does not bind, in the other non-test files of its own directory (its package)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_flag_images import MARK, constant_images, package_defaults, qualified_defaults
from ecr_mirror.choose.discovery.go_helpers import imports
from ecr_mirror.cli.discover_go_created import module_of

Read = Callable[[Path], bytes | None]


def go_flag_pulls(go_sources: Iterable[tuple[str, Path]], read: Read) -> list[Found]:
    """The images of the image flags' defaults that are constants of other packages of the module."""
    sources = list(go_sources)
    found: dict[Found, None] = {}  # in order, each once
    for shown, path in sources:
        data = read(path) if shown.endswith(".go") else None
        if data is None or MARK not in data:
            continue
        text = data.decode("utf-8-sig", errors="replace")
        names = package_defaults(text, shown)  # constants of other files of the same package
        texts = package_texts(sources, path.parent, read, shown) if names else []
        for name in names:
            found.update(dict.fromkeys(constant_images(texts, name)))
        for _, item in qualified_constant_images(text, shown, path, qualified_defaults(text, shown), sources, read):
            found.setdefault(item)
    return list(found)


def qualified_constant_images(
    text: str, shown: str, path: Path, wanted: list[tuple[str, str]], sources: list[tuple[str, Path]], read: Read
) -> list[tuple[tuple[str, str], Found]]:
    """((package, name), image) of each `wanted` exported name of another package of the Go file's module, read in
    the package its import names (the module path of the nearest `go.mod`, then the directory below it)."""
    module = module_of(shown, path) if wanted else None
    if module is None:
        return []
    named = imports(text)
    images: list[tuple[tuple[str, str], Found]] = []
    packages: dict[Path, list[tuple[str, str]]] = {}  # each package's files read once, whatever its names asked
    for package, name in wanted:
        imported = named.get(package, "")
        if imported.startswith(module[0] + "/"):
            directory = module[1] / imported[len(module[0]) + 1 :]
            if directory not in packages:
                packages[directory] = package_texts(sources, directory, read)
            images += [((package, name), item) for item in constant_images(packages[directory], name)]
    return images


def package_texts(sources: list[tuple[str, Path]], directory: Path, read: Read, but: str = "") -> list[tuple[str, str]]:
    """(shown, text) of the non-test Go files of the package in `directory`, but the file `but`."""
    return [
        (other, raw.decode("utf-8-sig", errors="replace"))
        for other, where in sources
        if where.parent == directory
        and other != but
        and other.endswith(".go")
        and not other.endswith("_test.go")
        and (raw := read(where)) is not None
    ]
