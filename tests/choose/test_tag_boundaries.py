"""Every comparator at its boundary, and the pre-release rule, through `select_tags` (the public entry point)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.tags import TagRule, select_tags

# Just below, exactly at, and just above 1.27.0, in each position a comparator can look at.
TAGS = ["1.26.9", "1.27.0", "1.27.1", "1.26", "1.27", "1.28", "1", "2"]


@pytest.mark.parametrize(
    ("semver", "expected"),
    [
        ("<=1.27", {"1.26.9", "1.27.0", "1.26", "1.27", "1"}),
        ("<1.27", {"1.26.9", "1.26", "1"}),
        (">=1.27", {"1.27.0", "1.27.1", "1.27", "1.28", "2"}),
        (">1.27", {"1.27.1", "1.28", "2"}),
        ("=1.27", {"1.27.0", "1.27"}),
        ("==1.27", {"1.27.0", "1.27"}),
        ("1.27", {"1.27.0", "1.27"}),  # no operator means =
        ("<=1.27.0", {"1.26.9", "1.27.0", "1.26", "1.27", "1"}),
        (">1.27.0", {"1.27.1", "1.28", "2"}),
        ("<=1", {"1"}),  # 1.26 is 1.26.0.0, above 1.0.0.0
        (">1", {"1.26.9", "1.27.0", "1.27.1", "1.26", "1.27", "1.28", "2"}),
        (">=1.27 <=1.27.1", {"1.27.0", "1.27.1", "1.27"}),
        (">1.26.9 <1.28", {"1.27.0", "1.27.1", "1.27"}),
    ],
)
def test_each_comparator_at_its_boundary(semver: str, expected: set[str]) -> None:
    selection = select_tags(TagRule.build(where="t", semver=semver), TAGS)
    assert set(selection.selected) == expected
    assert {tag for tag, why in selection.rejected.items() if why == f"outside {semver!r}"} == set(TAGS) - expected


PRE = ["1.27.0-rc1", "1.27.0", "1.27.1-beta.2", "1.26.0"]


@pytest.mark.parametrize(
    ("semver", "expected"),
    [
        ("=1.27.0", ["1.27.0", "1.27.0-rc1"]),  # `=` names the version: its pre-releases come too
        ("==1.27.0", ["1.27.0", "1.27.0-rc1"]),
        ("1.27.0", ["1.27.0", "1.27.0-rc1"]),
        (">=1.27.0", ["1.27.0"]),  # a range never takes a pre-release it does not name
        ("<=1.27.1", ["1.27.0", "1.26.0"]),
        (">1.26 <2", ["1.27.0"]),
    ],
)
def test_pre_releases_only_under_an_equals_comparator(semver: str, expected: list[str]) -> None:
    selection = select_tags(TagRule.build(where="t", semver=semver), PRE)
    assert selection.selected == expected
    if not semver.lstrip("=").startswith("1.27.0"):
        assert selection.rejected["1.27.0-rc1"] == "pre-release"
        assert selection.rejected["1.27.1-beta.2"] == "pre-release"
