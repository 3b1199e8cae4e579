"""The files of Kyverno CLI tests: evaluated offline by `kyverno test`, never applied; not read.

`kyverno test DIR` "recursively looks for YAML files with policy test declarations" named `kyverno-test.yaml` (`-f`
names another) and tests the resources they list "against policies by comparing expected results, declared ahead of
time in a test manifest file, to actual results reported by Kyverno", without a cluster
(https://kyverno.io/docs/kyverno-cli/usage/test/, https://kyverno.io/docs/kyverno-cli/reference/kyverno_test/). A
test declaration (`apiVersion: cli.kyverno.io/...`, `kind: Test`; or a `kyverno-test.yaml` with `policies` and
`results`, in the older shape without `apiVersion` and `kind`, or with `kind: Test`) names its policies, resources,
exceptions, variables, user info, context and each result's patched, generated or clone-source resources by path,
relative to it: their images are what a policy is checked against (`nginx:1.12`, `busyboxasdfasdf:1.28`), pulled by
no one. Those files and the declaration itself (its inline `globalContextEntries` resources) are left out; a
manifest beside them that no test names is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_small_files import declared_yaml

KYVERNO_TESTS = "inputs of Kyverno CLI tests (kyverno-test.yaml and the files it names, evaluated offline)"
TEST_FILE_NAME = "kyverno-test.yaml"
_DECLARATION_RE = re.compile(rb"^apiVersion:\s*['\"]?cli\.kyverno\.io/", re.MULTILINE)


def _declaration(path: Path) -> dict[str, object] | None:
    """The test declared in `path`, or None when it is no Kyverno CLI test."""
    if (found := declared_yaml(path, _DECLARATION_RE, "Test", named=path.name == TEST_FILE_NAME)) is None:
        return None
    loaded, declared = found
    # by its name: the older shape, without `apiVersion` and `kind`, or another `apiVersion` with `kind: Test`
    return loaded if declared or {"policies", "results"} <= loaded.keys() else None


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _named(test: Path, declaration: dict[str, object]) -> set[Path]:
    """The files a declaration names: any string of it that is the path of a file, relative to its directory (the
    fields naming files are many and grow with each release: `policies`, `resources`, `clusterResources`,
    `exceptions`, `variables`, `userinfo`, `context`, `patchedResources`, `generatedResource`, ...)."""
    named: set[Path] = set()
    for text in _strings(declaration):
        if "\n" in text or not text.lower().endswith((".yaml", ".yml", ".json")):
            continue
        path = (test.parent / text).resolve()
        if path.is_file():
            named.add(path)
    return named


def kyverno_test_inputs(files: list[tuple[str, Path, Kind]]) -> list[tuple[str, Path, Kind]]:
    """The files of `files` that are Kyverno CLI test declarations or files one names."""
    left_out: set[Path] = set()
    for _, path, kind in files:
        if kind is Kind.YAML and (declaration := _declaration(path)) is not None:
            left_out |= {path.resolve(), *_named(path, declaration)}
    return [item for item in files if item[1].resolve() in left_out] if left_out else []
