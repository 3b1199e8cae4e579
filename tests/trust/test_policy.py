"""Policies in the rules form: each field parsed, every mistake an error naming the policy or entry and field."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.errors import ConfigError
from ecr_mirror.trust.policy import IdentityRule, KeyRef, parse_policies

K8S = "krel-trust@k8s-releng-prod.iam.gserviceaccount.com"


def test_every_field_parses() -> None:
    policies = parse_policies(
        {
            "signed": {"key": "keys/cosign.pub", "attestations": ["https://slsa.dev/provenance/v1"], "minAge": "48h"},
            "kms": {"key": "awskms:///alias/release-signing"},
            "ssm": {"key": "ssm:/mirror/keys/team"},
            "k8s": {"identity": K8S, "issuer": "https://accounts.google.com"},
            "gha": {
                "identityRegex": "^https://github.com/astral-sh/.*$",
                "issuer": "https://token.actions.githubusercontent.com",
            },
            "cooling": {"minAge": 2},
        }
    )
    assert policies["signed"].key == KeyRef("file", "keys/cosign.pub")
    assert policies["signed"].min_age == 48 * 3600 and policies["signed"].attestations == (
        "https://slsa.dev/provenance/v1",
    )
    assert policies["kms"].key == KeyRef("awskms", "alias/release-signing")
    assert str(policies["kms"].key) == "awskms:///alias/release-signing"
    assert policies["ssm"].key == KeyRef("ssm", "/mirror/keys/team")
    assert policies["k8s"].identity == IdentityRule("https://accounts.google.com", identity=K8S)
    gha = policies["gha"].identity
    assert gha is not None and gha.matches("https://github.com/astral-sh/uv/.github/workflows/release.yml@refs/tags/1")
    assert not gha.matches("https://github.com/evil/uv")
    assert policies["cooling"].min_age == 2.0 and not policies["cooling"].signed


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"minAge": "two days"}, "policies.p.minAge: 'two days' is not a duration"),
        ({"minAge": "2s", "keys": "x"}, "unknown field 'keys'"),
        ({}, "empty"),
        ({"identity": K8S}, "needs issuer"),
        ({"issuer": "https://accounts.google.com"}, "issuer needs identity"),
        ({"identity": K8S, "identityRegex": ".*", "issuer": "https://x"}, "exclusive"),
        ({"identityRegex": "(", "issuer": "https://x"}, "identityRegex: '(' is not a regular expression"),
        ({"key": "k.pub", "identity": K8S, "issuer": "https://x"}, "key and identity are exclusive"),
        ({"attestations": ["https://slsa.dev/provenance/v1"]}, "say who signs them"),
        ({"key": "k.pub", "attestations": []}, "attestations: a list of predicate types"),
        ({"key": "awskms://alias/x"}, "awskms:///"),
        ({"key": "https://keys.example.com/k.pub"}, "only PEM files"),
        ({"key": 7}, "policies.p.key"),
        ("signed", "policies.p: a mapping"),
    ],
)
def test_mistakes_name_the_policy_and_field(body: object, needle: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_policies({"p": body})
    assert needle in str(caught.value)


def test_entries_take_policies_by_name_default_policy_applies_to_plain_lines_too() -> None:
    text = """
policies:
  signed: {key: cosign.pub}
  cooling: {minAge: 48h}
defaultPolicy: cooling
images:
  - alpine:3.20
  - source: python
    tags: {semver: ">=3.12"}
    policy: [signed, cooling]
  - source: busybox:1.36
    policy: []
"""
    images = parse_image_list(text)
    assert not images.errors
    by_text = {e.text: e for e in images.entries}
    assert [p.name for p in by_text["alpine:3.20"].policies] == ["cooling"]
    assert by_text["busybox:1.36"].policies == ()
    (rule,) = images.rules
    assert [p.name for p in rule.options.policies] == ["signed", "cooling"]


def test_unknown_policy_name_is_an_entry_error_and_the_rest_runs() -> None:
    images = parse_image_list(
        "policies:\n  signed: {key: k.pub}\nimages:\n  - {source: alpine, policy: sigend}\n  - busybox\n"
    )
    (error,) = images.errors
    assert "images[0] (alpine).policy: unknown policy 'sigend' (known: signed)" in error.message
    assert [e.text for e in images.entries] == ["busybox"]


def test_unknown_default_policy_and_bad_policy_make_the_list_unusable() -> None:
    with pytest.raises(ConfigError, match="defaultPolicy: unknown policy 'nope'"):
        parse_image_list("defaultPolicy: nope\nimages:\n  - alpine\n", origin="list")
    with pytest.raises(ConfigError, match=r"list: policies\.bad\.minAge"):
        parse_image_list("policies:\n  bad: {minAge: soon}\nimages:\n  - alpine\n", origin="list")


def test_two_entries_for_one_tag_merge_with_every_policy() -> None:
    text = (
        "policies:\n  a: {minAge: 1h}\n  b: {key: k.pub}\n"
        "images:\n  - {source: alpine:3.20, policy: a}\n  - {source: alpine:3.20, policy: b}\n"
    )
    images = parse_image_list(text)
    (entry,) = images.entries
    assert [p.name for p in entry.policies] == ["a", "b"]
