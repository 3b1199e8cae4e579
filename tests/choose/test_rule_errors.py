"""Every refusal of the rules form names the entry, the field and the value (mutation survivors of choose/rules.py:
the refusals were checked by line, not by what they say)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.imagelist import parse_image_list

EXCLUDE = "images[1] (node).tags.exclude: must be a list of non-empty strings"


def _one_error(entry: str) -> str:
    result = parse_image_list(f"images:\n  - alpine:3.20\n{entry}")
    assert [str(e.source) for e in result.entries] == ["docker.io/library/alpine:3.20"], result
    (error,) = result.errors
    assert error.line == 3
    return error.message


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "  - source: node\n    platforms: []\n",
            "images[1] (node).platforms: a non-empty list such as [linux/amd64, linux/arm64]",
        ),
        (
            "  - source: node\n    platforms: linux/amd64\n",
            "images[1] (node).platforms: a non-empty list such as [linux/amd64, linux/arm64]",
        ),
        ("  - source: node\n    referrers: 1\n", "images[1] (node).referrers: must be true or false, not 1"),
        (
            "  - source: node\n    tags: {semver: '>=1', newest: 2}\n",
            "images[1] (node).tags: unknown field 'newest' (allowed: exclude, latest, match, regex, semver)",
        ),
        (
            "  - source: node\n    tags: {match: 20.10}\n",
            "images[1] (node).tags.match: YAML read an unquoted value as 20.1 (a number), not text (unquoted 20.10 "
            'becomes 20.1 and 010 becomes 8); quote tags and sources, e.g. tags: ["20.10"]',
        ),
        (
            "  - source: node\n    tags: {regex: true}\n",
            "images[1] (node).tags.regex: YAML read an unquoted value as True (true/false), not text",
        ),
        (
            "  - source: node\n    tags: {semver: [1]}\n",
            "images[1] (node).tags.semver: YAML read an unquoted value as [1] (list)",
        ),
        ("  - source: node\n    tags: {latest: 2, exclude: 7}\n", EXCLUDE),
        ("  - source: node\n    tags: {latest: 2, exclude: [rc, '']}\n", EXCLUDE),
        ("  - source: node\n    tags: {latest: '2'}\n", "images[1] (node).tags.latest: must be a whole number"),
        ("  - source: node\n    tags: {latest: true}\n", "images[1] (node).tags.latest: must be a whole number"),
    ],
    ids=[
        "platforms-empty", "platforms-not-list", "referrers-not-bool", "rule-unknown-field", "match-number",
        "regex-bool", "semver-list", "exclude-number", "exclude-empty-string", "latest-text", "latest-bool",
    ],
)  # fmt: skip
def test_a_refused_entry_is_named_with_its_field_and_value(entry: str, message: str) -> None:
    assert _one_error(entry).startswith(message)


def test_a_single_exclude_word_is_a_list_of_one() -> None:
    result = parse_image_list("images:\n  - source: node\n    tags: {latest: 2, exclude: rc}\n")
    assert result.errors == []
    assert result.rules[0].rule is not None and result.rules[0].rule.exclude == ("rc",)
