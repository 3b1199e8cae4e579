"""Policies, first-seen state and durations in detail: the exact error texts (naming policy and field), the key
spellings refused, the fields a fan-out worker gets back, and the state's bookkeeping."""

from __future__ import annotations

import pytest

from ecr_mirror.errors import ConfigError, TrustError
from ecr_mirror.trust.durations import parse_duration
from ecr_mirror.trust.first_seen import FirstSeen, iso_time, parse_first_seen
from ecr_mirror.trust.policy import (
    IdentityRule,
    KeyRef,
    parse_policies,
    parse_policy,
    policy_names,
    select_policies,
    signature_fields,
)

DIGEST = "sha256:" + "a" * 64
ISSUER = "https://accounts.google.com"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"identity": 7, "issuer": ISSUER}, "policies.p.identity: a non-empty string, not 7"),
        ({"identityRegex": " ", "issuer": ISSUER}, "policies.p.identityRegex: a non-empty string, not ' '"),
        ({"identity": "a@b.c", "issuer": 7}, "policies.p.issuer: a non-empty string, not 7"),
        ({"identityRegex": ".*"}, "policies.p: identityRegex needs issuer (the OIDC issuer URL)"),
        ({"identity": "a@b.c"}, "policies.p: identity needs issuer (the OIDC issuer URL)"),
        ({"issuer": ISSUER}, "policies.p: issuer needs identity or identityRegex (the certificate's subject)"),
        ({"key": "k.pub", "attestations": [" "]}, "policies.p.attestations: a list of predicate types such as"),
        ({"key": "k.pub", "attestations": [5]}, "policies.p.attestations: a list of predicate types such as"),
        ({"key": "awskms:///not a key"}, "policies.p.key: 'awskms:///not a key': write awskms:///arn:aws:kms:..."),
        ({"key": "ssm:/a//b"}, "policies.p.key: 'ssm:/a//b': write ssm:/PARAMETER/NAME"),
        ({"min": 1}, "policies.p: unknown field 'min' (allowed: attestations, identity, identityRegex, issuer, key,"),
        ([], "policies.p: a mapping of attestations, identity, identityRegex, issuer, key, minAge"),
    ],
)
def test_each_mistake_has_its_exact_message(body: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_policies({"p": body})
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([], "policies: a mapping of policy names to policies"),
        ({5: {"minAge": 1}}, "policies: 5 is not a policy name (letters, digits, '_', '.', '-')"),
        ({"-x": {"minAge": 1}}, "policies: '-x' is not a policy name"),
    ],
)
def test_the_policies_mapping_and_its_names_are_checked(raw: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_policies(raw)
    assert str(caught.value).startswith(message)


def test_key_spellings_and_their_text() -> None:
    policies = parse_policies(
        {
            "ssm": {"key": "ssm:/Mirror/Keys/Team"},
            "file": {"key": "keys/a.pub"},
            "one": {"key": "k.pub", "attestations": "x"},
        }
    )
    assert str(policies["ssm"].key) == "ssm:/Mirror/Keys/Team" and policies["ssm"].key == KeyRef(
        "ssm", "/Mirror/Keys/Team"
    )
    assert str(policies["file"].key) == "keys/a.pub"
    assert policies["one"].attestations == ("x",) and policies["file"].min_age is None


def test_identity_rules_match_and_show_themselves() -> None:
    exact = IdentityRule(ISSUER, identity="a@b.c")
    assert exact.matches("a@b.c") and not exact.matches("b@b.c")
    assert str(exact) == f"a@b.c (issuer {ISSUER})"
    assert str(IdentityRule(ISSUER, identity_regex=".+@b\\.c")) == f"/.+@b\\.c/ (issuer {ISSUER})"


@pytest.mark.parametrize(
    "body",
    [
        {"key": "awskms:///alias/release", "attestations": ["https://slsa.dev/provenance/v1"]},
        {"identity": "a@b.c", "issuer": ISSUER},
        {"identityRegex": "^https://github.com/x/.*$", "issuer": ISSUER, "attestations": ["https://spdx.dev/Document"]},
    ],
)
def test_signature_fields_are_the_policys_signature_part_in_the_rules_form(body: dict[str, object]) -> None:
    policy = parse_policy("p", {**body, "minAge": "1h"}, "policies.p")
    assert signature_fields(policy) == body
    assert parse_policy("p", signature_fields(policy), "w") == parse_policy("p", body, "w")


def test_selecting_policies_by_name() -> None:
    known = parse_policies({"a": {"minAge": 1}, "b": {"minAge": 2}})
    assert policy_names(select_policies(["b", "a", "b"], known, "e")) == "b, a"
    assert policy_names(()) is None
    with pytest.raises(ConfigError) as caught:
        select_policies(5, known, "images[0].policy")
    assert str(caught.value) == "images[0].policy: a policy name or a list of names, not 5"
    with pytest.raises(ConfigError, match=r"unknown policy 'c' \(known: a, b\)$"):
        select_policies("c", known, "e")
    with pytest.raises(ConfigError, match=r"unknown policy 'c' \(known: none defined under policies:\)$"):
        select_policies("c", {}, "e")


def test_first_seen_bookkeeping() -> None:
    state = FirstSeen()
    state.since("a:1", DIGEST, 0.0)
    assert state.changed == {"a:1"}
    loaded = parse_first_seen(state.to_json(), "s")
    loaded.forget("b:1")
    assert loaded.changed == set()
    loaded.forget("a:1")
    assert loaded.records == {} and loaded.changed == {"a:1"}
    assert state.to_json() == (
        b'{\n "version": 1,\n "firstSeen": {\n  "a:1": {\n   "digest": "' + DIGEST.encode() + b'",\n'
        b'   "seen": "1970-01-01T00:00:00.000Z"\n  }\n }\n}\n'
    )
    assert iso_time(1.5) == "1970-01-01T00:00:01.500Z"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"digest": DIGEST, "seen": 5}, "s is corrupt at 'a:1': 5 is not a time; fix or remove it"),
        ({"digest": "sha256:zz", "seen": "x"}, "s is corrupt at 'a:1': 'sha256:zz' is not a digest; fix or remove it"),
    ],
)
def test_a_corrupt_record_names_what_is_wrong(record: dict[str, object], message: str) -> None:
    import json

    with pytest.raises(TrustError) as caught:
        parse_first_seen(json.dumps({"version": 1, "firstSeen": {"a:1": record}}).encode(), "s")
    assert str(caught.value) == message


def test_durations_at_their_edges() -> None:
    assert parse_duration(0) == 0.0 and parse_duration(0.5) == 0.5 and parse_duration("0") == 0.0
    for bad in (-1, [1], True, "1d"):
        with pytest.raises(ValueError, match="is not a duration"):
            parse_duration(bad)
