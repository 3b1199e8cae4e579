"""The judge for key-based policies, from bytes to verdict: the policy's key, its signature and attestations, what
each missing or foreign part gives and the reasons naming the key and the digest; and the age part (minAge)."""

from __future__ import annotations

import base64

import pytest

from ecr_mirror.errors import TrustError
from ecr_mirror.lab.signing import (
    PrivateKey,
    SignedPayload,
    dsse_attestation,
    generate_key,
    public_pem,
    sign,
    signed_signature,
)
from ecr_mirror.trust.evidence import SIGNATURE_ANNOTATION, Evidence, SignedLayer
from ecr_mirror.trust.judge import TrustContext, judge, judge_age, min_age
from ecr_mirror.trust.keys import load_public_key
from ecr_mirror.trust.policy import Policy, parse_policies
from ecr_mirror.trust.verdict import PASS, Outcome, held

DIGEST = "sha256:" + "a" * 64
SLSA = "https://slsa.dev/provenance/v1"
KEY = "keys/cosign.pub"


def _layer(signed: SignedPayload) -> SignedLayer:
    notes = {SIGNATURE_ANNOTATION: base64.b64encode(signed.signature).decode(), **dict(signed.annotations)}
    return SignedLayer(signed.media_type, signed.payload, notes)


def _policy(**fields: object) -> Policy:
    (policy,) = parse_policies({"signed": {"key": KEY, **fields}}).values()
    return policy


def _context(policy: Policy, signer: PrivateKey) -> TrustContext:
    assert policy.key is not None
    return TrustContext(keys={policy.key: load_public_key(public_pem(signer), KEY)})


def _signature(digest: str, signer: PrivateKey) -> tuple[SignedLayer, ...]:
    return (_layer(signed_signature(digest, signer)),)


def _attestation(digest: str, signer: PrivateKey) -> tuple[SignedLayer, ...]:
    return (_layer(dsse_attestation(digest, signer, SLSA)),)


def test_a_signed_and_attested_digest_passes_and_each_missing_part_holds_naming_it() -> None:
    signer = generate_key()
    policy = _policy(attestations=[SLSA])
    context = _context(policy, signer)
    signature, attestation = _signature(DIGEST, signer), _attestation(DIGEST, signer)
    assert judge([policy], Evidence(DIGEST, signature, attestation), PASS, context) == PASS

    unattested = judge([policy], Evidence(DIGEST, signature, None), PASS, context)
    assert unattested.outcome is Outcome.HELD and unattested.reason == f"no {SLSA} attestation for {DIGEST}"
    unsigned = judge([policy], Evidence(DIGEST, None, attestation), PASS, context)
    assert unsigned.outcome is Outcome.HELD
    assert unsigned.reason == f"no cosign signature for {DIGEST} (tag sha256-{'a' * 64}.sig absent)"
    not_simple = judge([policy], Evidence(DIGEST, (SignedLayer("text/plain", b"x"),), attestation), PASS, context)
    assert not_simple.outcome is Outcome.HELD
    assert not_simple.reason == f"the cosign signature tag of {DIGEST} holds no simple-signing signature"


def test_a_signature_or_attestation_by_another_key_is_rejected_naming_the_policys_key() -> None:
    signer, stranger = generate_key(), generate_key()
    policy = _policy(attestations=[SLSA])
    context = _context(policy, signer)
    signature, attestation = _signature(DIGEST, signer), _attestation(DIGEST, signer)

    forged_signature = judge([policy], Evidence(DIGEST, _signature(DIGEST, stranger), attestation), PASS, context)
    assert forged_signature.outcome is Outcome.REJECTED
    assert forged_signature.reason == f"none of the 1 cosign signature(s) of {DIGEST} verifies with key {KEY}"
    forged_attestation = judge([policy], Evidence(DIGEST, signature, _attestation(DIGEST, stranger)), PASS, context)
    assert forged_attestation.outcome is Outcome.REJECTED
    assert forged_attestation.reason == f"the {SLSA} attestation(s) of {DIGEST} do not verify with key {KEY}"


def test_a_signature_over_a_payload_naming_no_digest_is_a_mismatch_saying_so() -> None:
    signer = generate_key()
    policy = _policy()
    payload = b'{"critical": {"type": "cosign container image signature", "image": {}}}'
    layer = _layer(SignedPayload("application/vnd.dev.cosign.simplesigning.v1+json", payload, sign(signer, payload)))
    verdict = judge([policy], Evidence(DIGEST, (layer,)), PASS, _context(policy, signer))
    assert verdict.outcome is Outcome.REJECTED
    assert verdict.reason == f"a signature by key {KEY} signs no image digest, not {DIGEST}: digest mismatch"


def test_a_key_the_front_door_never_loaded_is_an_error_naming_policy_and_key() -> None:
    with pytest.raises(TrustError) as caught:
        judge([_policy()], Evidence(DIGEST, _signature(DIGEST, generate_key())), PASS, TrustContext())
    assert str(caught.value) == f"policy 'signed': key {KEY} was not loaded"


def test_signed_policies_without_evidence_are_an_error_and_age_only_policies_need_none() -> None:
    (cooling,) = parse_policies({"cooling": {"minAge": "1h"}}).values()
    with pytest.raises(TrustError) as caught:
        judge([cooling, _policy()], None, PASS, TrustContext())
    assert str(caught.value) == "signature evidence was not fetched"
    young = held("too young", 99.0)
    assert judge([cooling], None, young, TrustContext()) == young
    assert judge([cooling], Evidence(DIGEST), PASS, TrustContext()) == PASS


def test_the_longest_min_age_of_an_entrys_policies_applies() -> None:
    policies = parse_policies({"a": {"minAge": "2h"}, "b": {"minAge": "90m"}, "c": {"key": KEY}})
    assert min_age(list(policies.values())) == 7200.0
    assert min_age([policies["c"]]) is None
    assert min_age([]) is None


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(3600, "1h"), (7200, "2h"), (5400, "90m"), (60, "1m"), (90, "90s"), (61, "61s"), (59, "59s"), (1.5, "1.5s")],
)
def test_a_hold_for_age_shows_min_age_in_the_largest_whole_unit(seconds: float, shown: str) -> None:
    verdict = judge_age(seconds, first_seen=0.0, now=0.0)
    assert verdict.outcome is Outcome.HELD and verdict.eligible_at == seconds
    assert verdict.reason == f"too young: first seen upstream 1970-01-01T00:00:00.000Z, minAge {shown}"
