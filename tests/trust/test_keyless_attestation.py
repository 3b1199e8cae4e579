"""Keyless attestations in the cosign tag scheme (`.att` layer: a DSSE envelope, the certificate and Rekor entry in
annotations) against a local Sigstore, offline: both log entry kinds `cosign attest` writes, and each check's
failure."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from ecr_mirror.trust.keyless import (
    CERTIFICATE_ANNOTATION,
    REKOR_BUNDLE_ANNOTATION,
    IdentityRule,
    KeylessResult,
    TrustedRootSource,
    verify_cosign_keyless_attestation,
)
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
OTHER = "sha256:" + hashlib.sha256(b"another image").hexdigest()
SLSA = "https://slsa.dev/provenance/v1"
SPDX = "https://spdx.dev/Document"
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")
Layer = tuple[bytes, dict[str, str]]


def _check(
    layer: Layer, root: TrustedRootSource, *, rule: IdentityRule = RELEASER, digest: str = DIGEST, kind: str = SLSA
) -> KeylessResult:
    envelope, annotations = layer
    return verify_cosign_keyless_attestation(
        envelope, annotations, subject_digest=digest, predicate_type=kind, rule=rule, trusted_root=root
    )


def _logged_body(layer: Layer, change: Callable[[dict[str, Any]], None]) -> Layer:
    """The layer with its log entry's body changed (which the SET no longer covers: for checks behind the SET, the
    world logs a new entry instead)."""
    envelope, annotations = layer
    entry = json.loads(annotations[REKOR_BUNDLE_ANNOTATION])
    body = json.loads(base64.b64decode(entry["Payload"]["body"]))
    change(body)
    entry["Payload"]["body"] = base64.b64encode(json.dumps(body).encode()).decode()
    return envelope, {**annotations, REKOR_BUNDLE_ANNOTATION: json.dumps(entry)}


@pytest.mark.parametrize("entry_kind", ["dsse", "intoto"])
def test_an_attestation_by_the_rules_identity_passes_with_either_log_entry_kind(
    world: SigstoreWorld, root: TrustedRootSource, entry_kind: str
) -> None:
    result = _check(world.cosign_attestation(DIGEST, SLSA, entry_kind=entry_kind), root)
    assert result.ok, result.reason
    assert "releaser@example.com" in result.reason and SLSA in result.reason and DIGEST in result.reason


def test_another_identity_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_attestation(DIGEST, identity="intruder@example.com"), root)
    assert not result.ok and "intruder@example.com" in result.reason


def test_another_predicate_type_or_subject_is_refused_naming_it(world: SigstoreWorld, root: TrustedRootSource) -> None:
    sbom = _check(world.cosign_attestation(DIGEST, SPDX), root)
    assert not sbom.ok and SPDX in sbom.reason and SLSA in sbom.reason
    other = _check(world.cosign_attestation(OTHER, SLSA), root)
    assert not other.ok and f"not {DIGEST}" in other.reason


def test_a_tampered_envelope_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    envelope, annotations = world.cosign_attestation(DIGEST)
    doc = json.loads(envelope)
    statement = json.loads(base64.b64decode(doc["payload"]))
    statement["predicate"] = {"builder": {"id": "https://evil.example/builder"}}
    doc["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()
    result = _check((json.dumps(doc).encode(), annotations), root)
    assert not result.ok and "envelope hash" in result.reason


def test_an_envelope_signed_by_a_key_other_than_the_certificates_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    certified = world.issue("releaser@example.com", GOOGLE_ISSUER)
    other = world.issue("releaser@example.com", GOOGLE_ISSUER)
    envelope, _ = world.cosign_attestation(DIGEST, signer=other)
    # The other key's envelope logged under the certificate: the entry names both, the signature does not verify.
    result = _check(world.cosign_attestation(DIGEST, signer=certified, raw_envelope=envelope), root)
    assert not result.ok and "none of the envelope's 1 signature(s) verifies" in result.reason


def test_a_log_entry_naming_another_certificate_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    signer = world.issue("releaser@example.com", GOOGLE_ISSUER)
    stranger = world.issue("releaser@example.com", GOOGLE_ISSUER)
    envelope, _ = world.cosign_attestation(DIGEST, signer=signer)
    # Logged (this envelope's hash, a valid SET) with the stranger's certificate as key; the layer shows the signer's.
    _, logged = world.cosign_attestation(DIGEST, signer=stranger, raw_envelope=envelope)
    result = _check((envelope, {**logged, CERTIFICATE_ANNOTATION: signer.pem.decode()}), root)
    assert not result.ok and "does not record this certificate" in result.reason


def test_a_changed_log_entry_breaks_the_signed_entry_timestamp(world: SigstoreWorld, root: TrustedRootSource) -> None:
    def other_hash(body: dict[str, Any]) -> None:
        body["spec"]["envelopeHash"]["value"] = "0" * 64

    result = _check(_logged_body(world.cosign_attestation(DIGEST), other_hash), root)
    assert not result.ok and "signed entry timestamp" in result.reason


def test_a_hashedrekord_entry_is_not_an_attestation_entry(world: SigstoreWorld, root: TrustedRootSource) -> None:
    envelope, annotations = world.cosign_attestation(DIGEST)
    _, signature_notes = world.cosign_signature(DIGEST)  # a logged entry of the other kind, with a valid SET
    mixed = {**annotations, REKOR_BUNDLE_ANNOTATION: signature_notes[REKOR_BUNDLE_ANNOTATION]}
    result = _check((envelope, mixed), root)
    assert not result.ok and "'hashedrekord' entry" in result.reason


def test_a_logged_layer_that_is_not_an_in_toto_envelope_is_refused_saying_what_it_is(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    text = _check(world.cosign_attestation(DIGEST, payload_type="text/plain"), root)
    assert not text.ok and "'text/plain'" in text.reason
    garbage = _check(world.cosign_attestation(DIGEST, raw_envelope=b"not json"), root)
    assert not garbage.ok and "not a DSSE envelope" in garbage.reason


def test_an_envelope_whose_signature_does_not_verify_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    envelope, _ = world.cosign_attestation(DIGEST)
    doc = json.loads(envelope)
    doc["signatures"][0]["sig"] = base64.b64encode(b"\x30\x06\x02\x01\x01\x02\x01\x01").decode()
    forged = json.dumps(doc).encode()
    result = _check(world.cosign_attestation(DIGEST, raw_envelope=forged), root)  # logged as it is
    assert not result.ok and "none of the envelope's 1 signature(s) verifies" in result.reason


def test_an_annotation_missing_is_refused_naming_it(world: SigstoreWorld, root: TrustedRootSource) -> None:
    envelope, annotations = world.cosign_attestation(DIGEST)
    for name in (CERTIFICATE_ANNOTATION, REKOR_BUNDLE_ANNOTATION):
        result = _check((envelope, {k: v for k, v in annotations.items() if k != name}), root)
        assert not result.ok and name in result.reason and "attestation layer" in result.reason
