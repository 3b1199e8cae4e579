from __future__ import annotations

import pytest

from ecr_mirror.choose.tags import TagRule, parse_version, select_tags
from ecr_mirror.errors import ConfigError

PYTHON_TAGS = [
    "3.13.1-slim", "3.13-slim", "3.12.8-slim", "3.12-slim", "3.11.11-slim", "3.11-slim", "3.10-slim",
    "3-slim", "3.14.0rc1-slim", "latest", "slim", "3.13.1", "3.12.8-slim-bookworm",
]  # fmt: skip


@pytest.mark.parametrize(
    ("tag", "numbers", "variant", "pre"),
    [
        ("3.12.7-slim-bookworm", (3, 12, 7), "slim-bookworm", False),
        ("v1.2.3", (1, 2, 3), "", False),
        ("1.27", (1, 27), "", False),
        ("1.0.0-rc1", (1, 0, 0), "rc1", True),
        ("3.14.0rc1-slim", (3, 14, 0), "rc1-slim", True),
        ("2.0-beta.2", (2, 0), "beta.2", True),
    ],
)
def test_versions_from_docker_hub_tag_styles(tag: str, numbers: tuple[int, ...], variant: str, pre: bool) -> None:
    version = parse_version(tag)
    assert version is not None
    assert (version.numbers, version.variant, version.prerelease) == (numbers, variant, pre)


@pytest.mark.parametrize("tag", ["latest", "slim", "bookworm", "edge"])
def test_words_are_not_versions(tag: str) -> None:
    assert parse_version(tag) is None


def test_semver_match_latest_with_reasons() -> None:
    rule = TagRule.build(where="t", semver=">=3.11 <3.14", match="*-slim", latest=3)
    selection = select_tags(rule, PYTHON_TAGS)
    # Newest first; a floating 3.13-slim ranks above its own 3.13.1-slim.
    assert selection.selected == ["3.13-slim", "3.13.1-slim", "3.12-slim"]
    assert selection.rejected["3.10-slim"] == "outside '>=3.11 <3.14'"
    assert selection.rejected["3-slim"] == "outside '>=3.11 <3.14'"
    assert selection.rejected["3.14.0rc1-slim"] == "pre-release"
    assert selection.rejected["latest"] == "does not match '*-slim'"
    assert selection.rejected["3.12.8-slim"] == "older than the newest 3"
    assert set(selection.selected) | set(selection.rejected) == set(PYTHON_TAGS)


def test_regex_and_exclude() -> None:
    rule = TagRule.build(where="t", regex=r"^1\.2[6-9]\.\d+", exclude=("-rc",))
    tags = ["1.27.3", "1.27", "1.26.0", "1.28.0-rc", "1.25.9", "1.29.1-alpine"]
    selection = select_tags(rule, tags)
    assert selection.selected == ["1.26.0", "1.27.3", "1.29.1-alpine"]
    assert selection.rejected == {
        "1.27": "does not match regex '^1\\\\.2[6-9]\\\\.\\\\d+'",
        "1.28.0-rc": "excluded by '-rc'",
        "1.25.9": "does not match regex '^1\\\\.2[6-9]\\\\.\\\\d+'",
    }


def test_latest_alone_orders_versions_and_skips_words() -> None:
    selection = select_tags(TagRule.build(where="t", latest=2), ["1.9", "1.10", "v1.8.5", "main"])
    assert selection.selected == ["1.10", "1.9"]
    assert selection.rejected == {"v1.8.5": "older than the newest 2", "main": "not a version tag"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"semver": ">=3.x"}, "t.semver: '>=3.x'"),
        ({"semver": ""}, "t.semver: empty"),
        ({"regex": "(["}, "t.regex"),
        ({"latest": 0}, "t.latest"),
        ({}, "at least one of"),
    ],
)
def test_bad_rules_name_the_field(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[").replace(".", r"\.")):
        TagRule.build(where="t", **kwargs)  # type: ignore[arg-type]


ALPINE_TAGS = ["3.21.2", "3.21", "3.20.5", "3.20", "3", "latest", "edge", "20250108", "20241217", "20240923"]


def test_latest_does_not_take_date_stamps_for_versions() -> None:
    selection = select_tags(TagRule.build(where="t", latest=2), ALPINE_TAGS)
    assert selection.selected == ["3", "3.21"]
    assert "date" in selection.rejected["20250108"]


def test_open_ended_ranges_skip_date_stamps() -> None:
    selection = select_tags(TagRule.build(where="t", semver=">=3.20"), ALPINE_TAGS)
    assert "20250108" not in selection.selected and "20241217" not in selection.selected
    assert set(selection.selected) == {"3.21.2", "3.21", "3.20.5", "3.20"}
    assert "date" in selection.rejected["20250108"]


@pytest.mark.parametrize(
    ("semver", "expected"),
    [
        ("=20250108", ["20250108"]),
        (">=20241201", ["20250108", "20241217"]),
        (">=20240101 <20241231", ["20241217", "20240923"]),
    ],
)
def test_a_comparator_that_names_a_date_stamp_selects_it(semver: str, expected: list[str]) -> None:
    assert select_tags(TagRule.build(where="t", semver=semver), ALPINE_TAGS).selected == expected


def test_four_digit_numbers_are_still_versions() -> None:
    assert select_tags(TagRule.build(where="t", latest=1), ["1803", "1709", "20250108"]).selected == ["1803"]
