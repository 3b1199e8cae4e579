"""The helper packages of a Go end-to-end suite's own test tree, read as the suite (go_e2e_images.py): the packages
of the suite's module that its files import from the directory above the suite (`tests/utils/objectstore` for
`tests/e2e`), each file read with the literal bindings of its package's other files, as a registry constant of
`data.go` (`defaultImageRegistry = "gcr.io/.../dbaas/"`) names the images the package's other files join with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_helpers import helper_call_images, image_parameters
from ecr_mirror.choose.discovery.go_e2e_images import e2e_directory, e2e_images, imports
from ecr_mirror.choose.discovery.go_helpers import module_path
from ecr_mirror.choose.discovery.go_literal_bindings import bindings


def module_of(shown: str, path: Path) -> tuple[str, Path] | None:
    """The nearest `go.mod` (in the tree) above a Go file: its module path and its directory."""
    directory = path.parent
    for depth in range(len(PurePath(shown).parts) - 1, -1, -1):
        go_mod = directory / "go.mod"
        if go_mod.is_file():
            module = module_path(go_mod.read_text(errors="replace"))
            return (module, directory) if module is not None else None
        if depth == 0:
            break
        directory = directory.parent
    return None


def import_path(shown: str, path: Path) -> str | None:
    """A Go file's package import path: the nearest `go.mod`'s module (in the tree) and the directory under it."""
    if (found := module_of(shown, path)) is None:
        return None
    module, root = found
    below = path.parent.relative_to(root).as_posix()
    return module if below == "." else f"{module}/{below}"


_TEST_MODULES = ("test", "tests", "testing")  # a Go module of tests alone, as its directory names it


def suite_helpers(suites: list[tuple[str, Path, str]]) -> set[Path]:
    """The directories of the packages e2e suites ((shown, path, text)) import from their own test tree: the
    module's packages under the directory above the suite's (`tests/utils/objectstore` for `tests/e2e`), or, for a
    suite nested two or more levels below its `e2e` directory, under that directory (a framework package beside the
    suite's packages: `test/e2e/framework/v1` for `test/e2e/apps/v1`), when that directory is not the module's top
    (a suite at `e2e/` would lend it every production package: it lends the packages below its own directory,
    ingress2gateway's `e2e/framework`), unless the module is one of tests alone
    (cloudnative-pg's `tests/go.mod`); and, wherever it is, a package of the module under a directory named as a
    suite's (`e2e`: xk6-disruptor's `pkg/testutils/e2e/fixtures`, whose builders give the pods its suite deploys)."""
    helpers: set[Path] = set()
    for shown, path, text in suites:
        if (found := module_of(shown, path)) is None:
            continue
        root = found[1]
        named = e2e_directory(PurePath(shown))
        depth = len(PurePath(shown).parent.parts) - len(named.parts) if named is not None else 0
        tree = path.parents[depth] if depth > 1 else path.parent.parent  # a suite nested below its `e2e` directory
        top = tree == root and root.name not in _TEST_MODULES  # only the packages below the suite's directory
        for imported in imports(text):
            if imported.startswith(found[0] + "/"):
                below = imported[len(found[0]) + 1 :]
                directory = root / below
                support = e2e_directory(PurePath(below, "x.go")) is not None  # `pkg/testutils/e2e/fixtures`
                kept = path.parent in directory.parents if top else support or tree in directory.parents
                helpers |= {directory} if kept and directory != path.parent else set()
    return helpers


def helper_e2e_images(
    go_sources: list[tuple[str, Path]],
    helpers: set[Path],
    suites: list[tuple[str, Path, str]],
    read_bytes: Callable[[Path], bytes | None],
) -> list[Found]:
    """The images of the files (not `_test.go`) of the suites' helper packages, read as a suite's, and those the
    suites' files hand the helpers of either that put a parameter in an image field (go_e2e_helpers.py)."""
    found: list[Found] = []
    texts = [text for _, _, text in suites]
    read: list[tuple[str, Path, str]] = []
    for shown, path in go_sources if helpers else ():
        if path.parent not in helpers or path in {each for _, each, _ in suites} or shown.endswith("_test.go"):
            continue
        if (data := read_bytes(path)) is not None and (b"Image" in data or b"image:" in data or b"Img" in data):
            read.append((shown, path, text := data.decode("utf-8-sig", errors="replace")))
            texts.append(text)
    packages: dict[Path, dict[str, set[str]]] = {}  # a constant of one file names the registry of another's fields
    for _, path, text in read:
        for name, values in bindings(text).items():
            packages.setdefault(path.parent, {}).setdefault(name, set()).update(values)
    for shown, path, text in read:
        found += e2e_images(text, shown, helper=True, package=packages.get(path.parent, {}))
    parameters: dict[str, frozenset[int]] = {}
    for text in texts:
        for name, places in image_parameters(text).items():
            parameters[name] = parameters.get(name, frozenset()) | places
    return found + [item for shown, _, text in suites for item in helper_call_images(text, shown, parameters)]
