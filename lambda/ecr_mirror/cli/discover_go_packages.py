"""The images Go files name through the package-level variables their package sets in another of its files
(choose/discovery/go_package_values.py): a docker command's image left unresolved because the file gives its name no
value (flannel's functional suite runs `dockerRun(..., etcdImg, ...)` in `etcd_test.go`, `etcdImg` set from
`env("ETCD_IMG", "quay.io/coreos/etcd:v3.6.2")` in `functional_suite_test.go`) takes the value the package gives it, and
an e2e suite's `Image:` field naming such a variable (`Image: multitoolImage` in flannel's `e2e/kube.go`) is read with
it. The files of a package are those of one directory with the same package clause (a `package x_test` file beside
`package x` is another package, https://go.dev/cmd/go/#hdr-Test_packages)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_e2e_images import e2e_images
from ecr_mirror.choose.discovery.go_package_values import package_values
from ecr_mirror.oci.reference import reference_or_none

_GO_KIND = "Go source"
_NAME_RE = re.compile(r"\$\{([A-Za-z_]\w*)\}")
_PACKAGE_RE = re.compile(rb"^package[ \t]+(\w+)", re.MULTILINE)


def _packages(
    go_sources: list[tuple[str, Path]], directories: set[Path], read: Callable[[Path], bytes | None]
) -> dict[tuple[Path, str], list[tuple[str, Path, str]]]:
    """The Go files of `directories`, grouped by package (directory and package clause)."""
    packages: dict[tuple[Path, str], list[tuple[str, Path, str]]] = {}
    for shown, path in go_sources:
        if path.parent not in directories or (data := read(path)) is None:
            continue
        if (clause := _PACKAGE_RE.search(data)) is not None:
            key = (path.parent, clause.group(1).decode())
            packages.setdefault(key, []).append((shown, path, data.decode("utf-8-sig", errors="replace")))
    return packages


def _resolved(item: Found, values: dict[str, str]) -> Found:
    """`item` (an unresolved image of a Go file) with its `${NAME}`s the package's values, when they are all known
    and make an image reference."""
    names = _NAME_RE.findall(item.text)
    if not names or any(name not in values for name in names):
        return item
    text = _NAME_RE.sub(lambda match: values[match.group(1)], item.text)
    return dataclasses.replace(item, text=text, problem=None) if reference_or_none(text) is not None else item


def package_value_pulls(
    found: list[Found],
    go_sources: list[tuple[str, Path]],
    suites: list[tuple[str, Path, str]],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """`found`, each unresolved image of a Go file resolved with the package-level values its package gives, and the
    images the `Image:` fields of the suites' files (`suites`) name through those values, added."""
    where = {shown: path for shown, path in go_sources}
    open_items = [item for item in found if item.problem is not None and item.kind == _GO_KIND and "${" in item.text]
    directories = {where[item.origin].parent for item in open_items if item.origin in where}
    directories |= {path.parent for _, path, _ in suites}
    if not directories:
        return found
    values: dict[Path, dict[str, str]] = {}  # a file's package's values
    for files in _packages(go_sources, directories, read).values():
        known = package_values([text for _, _, text in files])
        values.update({path: known for _, path, _ in files} if known else {})
    out = [
        _resolved(item, values[where[item.origin]]) if item in open_items and where.get(item.origin) in values else item
        for item in found
    ]
    seen = {(item.origin, item.line, item.text) for item in out}
    for shown, path, text in suites:
        if path not in values:
            continue
        package = {name: {value} for name, value in values[path].items()}
        out += [item for item in e2e_images(text, shown, package=package) if (shown, item.line, item.text) not in seen]
    return out
