"""The images a Go test's code under a directory of tests hands a container builder of its own module.

A functional or end-to-end test framework often builds the pods it creates in a cluster with the operator's own pod
builder: cluster-logging-operator's `internal/runtime` declares `func (builder *PodBuilder) AddContainer(name, image
string) *ContainerBuilder`, whose body puts `image` in the container's `Image:` field, and its test framework's
`test/framework/functional/output_victorialogs.go` calls `b.AddContainer(name,
"quay.io/victoriametrics/victoria-logs:v1.34.0")`. A builder is a function or method whose `string` parameter its body
gives, alone, to an `Image:` field, `.WithImage(...)` or an object's `.Image` (go_e2e_helpers.image_parameters),
declared in a non-test Go file of the calling file's own package or of a package of its module the file imports (the
nearest `go.mod`'s module path, then the directory below it). Read in Go files under a directory of tests
(go_created_objects.is_test_code: `test/`, `e2e/`, `integration/`, ...; a `_test.go` elsewhere is a unit test, whose
builder images are fixtures compared, not pulled): each call of a builder by name (`b.AddContainer(`, a chained
`.AddContainer(` on a line of its own) hands it the argument in the parameter's place, a literal or a name the file
binds to one before the call, listed when it is an image reference naming a registry, a namespace or a tag, at the
call's line, `use` `image argument (Go test helper NAME)`. A file that is no `_test.go` is a helper package's, kept
only when another Go file of the tree imports its package (discover_go_helper_constants.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_created_objects import is_test_code
from ecr_mirror.choose.discovery.go_e2e_helpers import helper_call_images, image_parameters
from ecr_mirror.choose.discovery.go_helpers import imports
from ecr_mirror.cli.discover_go_suites import module_of

BUILDER_USE = "image argument (Go test helper"
Read = Callable[[Path], bytes | None]


def _under_tests(shown: str) -> bool:
    """Whether a Go file sits under a directory of tests (its own name aside)."""
    return is_test_code(shown.rpartition("/")[0] + "/x.go") if "/" in shown else False


def go_helper_builder_pulls(go_sources: list[tuple[str, Path]], read: Read) -> list[Found]:
    """The images Go files under a directory of tests hand their module's container builders (see the module)."""
    callers = [(shown, path) for shown, path in go_sources if shown.endswith(".go") and _under_tests(shown)]
    if not callers:
        return []
    by_directory: dict[Path, list[Path]] = {}
    for shown, path in go_sources:
        if shown.endswith(".go") and not shown.endswith("_test.go"):
            by_directory.setdefault(path.parent, []).append(path)
    builders: dict[Path, dict[str, frozenset[int]]] = {}  # a package's directory -> its builders

    def package_builders(directory: Path) -> dict[str, frozenset[int]]:
        if directory not in builders:
            found: dict[str, frozenset[int]] = {}
            for path in by_directory.get(directory, []):
                data = read(path)
                if data is None or b"Image" not in data:
                    continue
                for name, places in image_parameters(data.decode("utf-8-sig", errors="replace")).items():
                    found[name] = found.get(name, frozenset()) | places
            builders[directory] = found
        return builders[directory]

    images: list[Found] = []
    for shown, path in callers:
        data = read(path)
        if data is None or b'"' not in data:
            continue
        text = data.decode("utf-8-sig", errors="replace")
        known = dict(package_builders(path.parent))
        module = module_of(shown, path)
        for imported in imports(text).values() if module is not None else ():
            assert module is not None
            if imported.startswith(module[0] + "/"):
                for name, places in package_builders(module[1] / imported[len(module[0]) + 1 :]).items():
                    known[name] = known.get(name, frozenset()) | places
        for item in helper_call_images(text, shown, known):
            function = item.use.removeprefix("Image (e2e helper ").removesuffix(")")
            images.append(dataclasses.replace(item, use=f"{BUILDER_USE} {function})"))
    return images
