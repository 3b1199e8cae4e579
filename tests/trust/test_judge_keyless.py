"""The judge for identity (keyless) policies, from evidence to verdict against a local Sigstore: which layers and
bundles count as signatures or attestations, the trust root the context names, and reasons naming the digest, the
rule and what failed."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from ecr_mirror.lab.signing import generate_key, signed_signature
from ecr_mirror.trust.evidence import SIGNATURE_ANNOTATION, SIMPLE_SIGNING, Evidence, SignedLayer
from ecr_mirror.trust.judge import TrustContext, judge
from ecr_mirror.trust.keyless_gate import KEYLESS_UNAVAILABLE
from ecr_mirror.trust.policy import Policy, parse_policies
from ecr_mirror.trust.verdict import PASS, Outcome
from tests.support.sigstore_world import GITHUB_ISSUER, GOOGLE_ISSUER, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
SLSA = "https://slsa.dev/provenance/v1"
RELEASER = "releaser@example.com"
RULE = f"{RELEASER} (issuer {GOOGLE_ISSUER})"
WORKFLOW = "https://github.com/example/app/.github/workflows/release.yml@refs/tags/v1.2.3"


@pytest.fixture
def context(world: SigstoreWorld, tmp_path: Path) -> TrustContext:
    return TrustContext(trusted_root=str(world.write_trusted_root(tmp_path / "trusted_root.json")))


def _policy(**fields: object) -> Policy:
    (policy,) = parse_policies({"k": fields or {"identity": RELEASER, "issuer": GOOGLE_ISSUER}}).values()
    return policy


def _layer(signed: tuple[bytes, dict[str, str]]) -> SignedLayer:
    payload, annotations = signed
    return SignedLayer(SIMPLE_SIGNING, payload, annotations)


def test_a_cosign_keyless_layer_or_a_signature_bundle_by_the_identity_passes(
    world: SigstoreWorld, context: TrustContext
) -> None:
    layer = Evidence(DIGEST, signatures=(_layer(world.cosign_signature(DIGEST)),))
    assert judge([_policy()], layer, PASS, context) == PASS
    bundle = Evidence(DIGEST, bundles=(world.message_bundle(DIGEST),))
    assert judge([_policy()], bundle, PASS, context) == PASS


def test_an_identity_regex_policy_passes_a_matching_workflow(world: SigstoreWorld, context: TrustContext) -> None:
    policy = _policy(identityRegex=r"https://github\.com/example/app/.+", issuer=GITHUB_ISSUER)
    evidence = Evidence(DIGEST, signatures=(_layer(world.cosign_signature(DIGEST, WORKFLOW, GITHUB_ISSUER)),))
    assert judge([policy], evidence, PASS, context) == PASS


def test_the_trust_root_the_context_names_is_the_one_used(world: SigstoreWorld) -> None:
    """Without it, the Sigstore public-good root (shipped with `sigstore`) refuses the local world's signature."""
    evidence = Evidence(DIGEST, bundles=(world.message_bundle(DIGEST),))
    verdict = judge([_policy()], evidence, PASS, TrustContext())
    assert verdict.outcome is Outcome.REJECTED and "chain" in verdict.reason


@pytest.mark.parametrize("kind", ["layer", "bundle"])
def test_a_signature_by_another_identity_is_rejected_naming_digest_rule_and_failure(
    world: SigstoreWorld, context: TrustContext, kind: str
) -> None:
    if kind == "layer":
        evidence = Evidence(DIGEST, signatures=(_layer(world.cosign_signature(DIGEST, "intruder@example.com")),))
    else:
        evidence = Evidence(DIGEST, bundles=(world.message_bundle(DIGEST, "intruder@example.com"),))
    verdict = judge([_policy()], evidence, PASS, context)
    assert verdict.outcome is Outcome.REJECTED
    assert verdict.reason.startswith(f"no keyless signature of {DIGEST} verifies for {RULE}: ")
    assert "intruder@example.com" in verdict.reason


def test_the_first_failure_is_the_reason_when_several_signatures_fail(
    world: SigstoreWorld, context: TrustContext
) -> None:
    evidence = Evidence(
        DIGEST,
        signatures=(_layer(world.cosign_signature(DIGEST, "first@example.com")),),
        bundles=(world.message_bundle(DIGEST, "second@example.com"),),
    )
    verdict = judge([_policy()], evidence, PASS, context)
    assert verdict.outcome is Outcome.REJECTED
    assert "first@example.com" in verdict.reason and "second@example.com" not in verdict.reason


def test_key_based_signature_layers_and_attestation_bundles_are_not_keyless_signatures(
    world: SigstoreWorld, context: TrustContext
) -> None:
    """A `.sig` layer without a certificate, or an attestation bundle, is no keyless signature: held, not tried."""
    key_signed = signed_signature(DIGEST, generate_key())
    plain = SignedLayer(key_signed.media_type, key_signed.payload, {SIGNATURE_ANNOTATION: "c2ln"})
    evidence = Evidence(DIGEST, signatures=(plain,), bundles=(world.dsse_bundle(DIGEST, SLSA),))
    verdict = judge([_policy()], evidence, PASS, context)
    assert verdict.outcome is Outcome.HELD and verdict.reason == f"no keyless signature for {DIGEST}"


def test_attestations_of_an_identity_policy_pass_hold_or_reject(world: SigstoreWorld, context: TrustContext) -> None:
    policy = _policy(identity=RELEASER, issuer=GOOGLE_ISSUER, attestations=[SLSA])
    signature = world.message_bundle(DIGEST)
    attested = Evidence(DIGEST, bundles=(signature, world.dsse_bundle(DIGEST, SLSA)))
    assert judge([policy], attested, PASS, context) == PASS

    missing = judge([policy], Evidence(DIGEST, bundles=(signature,)), PASS, context)
    assert missing.outcome is Outcome.HELD and missing.reason == (
        f"no {SLSA} attestation (keyless `.att` layer or bundle) for {DIGEST}"
    )
    foreign = world.dsse_bundle(DIGEST, SLSA, "intruder@example.com")
    rejected = judge([policy], Evidence(DIGEST, bundles=(signature, foreign)), PASS, context)
    assert rejected.outcome is Outcome.REJECTED
    assert rejected.reason.startswith(f"the {SLSA} attestation of {DIGEST} does not verify for {RULE}: ")
    assert "intruder@example.com" in rejected.reason


def test_without_the_sigstore_package_an_identity_policy_holds(
    world: SigstoreWorld, context: TrustContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sigstore", None)  # what an installation without the package looks like
    evidence = Evidence(DIGEST, bundles=(world.message_bundle(DIGEST),))
    verdict = judge([_policy()], evidence, PASS, context)
    assert verdict.outcome is Outcome.HELD and verdict.reason == KEYLESS_UNAVAILABLE
