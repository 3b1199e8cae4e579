"""Every comparator at its boundary, and the pre-release rule, through `select_tags` (the public entry point)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.tags import TagRule, select_tags
from ecr_mirror.errors import ConfigError

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


def test_a_floating_tag_ranks_above_every_release_under_it() -> None:
    selection = select_tags(TagRule.build(where="t", latest=1), ["1.27.100", "1.27", "1.26.999"])
    assert selection.selected == ["1.27"]


def test_a_release_ranks_above_its_pre_releases_and_spelling_breaks_ties() -> None:
    rule = TagRule.build(where="t", semver="=1.27.0", latest=3)
    assert select_tags(rule, ["1.27.0-rc1", "1.27.0", "v1.27.0"]).selected == ["v1.27.0", "1.27.0", "1.27.0-rc1"]


def test_without_a_version_rule_tags_come_in_name_order() -> None:
    assert select_tags(TagRule.build(where="t", match="1.*"), ["1.2", "1.10", "1.9"]).selected == ["1.10", "1.2", "1.9"]


def test_commas_separate_comparators_like_spaces() -> None:
    selection = select_tags(TagRule.build(where="t", semver=">=1.26,<1.28"), TAGS)
    assert set(selection.selected) == {"1.26.9", "1.27.0", "1.27.1", "1.26", "1.27"}


def test_latest_goes_up_to_1000() -> None:
    assert TagRule.build(where="t", latest=1000).latest == 1000
    with pytest.raises(ConfigError, match=r"t\.latest: must be between 1 and 1000, not 1001"):
        TagRule.build(where="t", latest=1001)


def test_a_date_stamp_is_refused_with_its_reason() -> None:
    selection = select_tags(TagRule.build(where="t", latest=5), ["3.21", "20250108"])
    assert selection.rejected == {"20250108": "a date stamp (a lone number of more than 4 digits), not a version"}


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        (
            {"semver": ">=1", "match": "1*", "regex": "^1", "exclude": ("rc", "beta"), "latest": 3},
            "semver '>=1', match '1*', regex '^1', exclude ['rc', 'beta'], latest 3",
        ),
        ({"latest": 2}, "latest 2"),
        ({"match": "*-slim"}, "match '*-slim'"),
        ({"regex": "x", "exclude": ("a",)}, "regex 'x', exclude ['a']"),
    ],
)
def test_a_rule_describes_exactly_its_fields(kwargs: dict[str, object], text: str) -> None:
    assert TagRule.build(where="t", **kwargs).describe() == text  # type: ignore[arg-type]
