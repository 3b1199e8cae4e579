"""Keyless signatures in the cosign tag scheme (`.sig` layer annotations) against a local Sigstore, offline."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from ecr_mirror.trust.keyless import (
    CERTIFICATE_ANNOTATION,
    CHAIN_ANNOTATION,
    REKOR_BUNDLE_ANNOTATION,
    SIGNATURE_ANNOTATION,
    IdentityRule,
    KeylessResult,
    TrustedRootSource,
    verify_cosign_keyless,
)
from tests.support.sigstore_world import GITHUB_ISSUER, GOOGLE_ISSUER, Signer, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
OTHER = "sha256:" + hashlib.sha256(b"another image").hexdigest()
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")
WORKFLOW = "https://github.com/example/app/.github/workflows/release.yml@refs/tags/v1.2.3"
Annotations = dict[str, str]


def _check(
    layer: tuple[bytes, Annotations], root: TrustedRootSource, rule: IdentityRule = RELEASER, digest: str = DIGEST
) -> KeylessResult:
    payload, annotations = layer
    return verify_cosign_keyless(payload, annotations, subject_digest=digest, rule=rule, trusted_root=root)


def _with_log_entry(annotations: Annotations, change: Callable[[dict[str, Any]], None]) -> Annotations:
    entry = json.loads(annotations[REKOR_BUNDLE_ANNOTATION])
    change(entry)
    return {**annotations, REKOR_BUNDLE_ANNOTATION: json.dumps(entry)}


def test_a_signature_by_the_rules_identity_passes_and_names_it(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST), root)
    assert result.ok, result.reason
    assert "releaser@example.com" in result.reason and DIGEST in result.reason


def test_a_p384_certificate_signs_with_sha384(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, signer=world.issue(curve=ec.SECP384R1())), root)
    assert result.ok, result.reason


def test_the_chain_annotation_is_not_needed_when_the_trust_root_holds_the_intermediate(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    annotations.pop(CHAIN_ANNOTATION)
    assert _check((payload, annotations), root).ok


def test_another_identity_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, identity="intruder@example.com"), root)
    assert not result.ok
    assert "intruder@example.com" in result.reason


def test_the_right_identity_from_another_issuer_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, issuer="https://issuer.evil.test"), root)
    assert not result.ok
    assert "https://issuer.evil.test" in result.reason


def test_identity_regex_pass_and_fail(world: SigstoreWorld, root: TrustedRootSource) -> None:
    layer = world.cosign_signature(DIGEST, identity=WORKFLOW, issuer=GITHUB_ISSUER)
    good = IdentityRule(
        issuer=GITHUB_ISSUER, identity_regex=r"https://github\.com/example/app/\.github/workflows/.+@refs/tags/v.+"
    )
    assert _check(layer, root, good).ok
    prefix_only = IdentityRule(issuer=GITHUB_ISSUER, identity_regex=r"https://github\.com/example/")
    refused = _check(layer, root, prefix_only)
    assert not refused.ok and WORKFLOW in refused.reason


def test_a_certificate_expired_when_the_log_integrated_it_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    signer = world.issue()
    late = signer.certificate.not_valid_after_utc + timedelta(minutes=10)
    result = _check(world.cosign_signature(DIGEST, signer=signer, integrated_at=late), root)
    assert not result.ok
    assert "valid from" in result.reason and "integrated" in result.reason


def test_an_integrated_time_moved_into_the_validity_breaks_the_signed_entry_timestamp(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    signer = world.issue()
    payload, annotations = world.cosign_signature(
        DIGEST, signer=signer, integrated_at=signer.certificate.not_valid_after_utc + timedelta(hours=1)
    )
    inside = int((signer.certificate.not_valid_before_utc + timedelta(minutes=1)).timestamp())

    def move(entry: dict[str, Any]) -> None:
        entry["Payload"]["integratedTime"] = inside

    moved = _with_log_entry(annotations, move)
    result = _check((payload, moved), root)
    assert not result.ok and "signed entry timestamp" in result.reason


def test_a_tampered_payload_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    tampered = payload.replace(b"registry.test/app", b"registry.test/evil")
    result = _check((tampered, annotations), root)
    assert not result.ok
    assert "log entry does not record" in result.reason


def test_a_signature_by_a_key_other_than_the_certificates_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    """Even logged as such: the certificate's key must be the one that signed."""
    honest = world.issue()
    impostor = Signer(key=ec.generate_private_key(ec.SECP256R1()), certificate=honest.certificate)
    result = _check(world.cosign_signature(DIGEST, signer=impostor), root)
    assert not result.ok
    assert "does not verify over the payload" in result.reason


