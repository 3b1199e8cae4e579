"""A tag rule applied page by page gives what the rule gives on the whole listing, and counts the rest."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from ecr_mirror.choose.tags import TagRule, select_tags
from ecr_mirror.mirror.tag_filter import INVALID_TAG, MAX_EXAMPLE_CHARS, MAX_EXAMPLES, TagFilter

TAGS = ["1.2.0", "latest", "1.10.1", "2.0.0-rc1", "1.9.9", "2.0.0", "1.10.0", "edge", "1.2.1", "0.9"]


def _filtered(rule: TagRule, pages: Sequence[Sequence[object]]) -> TagFilter:
    tag_filter = TagFilter(rule)

    async def feed() -> None:
        for page in pages:
            await tag_filter.feed(page)

    asyncio.run(feed())
    return tag_filter


def test_latest_across_pages_is_the_latest_of_the_whole_listing() -> None:
    rule = TagRule.build(where="t", semver=">=1", latest=2)
    tag_filter = _filtered(rule, [TAGS[:3], TAGS[3:6], TAGS[6:]])
    whole = select_tags(rule, TAGS)
    assert tag_filter.finish() == whole.selected == ["2.0.0", "1.10.1"]
    report = tag_filter.rejected_report()
    assert sum(group["count"] for group in report.values()) == len(whole.rejected)  # type: ignore[misc]
    for tag, why in whole.rejected.items():
        assert why in report, (tag, why)
    assert report["older than the newest 2"]["count"] == 4


def test_rejected_tags_are_counted_with_a_few_short_examples() -> None:
    long_tag = "x" * 5000
    pages: list[list[object]] = [[f"build-{i}" for i in range(1000)], ["v1", long_tag, 7, None, "../x", "v1"]]
    tag_filter = _filtered(TagRule.build(where="t", match="v*"), pages)
    assert tag_filter.finish() == ["v1"]  # listed twice, selected once
    report = tag_filter.rejected_report()
    assert report["does not match 'v*'"] == {"count": 1000, "examples": ["build-0", "build-1", "build-2"]}
    invalid = report[INVALID_TAG]
    assert invalid["count"] == 4
    assert invalid["examples"] == [long_tag[:MAX_EXAMPLE_CHARS] + "...", "7", "None"]
    assert len(invalid["examples"]) == MAX_EXAMPLES


def test_a_listing_with_nothing_rejected_reports_nothing() -> None:
    tag_filter = _filtered(TagRule.build(where="t", match="*"), [["a", "b"], ["c"]])
    assert tag_filter.finish() == ["a", "b", "c"]
    assert tag_filter.rejected_report() == {}


def test_tags_rejected_at_the_end_are_quoted_and_a_tag_at_the_quote_limit_is_whole() -> None:
    rule = TagRule.build(where="t", semver=">=1", latest=2)
    tag_filter = _filtered(rule, [["1.0.0", "1.1.0"], ["2.0.0", "3.0.0"]])  # the first page's two lose at the end
    assert tag_filter.finish() == ["3.0.0", "2.0.0"]
    examples = tag_filter.rejected_report()["older than the newest 2"]["examples"]
    assert sorted(examples) == ["1.0.0", "1.1.0"]  # type: ignore[call-overload]
    exact = "a" * MAX_EXAMPLE_CHARS
    limit = _filtered(TagRule.build(where="t", match="b*"), [[exact]])
    limit.finish()
    assert limit.rejected_report()["does not match 'b*'"]["examples"] == [exact]
