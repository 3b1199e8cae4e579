"""First-seen state (its JSON, corruption named) and how verdicts combine, age included."""

from __future__ import annotations

import re

import pytest

from ecr_mirror.errors import TrustError
from ecr_mirror.trust.evidence import Evidence
from ecr_mirror.trust.first_seen import FirstSeen, parse_first_seen
from ecr_mirror.trust.judge import TrustContext, judge, judge_age
from ecr_mirror.trust.keyless_gate import KEYLESS_UNAVAILABLE
from ecr_mirror.trust.policy import parse_policies
from ecr_mirror.trust.verdict import PASS, Outcome, combine, held, rejected

DIGEST = "sha256:" + "a" * 64
OTHER = "sha256:" + "b" * 64
TAG = "docker.io/library/alpine:3.20"


def test_first_seen_keeps_the_first_time_of_a_digest_and_restarts_when_the_tag_moves() -> None:
    state = FirstSeen()
    assert state.since(TAG, DIGEST, 100.0) == 100.0
    assert state.since(TAG, DIGEST, 250.0) == 100.0
    assert state.since(TAG, OTHER, 300.0) == 300.0
    assert state.since(TAG, DIGEST, 400.0) == 400.0  # back to the old digest: its cooling-off starts over
    assert state.since("other:1", DIGEST, 500.0, record=False) == 500.0 and "other:1" not in state.records
    again = parse_first_seen(state.to_json(), "state")
    assert again.records == state.records


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"{not json", "not JSON"),
        (b"[]", "expected"),
        (b'{"version": 2, "firstSeen": {}}', "expected"),
        (b'{"version": 1, "firstSeen": {"a:1": {"digest": "sha256:zz", "seen": "2026-01-01T00:00:00Z"}}}', "'a:1'"),
        (b'{"version": 1, "firstSeen": {"a:1": {"digest": "' + DIGEST.encode() + b'", "seen": "yesterday"}}}', "'a:1'"),
        (
            b'{"version": 1, "firstSeen": {"a:1": {"digest": "'
            + DIGEST.encode()
            + b'", "seen": "2026-01-01T00:00:00"}}}',
            "time zone",
        ),
    ],
)
def test_corrupt_state_is_an_error_naming_the_file(data: bytes, needle: str) -> None:
    with pytest.raises(TrustError) as caught:
        parse_first_seen(data, "state file '/x/first-seen.json'")
    assert "state file '/x/first-seen.json' is corrupt" in str(caught.value) and needle in str(caught.value)


def test_age_holds_until_first_seen_plus_min_age() -> None:
    verdict = judge_age(48 * 3600, first_seen=1000.0, now=1001.0)
    assert (
        verdict.outcome is Outcome.HELD and verdict.eligible_at == 1000.0 + 48 * 3600 and "minAge 48h" in verdict.reason
    )
    assert judge_age(2, first_seen=1000.0, now=1002.0).passed
    assert judge_age(None, first_seen=1000.0, now=1000.0).passed


def test_rejection_beats_hold_and_holds_keep_the_latest_eligibility() -> None:
    assert combine([PASS, held("young", 5.0), rejected("bad")]).outcome is Outcome.REJECTED
    both = combine([held("young", 5.0), held("younger", 9.0)])
    assert both.outcome is Outcome.HELD and both.eligible_at == 9.0 and both.reason == "young; younger"
    unknown = combine([held("young", 5.0), held("no signature yet")])
    assert unknown.eligible_at is None  # one hold has no known end
    assert combine([]).passed


def test_identity_policy_without_any_keyless_signature_is_held_not_passed() -> None:
    policies = parse_policies({"k8s": {"identity": "a@b.c", "issuer": "https://accounts.google.com"}})
    verdict = judge(list(policies.values()), Evidence(DIGEST), PASS, TrustContext())
    assert verdict.outcome is Outcome.HELD and verdict.reason == f"no keyless signature for {DIGEST}"
    assert verdict.reason != KEYLESS_UNAVAILABLE  # keyless.py and sigstore are in this build


def test_a_key_that_did_not_load_is_an_error_naming_policy_and_key() -> None:
    policies = parse_policies({"signed": {"key": "keys/gone.pub"}})
    (policy,) = policies.values()
    assert policy.key is not None
    context = TrustContext(keys={policy.key: TrustError("cannot read key file 'keys/gone.pub'")})
    with pytest.raises(TrustError, match=re.escape("policy 'signed': cannot read key file 'keys/gone.pub'")):
        judge([policy], Evidence(DIGEST), PASS, context)
