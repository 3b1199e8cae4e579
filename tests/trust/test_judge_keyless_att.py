"""The judge for an identity policy that asks for an attestation, from cosign `.att` layers made without a key: which
layers are tried (those with a certificate, of the wanted predicate type or with none named), the first that
verifies passes, and a rejection names the digest, the rule and the first layer's failure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ecr_mirror.lab.signing import generate_key, signed_signature
from ecr_mirror.trust.evidence import DSSE_ENVELOPE, PREDICATE_ANNOTATION, SIGNATURE_ANNOTATION, Evidence, SignedLayer
from ecr_mirror.trust.judge import TrustContext, judge
from ecr_mirror.trust.policy import Policy, parse_policies
from ecr_mirror.trust.verdict import PASS, Outcome, Verdict
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
SLSA = "https://slsa.dev/provenance/v1"
SPDX = "https://spdx.dev/Document"
RELEASER = "releaser@example.com"
RULE = f"{RELEASER} (issuer {GOOGLE_ISSUER})"
HELD = f"no {SLSA} attestation (keyless `.att` layer or bundle) for {DIGEST}"


@pytest.fixture
def context(world: SigstoreWorld, tmp_path: Path) -> TrustContext:
    return TrustContext(trusted_root=str(world.write_trusted_root(tmp_path / "trusted_root.json")))


def _policy() -> Policy:
    (policy,) = parse_policies({"k": {"identity": RELEASER, "issuer": GOOGLE_ISSUER, "attestations": [SLSA]}}).values()
    return policy


def _att(world: SigstoreWorld, identity: str = RELEASER, *, predicate: str = SLSA, drop: str = "") -> SignedLayer:
    """A keyless `.att` layer; `drop`: an annotation left out."""
    envelope, annotations = world.cosign_attestation(DIGEST, predicate, identity)
    annotations.pop(drop, None)
    return SignedLayer(DSSE_ENVELOPE, envelope, annotations)


def _judge(world: SigstoreWorld, context: TrustContext, *atts: SignedLayer, bundles: tuple[bytes, ...] = ()) -> Verdict:
    """The verdict with a valid keyless `.sig` layer beside the attestations (so only the attestation decides)."""
    payload, annotations = world.cosign_signature(DIGEST)
    signature = SignedLayer("application/vnd.dev.cosign.simplesigning.v1+json", payload, annotations)
    evidence = Evidence(DIGEST, signatures=(signature,), attestations=atts, bundles=bundles)
    return judge([_policy()], evidence, PASS, context)


def test_a_keyless_att_layer_by_the_identity_passes(world: SigstoreWorld, context: TrustContext) -> None:
    assert _judge(world, context, _att(world)) == PASS


def test_a_layer_without_a_predicate_type_annotation_is_tried_as_the_wanted_one(
    world: SigstoreWorld, context: TrustContext
) -> None:
    assert _judge(world, context, _att(world, drop=PREDICATE_ANNOTATION)) == PASS


def test_a_layer_annotated_with_another_predicate_type_is_not_tried(
    world: SigstoreWorld, context: TrustContext
) -> None:
    """An SBOM attestation by the identity is no provenance attestation: held, not rejected."""
    verdict = _judge(world, context, _att(world, predicate=SPDX))
    assert verdict.outcome is Outcome.HELD and verdict.reason == HELD


def test_a_layer_without_a_certificate_is_no_keyless_attestation(world: SigstoreWorld, context: TrustContext) -> None:
    """A key-based `.att` layer (no certificate annotation) is not tried under an identity policy: held."""
    key_signed = signed_signature(DIGEST, generate_key())
    plain = SignedLayer(DSSE_ENVELOPE, key_signed.payload, {SIGNATURE_ANNOTATION: "c2ln", PREDICATE_ANNOTATION: SLSA})
    verdict = _judge(world, context, plain)
    assert verdict.outcome is Outcome.HELD and verdict.reason == HELD
    assert _judge(world, context).reason == HELD  # no `.att` tag at all: the same


def test_another_identitys_layer_is_rejected_naming_digest_rule_and_its_failure(
    world: SigstoreWorld, context: TrustContext
) -> None:
    verdict = _judge(world, context, _att(world, "intruder@example.com"))
    assert verdict.outcome is Outcome.REJECTED
    assert verdict.reason.startswith(f"the {SLSA} attestation of {DIGEST} does not verify for {RULE}: ")
    assert "intruder@example.com" in verdict.reason


def test_a_verifying_layer_passes_after_failing_ones(world: SigstoreWorld, context: TrustContext) -> None:
    first, second = _att(world, "first@example.com"), _att(world, "second@example.com")
    assert _judge(world, context, first, second, _att(world)) == PASS
    # A failing layer, then a verifying bundle: the bundles are tried too.
    assert _judge(world, context, first, bundles=(world.dsse_bundle(DIGEST, SLSA),)) == PASS


def test_the_first_failing_layer_is_the_reason_before_the_bundles(world: SigstoreWorld, context: TrustContext) -> None:
    bundle = world.dsse_bundle(DIGEST, SLSA, "third@example.com")
    verdict = _judge(
        world, context, _att(world, "first@example.com"), _att(world, "second@example.com"), bundles=(bundle,)
    )
    assert verdict.outcome is Outcome.REJECTED
    assert "first@example.com" in verdict.reason
    assert "second@example.com" not in verdict.reason and "third@example.com" not in verdict.reason