def test_a_signature_for_another_digest_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(OTHER), root)
    assert not result.ok
    assert result.reason == f"the signature is for {OTHER}, not for {DIGEST}"


def test_a_payload_that_is_not_simple_signing_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, payload=b'{"critical": {}}'), root)
    assert not result.ok and "simple-signing" in result.reason


@pytest.mark.parametrize("missing", [SIGNATURE_ANNOTATION, CERTIFICATE_ANNOTATION, REKOR_BUNDLE_ANNOTATION])
def test_a_layer_without_an_annotation_is_refused_naming_it(
    world: SigstoreWorld, root: TrustedRootSource, missing: str
) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    annotations.pop(missing)
    result = _check((payload, annotations), root)
    assert result == KeylessResult(
        False, f"the signature layer has no {missing} annotation (no keyless signature with a log entry)"
    )


def test_a_layer_whose_certificate_is_not_pem_is_refused_naming_the_layer(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    result = _check((payload, {**annotations, CERTIFICATE_ANNOTATION: "not a certificate"}), root)
    assert result.ok is False
    assert result.reason.startswith("the signature layer's annotations are malformed: "), result.reason


def test_a_forged_signed_entry_timestamp_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    forged = ec.generate_private_key(ec.SECP256R1()).sign(b"anything", ec.ECDSA(hashes.SHA256()))
    annotations = _with_log_entry(
        annotations, lambda e: e.__setitem__("SignedEntryTimestamp", base64.b64encode(forged).decode())
    )
    result = _check((payload, annotations), root)
    assert not result.ok and "signed entry timestamp" in result.reason


def test_a_log_entry_of_another_signature_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    """A genuine, validly signed log entry, but for another signature: replaying it proves nothing."""
    payload, annotations = world.cosign_signature(DIGEST)
    _, other = world.cosign_signature(DIGEST)
    replayed = {**annotations, REKOR_BUNDLE_ANNOTATION: other[REKOR_BUNDLE_ANNOTATION]}
    result = _check((payload, replayed), root)
    assert not result.ok and "log entry does not record" in result.reason


def test_a_log_entry_from_a_log_outside_the_trust_root_is_refused(root: TrustedRootSource) -> None:
    stranger = SigstoreWorld()
    result = _check(stranger.cosign_signature(DIGEST), root)
    assert not result.ok and "signed entry timestamp" in result.reason


def test_a_certificate_from_another_ca_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    """A stranger's certificate logged in the trusted log (SET valid): the chain check refuses it."""
    stranger = SigstoreWorld()
    result = _check(world.cosign_signature(DIGEST, signer=stranger.issue()), root)
    assert not result.ok and "Fulcio CA" in result.reason


def test_a_certificate_without_an_embedded_sct_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, signer=world.issue(with_sct=False)), root)
    assert not result.ok and "signed certificate timestamp" in result.reason


@pytest.mark.parametrize(
    ("name", "value"),
    [
        (SIGNATURE_ANNOTATION, "not base64!"),
        (CERTIFICATE_ANNOTATION, "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n"),
        (REKOR_BUNDLE_ANNOTATION, "{not json"),
        (REKOR_BUNDLE_ANNOTATION, '{"Payload": {"body": "", "integratedTime": "x"}}'),
    ],
)
def test_malformed_annotations_are_refused_not_raised(
    world: SigstoreWorld, root: TrustedRootSource, name: str, value: str
) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    result = _check((payload, {**annotations, name: value}), root)
    assert not result.ok and "malformed" in result.reason
