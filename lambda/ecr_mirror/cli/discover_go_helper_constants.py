"""The image constants of Go test helper packages (go_helper_image_constants.py), and the images a helper package's
file hands a container builder (discover_go_helper_builders.py), kept only for a package another Go file of the tree
imports: a helper no test imports deploys nothing (as a suite's helpers are read only when a suite
imports them, discover_go_suites.py). An import from a package of envtest suites (one of its files imports
controller-runtime's envtest) does not count: envtest runs an API server and etcd and no kubelet, so a pod it stores is
never scheduled and its image never pulled (https://book.kubebuilder.io/reference/envtest)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_helper_image_constants import USE
from ecr_mirror.cli.discover_go_helper_builders import BUILDER_USE, go_helper_builder_pulls
from ecr_mirror.cli.discover_go_suites import import_path

ENVTEST = b'"sigs.k8s.io/controller-runtime/pkg/envtest"'


def imported_helper_constants(
    found: list[Found], go_sources: list[tuple[str, Path]], read_bytes: Callable[[Path], bytes | None]
) -> list[Found]:
    """`found` with the images Go test code hands its module's container builders (discover_go_helper_builders.py:
    `b.AddContainer(name, "quay.io/...")`, but where `found` lists the same image at the same line already, an e2e
    suite's call of its own helper), without the helper constants and builder images of a package no other Go file of
    the tree imports."""
    listed = {(item.text, item.origin, item.line) for item in found}
    found = found + [
        item
        for item in go_helper_builder_pulls(go_sources, read_bytes)
        if (item.text, item.origin, item.line) not in listed
    ]
    helpers = [item for item in found if _helper_s(item)]
    if not helpers:
        return found
    paths = {shown: path for shown, path in go_sources}
    packages: dict[str, str] = {}  # a helper's file -> its package's import path
    for item in helpers:
        if item.origin in paths and (imported := import_path(item.origin, paths[item.origin])) is not None:
            packages[item.origin] = imported
    wanted = {f'"{imported}"'.encode(): imported for imported in packages.values()}
    importers: dict[Path, set[str]] = {}  # a directory -> the helper packages its files import
    envtest: set[Path] = set()
    for _, path in go_sources:  # a Go package never imports itself
        if (data := read_bytes(path)) is None:
            continue
        importers.setdefault(path.parent, set()).update(imported for mark, imported in wanted.items() if mark in data)
        if ENVTEST in data:
            envtest.add(path.parent)
    used = {imported for directory, names in importers.items() if directory not in envtest for imported in names}
    return [item for item in found if not _helper_s(item) or packages.get(item.origin) in used]


def _helper_s(item: Found) -> bool:
    """Whether an image is a helper package's: its constant, or an argument a non-test file hands a builder."""
    builder = item.use is not None and item.use.startswith(BUILDER_USE) and not item.origin.endswith("_test.go")
    return item.use == USE or builder
