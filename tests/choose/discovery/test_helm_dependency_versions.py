"""The version forms of a chart's `dependencies:` entry read (helm_dependency_versions.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.helm_dependency_versions import satisfies


@pytest.mark.parametrize(
    ("constraint", "version", "expected"),
    [
        ("2.3.3", "2.3.3", True),
        ("2.3.3", "2.3.4", False),
        ("2.x.x", "2.9.0", True),
        ("2.*", "3.0.0", False),
        ("~2.3.0", "2.3.7", True),
        ("~2.3.0", "2.4.0", False),
        ("^2.1.0", "2.9.1", True),
        ("^2.1.0", "2.0.9", False),
        (">=1.0.0 <3.0.0", "2.3.3", None),
    ],
)
def test_a_dependency_version_is_read_as_helm_reads_it(constraint: str, version: str, expected: bool | None) -> None:
    assert satisfies(constraint, version) is expected
