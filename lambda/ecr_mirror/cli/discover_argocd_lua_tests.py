"""The inputs of Argo CD's Lua health check and action tests: fed to the scripts offline, never applied; not read.

Argo CD's resource customizations (`resource_customizations/GROUP/KIND/health.lua`, `actions/NAME/action.lua`) are
Lua scripts, and "each health check must have tests defined in `health_test.yaml`", a declaration of `tests:`, each
an `inputPath` (a resource under `testdata/`, "extracted from the cluster ... by running `kubectl get ... -oyaml`")
with the `healthStatus` the script must give it
(https://argo-cd.readthedocs.io/en/stable/operator-manual/health/#custom-health-checks); actions have
`actions/action_test.yaml`, whose `discoveryTests:` and `actionTests:` name an `inputPath` and the
`expectedOutputPath` the action must turn it into. `go test ./util/lua/` reads each declaration and runs the script on
those files: nothing is applied, their images are what a script is checked against (`argoproj/rollouts-demo:blue`,
`bad-image:latest`), pulled by no one. Those files and the declarations are left out; a file under the same
`testdata/` that no declaration names is read, and so is a file named `health_test.yaml` or `action_test.yaml` that
declares no such test (no list of entries with an `inputPath`).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.yaml_errors import READ_ERRORS

ARGOCD_LUA_TESTS = "inputs of Argo CD Lua health and action tests (health_test.yaml, action_test.yaml, offline)"
DECLARATION_NAMES = frozenset({"health_test.yaml", "action_test.yaml"})
_LISTS = ("tests", "actionTests", "discoveryTests")
_PATH_KEYS = ("inputPath", "expectedOutputPath")
_MAX_TEST_BYTES = 1024 * 1024


def _named(declaration: Path) -> set[Path] | None:
    """The files the test declaration `declaration` names by `inputPath` or `expectedOutputPath`, relative to it;
    None when it is no such declaration (not a mapping of those lists, or no entry naming an input)."""
    try:
        with declaration.open("rb") as handle:
            loaded = yaml.safe_load(handle.read(_MAX_TEST_BYTES))
    except READ_ERRORS:
        return None
    if not isinstance(loaded, dict) or not loaded or not set(loaded) <= {*_LISTS}:
        return None
    entries = [entry for key in _LISTS if isinstance(items := loaded.get(key), list) for entry in items]
    if not entries or not all(isinstance(entry, dict) and isinstance(entry.get("inputPath"), str) for entry in entries):
        return None
    named: set[Path] = set()
    for entry in entries:
        for key in _PATH_KEYS:
            if isinstance(text := entry.get(key), str) and (path := (declaration.parent / text).resolve()).is_file():
                named.add(path)
    return named


def argocd_lua_test_inputs(files: list[tuple[str, Path, Kind]]) -> list[tuple[str, Path, Kind]]:
    """The files of `files` that are Argo CD Lua test declarations or files one names."""
    left_out: set[Path] = set()
    for _, path, kind in files:
        if kind is Kind.YAML and path.name in DECLARATION_NAMES and (named := _named(path)) is not None:
            left_out |= {path.resolve(), *named}
    return [item for item in files if item[1].resolve() in left_out] if left_out else []
