"""The version forms of a chart's `dependencies:` entry read (helm_dependency_versions.py): Helm checks a dependency's
version against the entry's constraint with Masterminds/semver (https://github.com/Masterminds/semver#checking-version-
constraints)."""

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
    ],
)
def test_a_dependency_version_is_read_as_helm_reads_it(constraint: str, version: str, expected: bool | None) -> None:
    assert satisfies(constraint, version) is expected


@pytest.mark.parametrize(
    ("constraint", "version", "expected"),
    [
        # a tilde without a minor keeps the major only (`~1` is `>= 1, < 2`), with one the minor too
        ("~1", "1.9.0", True),
        ("~1", "2.0.0", False),
        ("~1", "0.9.0", False),
        ("~1.x", "1.4.0", True),
        ("~2.3", "2.3.9", True),
        ("~2.3", "2.4.0", False),
        # a caret keeps the first part that is not 0 (`^0.2.3` is `>=0.2.3 <0.3.0`), a wildcard no lower part
        ("^1.x", "1.4.2", True),
        ("^1.x", "2.0.0", False),
        ("^1.x", "0.9.9", False),
        ("^0.2.3", "0.2.9", True),
        ("^0.2.3", "0.3.0", False),
        ("^0.2.3", "0.2.2", False),
        ("^0.0.3", "0.0.4", False),
        ("^0", "0.9.0", True),
        ("^0", "1.0.0", False),
        ("^0.0", "0.0.9", True),
        ("^0.0", "0.1.0", False),
        # an x, X or * part matches any, `=` and no operator alike
        ("1.2.x", "1.2.5", True),
        ("=1.2.X", "1.3.0", False),
        ("*", "5.0.0", True),
        # comparisons, ANDed by a comma or a space, ORed by `||`
        (">=1.0.0 <3.0.0", "2.3.3", True),
        (">= 1.2, < 3.0.0 || >= 4.2.3", "3.5.0", False),
        (">= 1.2, < 3.0.0 || >= 4.2.3", "4.3.0", True),
        (">= 1.2, < 3.0.0 || >= 4.2.3", "1.1", False),
        ("!=2.3.3", "2.3.3", False),
        ("!=2.x", "2.9.0", False),
        ("!=2.x", "3.0.0", True),
        (">2.x", "2.9.0", False),
        (">2.x", "3.0.0", True),
        ("<=2.x", "2.9.9", True),
        ("<=2.x", "3.0.0", False),
        # a hyphen range is both ends inclusive (`2.3.4 - 4.5` is `>= 2.3.4, <= 4.5`, 4.5 any patch)
        ("1.2 - 1.4.5", "1.4.5", True),
        ("1.2 - 1.4.5", "1.4.6", False),
        ("2.3.4 - 4.5", "4.5.9", True),
        ("2.3.4 - 4.5", "4.6.0", False),
        # a prerelease only where the constraint names one; build metadata is not compared
        ("^2.0.0", "2.1.0-rc.1", False),
        (">=2.1.0-0", "2.1.0-rc.1", True),
        (">=2.1.0-rc.2", "2.1.0-rc.10", True),
        ("2.3.3", "v2.3.3+build.5", True),
    ],
)
def test_helm_s_constraint_forms_are_read_as_masterminds_semver_reads_them(
    constraint: str, version: str, expected: bool
) -> None:
    # a review found `~1`, `^1.x` and `^0.2.3` misread (`~1` kept the minor, `^1.x` not read, `^0.2.3` took 0.9.0)
    assert satisfies(constraint, version) is expected


@pytest.mark.parametrize(
    ("constraint", "version"),
    [
        ("latest", "1.0.0"),  # not a constraint: Helm refuses the chart's dependencies
        (">=1.0.0 <<2", "1.5.0"),
        ("1.0.0 -2.0.0", "1.5.0"),  # a hyphen range needs spaces around its hyphen
        ("^1.0.0", "one"),  # not a version
        # a prerelease against an AND of a prerelease bound and a release one: semver 3.4 (Helm 3.19 on) takes
        # prereleases for the whole group, 3.3 and before per bound
        (">=2.1.0-0, <3.0.0", "2.1.0-rc.1"),
    ],
)
def test_a_constraint_not_decided_is_not_read(constraint: str, version: str) -> None:
    assert satisfies(constraint, version) is None
