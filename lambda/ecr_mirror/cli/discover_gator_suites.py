"""The objects of Gatekeeper gator suites that every case expects a policy to deny: never created; not read.

`gator verify DIR` finds the suites under DIR (`kind: Suite`, `apiVersion: test.gatekeeper.sh/v1alpha1`) and, for
each case of each test, evaluates the object the case names (`object:`, a path from the suite's directory) against
the test's template and constraint offline, checking the case's `assertions` (`violations: yes`, `no` or a count,
with an optional `message`; https://open-policy-agent.github.io/gatekeeper/website/docs/gator/). An object whose
cases all expect a violation is one the constraint denies: gator creates nothing, and a cluster enforcing the
constraint rejects it at admission (gatekeeper-library's `example_disallowed*.yaml`, `ubuntumalicious:latest`,
`k8s.gcr.io/kustomize/kustomize:v3.8.9`). An object a case expects to pass is read: a policy library's own
integration test may apply it to a cluster (gatekeeper-library's bats test applies `example_allowed*.yaml`).
"""

from __future__ import annotations

import re
from pathlib import Path

from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.cli.discover_small_files import declared_yaml

GATOR_DENIED = "objects gator suites expect a policy to deny (test.gatekeeper.sh Suite cases asserting violations)"
_SUITE_RE = re.compile(rb"^apiVersion:\s*['\"]?test\.gatekeeper\.sh/", re.MULTILINE)
_HEAD_BYTES = 4096  # a suite declares itself at its top


def _suite(path: Path) -> dict[str, object] | None:
    """The suite declared in `path`, or None when it is none."""
    found = declared_yaml(path, _SUITE_RE, "Suite", within=_HEAD_BYTES)
    return found[0] if found else None


def _expects_violation(case: dict[object, object]) -> bool:
    """Whether a case asserts at least one violation (`violations: yes`, YAML's true, or a count above 0)."""
    assertions = case.get("assertions")
    for assertion in assertions if isinstance(assertions, list) else ():
        wanted = assertion.get("violations") if isinstance(assertion, dict) else None
        if wanted is True or (isinstance(wanted, int) and not isinstance(wanted, bool) and wanted > 0):
            return True
        if isinstance(wanted, str) and (wanted.lower() == "yes" or (wanted.isdigit() and int(wanted) > 0)):
            return True
    return False


def _cases(suite: dict[str, object]) -> list[dict[object, object]]:
    tests = suite.get("tests")
    cases = [test.get("cases") for test in tests if isinstance(test, dict)] if isinstance(tests, list) else []
    return [case for listed in cases if isinstance(listed, list) for case in listed if isinstance(case, dict)]


def gator_denied_objects(files: list[tuple[str, Path, Kind]]) -> list[tuple[str, Path, Kind]]:
    """The files of `files` that gator suites name as the object of cases, every one of which expects a violation."""
    denied: set[Path] = set()
    passing: set[Path] = set()
    for _, path, kind in files:
        if kind is not Kind.YAML or (suite := _suite(path)) is None:
            continue
        for case in _cases(suite):
            named = case.get("object")
            if isinstance(named, str) and named.lower().endswith((".yaml", ".yml", ".json")):
                (denied if _expects_violation(case) else passing).add((path.parent / named).resolve())
    left_out = denied - passing
    return [item for item in files if item[1].resolve() in left_out] if left_out else []
