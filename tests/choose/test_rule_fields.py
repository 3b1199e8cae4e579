"""The rules form end to end: policies and defaultPolicy reach the entries, a `match` rule selects tags, and every
refusal says which entry, which field and which value (mutation survivors of choose/rules.py and targets.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.choose.rules import parse_rules
from ecr_mirror.choose.tags import select_tags
from ecr_mirror.errors import ConfigError

POLICIES = """\
policies:
  cooling: {minAge: 48h}
  fresh: {minAge: 1h}
  signed: {key: cosign.pub}
defaultPolicy: cooling
"""


def test_policies_reach_the_entries_by_name_and_default_policy_covers_the_rest() -> None:
    text = f"""{POLICIES}images:
  - alpine:3.20
  - source: python
    tags: ["3.12"]
    policy: signed
  - source: node
    tags: ["22"]
    policy: [fresh, signed, fresh]
  - source: redis
    tags: ["7"]
    policy: []
  - source: nginx
    tags: {{match: "1.27-*"}}
    policy: fresh
"""
    result = parse_image_list(text, origin="list.yaml")
    assert result.errors == []
    assert [(str(e.source), e.text, [p.name for p in e.policies]) for e in result.entries] == [
        ("docker.io/library/alpine:3.20", "alpine:3.20", ["cooling"]),
        ("docker.io/library/python:3.12", "python", ["signed"]),
        ("docker.io/library/node:22", "node", ["fresh", "signed"]),  # every one named, each once
        ("docker.io/library/redis:7", "redis", []),
    ]
    assert result.entries[0].policies[0].min_age == 48 * 3600
    (rule,) = result.rules
    assert (rule.text, rule.sources, [p.name for p in rule.options.policies]) == ("nginx", (), ["fresh"])
    assert rule.rule is not None and rule.rule.match == "1.27-*"
    selection = select_tags(rule.rule, ["1.27-alpine", "1.26-alpine", "1.27-bookworm", "latest"])
    assert selection.selected == ["1.27-alpine", "1.27-bookworm"]
    assert selection.rejected["1.26-alpine"] == "does not match '1.27-*'"


def test_defaults_apply_to_rule_entries_too() -> None:
    text = "defaults:\n  platforms: [linux/arm64]\n  referrers: true\nimages:\n  - {source: nginx, tags: {latest: 2}}\n"
    (rule,) = parse_image_list(text).rules
    assert (rule.options.platforms, rule.options.referrers, rule.options.policies) == (("linux/arm64",), True, ())


def test_without_a_default_policy_an_entry_has_only_its_own() -> None:
    text = "policies:\n  fresh: {minAge: 1h}\nimages:\n  - alpine:3.20\n  - source: redis\n    policy: fresh\n"
    result = parse_image_list(text)
    assert [(e.text, [p.name for p in e.policies]) for e in result.entries] == [
        ("alpine:3.20", []),
        ("redis", ["fresh"]),
    ]


def test_identical_entries_merged_keep_every_policy_and_the_referrers_of_either() -> None:
    text = f"""{POLICIES}images:
  - source: alpine
    tags: ["3.20"]
    policy: fresh
  - source: alpine
    tags: ["3.20"]
    policy: [signed, fresh]
    referrers: true
"""
    result = parse_image_list(text)
    ((entry,), (warning,)) = result.entries, result.warnings
    assert [p.name for p in entry.policies] == ["fresh", "signed"]
    assert entry.referrers  # asked by the second
    assert (warning.line, warning.text) == (10, "alpine")
    assert warning.message == "'alpine' duplicates line 7 (docker.io/library/alpine:3.20); merged"


def test_an_unknown_policy_names_the_entry_and_the_known_ones() -> None:
    result = parse_image_list(f"{POLICIES}images:\n  - alpine:3.20\n  - source: node\n    policy: [fresh, strict]\n")
    (error,) = result.errors
    assert error.message == "images[1] (node).policy: unknown policy 'strict' (known: cooling, fresh, signed)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "defaultPolicy: strict\nimages: []\n",
            "list.yaml: defaultPolicy: unknown policy 'strict' (known: none defined under policies:)",
        ),
        ("policies: [cooling]\nimages: []\n", "list.yaml: policies: a mapping of policy names to policies"),
        ("defaults: {policy: x}\nimages: []\n", "list.yaml: defaults may set only platforms, referrers"),
        (
            "defaults: {platforms: []}\nimages: []\n",
            "defaults.platforms: a non-empty list such as [linux/amd64, linux/arm64]",
        ),
        (
            "images: []\ntags: x\n",
            "list.yaml: unknown top-level field 'tags' (allowed: defaultPolicy, defaults, images, policies)",
        ),
        ("[\nimages: [alpine]\n]\n", "list.yaml: the rules form is a mapping with an 'images' list"),
    ],
    ids=["default-policy-unknown", "policies-not-mapping", "defaults-key", "defaults-platforms", "top-key", "list"],
)
def test_an_unusable_document_is_refused_naming_the_origin_and_the_field(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_image_list(text, origin="list.yaml")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("  - 8\n", "images[1]: YAML read an unquoted value as 8 (a number), not text"),
        ("  - [alpine]\n", "images[1]: must be a reference or a mapping with 'source'"),
        (
            "  - {source: node, tag: '1'}\n",
            "images[1]: unknown field 'tag' (allowed: platforms, policy, referrers, source, tags)",
        ),
        ("  - {source: 12}\n", "images[1].source: YAML read an unquoted value as 12 (a number), not text"),
        ("  - {tags: ['1']}\n", "images[1].source: required, a reference such as python or ghcr.io/astral-sh/uv"),
        ("  - {source: node, tags: []}\n", "images[1] (node).tags: empty list"),
        ("  - {source: node, tags: [8]}\n", "images[1] (node).tags: YAML read an unquoted value as 8 (a number)"),
        (
            "  - {source: node, tags: 3}\n",
            "images[1] (node).tags: a list of tags or a rule mapping (semver, match, regex, exclude, latest)",
        ),
        (
            "  - {source: node, tags: {latest: 2, exclude: [rc, 7]}}\n",
            "images[1] (node).tags.exclude: YAML read an unquoted value as 7 (a number)",
        ),
        ("  - Node:1\n", "images[1]: invalid image reference 'Node:1'"),
    ],
    ids=[
        "number", "list", "unknown-field", "source-number", "source-missing", "tags-empty", "tag-number",
        "tags-number", "exclude-number", "bad-reference",
    ],
)  # fmt: skip
def test_a_refused_item_names_its_index_field_and_value(item: str, message: str) -> None:
    result = parse_image_list(f"images:\n  - alpine:3.20\n{item}")
    assert [e.text for e in result.entries] == ["alpine:3.20"]
    (error,) = result.errors
    assert (error.line, error.text) == (3, "images[1]")
    assert error.message.startswith(message)


def test_an_item_whose_line_is_unknown_is_reported_at_line_0() -> None:
    """YAML keeps the last of two `images:` keys; the lines are read from the first, so the second item has none."""
    entries, errors = parse_rules("images: [alpine:3.19]\nimages: [alpine:3.20, Bad]\n", "list.yaml")
    assert [(e.line, e.text) for e in entries] == [(1, "alpine:3.20")]
    assert [(line, where) for line, where, _ in errors] == [(0, "images[1]")]
