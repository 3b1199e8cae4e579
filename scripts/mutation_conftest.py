"""Installed by scripts/mutation.sh as the conftest.py of a mutation run's scratch copy (never of the project).

mutmut runs a mutant's tests in no set order (it keeps them in a set) and stops at the first failure. A mutant that
only a quick unit test catches then waited, on average, for half of the slow end-to-end tests of its function
first. This runs the tests of each mutant quickest first, by the durations mutmut recorded; the verdicts do not
change (the same tests run, and they do not depend on their order), only the time to a failure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STATS = Path("mutmut-stats.json")  # mutmut runs the tests from its mutants/ directory


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    try:
        durations = json.loads(STATS.read_text())["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return  # the first, tracing run: nothing recorded yet
    # by file (a module-scoped fixture, such as two registries shared by a file's cases, starts once), the quickest
    # files first, and in each file the quickest tests first
    per_file: dict[str, float] = {}
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        per_file[path] = per_file.get(path, 0.0) + durations.get(item.nodeid, 0.0)
    items.sort(key=lambda item: (per_file[item.nodeid.split("::", 1)[0]], durations.get(item.nodeid, 0.0)))
