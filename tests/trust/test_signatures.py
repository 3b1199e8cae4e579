"""Key-based cosign signatures and DSSE attestations judged from bytes: every supported key type passes, and each
way to fail is held or rejected as it should be."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa

from ecr_mirror.errors import TrustError
from ecr_mirror.lab.signing import (
    KeyKind,
    SignedPayload,
    dsse_attestation,
    generate_key,
    public_pem,
    sign,
    signed_signature,
    simple_signing_payload,
)
from ecr_mirror.trust.cosign import verify_cosign_signatures
from ecr_mirror.trust.dsse import verify_attestations
from ecr_mirror.trust.evidence import SIGNATURE_ANNOTATION, SignedLayer
from ecr_mirror.trust.keys import load_public_key
from ecr_mirror.trust.verdict import Outcome

DIGEST = "sha256:" + "a" * 64
OTHER = "sha256:" + "b" * 64
SLSA = "https://slsa.dev/provenance/v1"


def _layer(signed: SignedPayload) -> SignedLayer:
    notes = {SIGNATURE_ANNOTATION: base64.b64encode(signed.signature).decode(), **dict(signed.annotations)}
    return SignedLayer(signed.media_type, signed.payload, notes)


@pytest.mark.parametrize("kind", ["p256", "p384", "rsa", "ed25519"])
def test_each_supported_key_type_verifies_and_another_key_is_rejected(kind: KeyKind) -> None:
    signer = generate_key(kind)
    key = load_public_key(public_pem(signer), "key test.pub")
    layer = _layer(signed_signature(DIGEST, signer))
    assert verify_cosign_signatures([layer], key, "key test.pub", DIGEST).outcome is Outcome.PASSED
    other = load_public_key(public_pem(generate_key(kind)), "key other.pub")
    verdict = verify_cosign_signatures([layer], other, "key other.pub", DIGEST)
    assert verdict.outcome is Outcome.REJECTED and "verifies with key other.pub" in verdict.reason


def test_der_key_as_kms_returns_it_loads() -> None:
    signer = generate_key("p256")
    der = signer.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    key = load_public_key(der, "key awskms:///alias/x")
    assert verify_cosign_signatures([_layer(signed_signature(DIGEST, signer))], key, "k", DIGEST).passed


def test_p384_signature_made_with_sha256_verifies_too() -> None:
    signer = generate_key("p384")
    assert isinstance(signer, ec.EllipticCurvePrivateKey)
    payload = simple_signing_payload(DIGEST)
    from cryptography.hazmat.primitives import hashes

    layer = _layer(
        SignedPayload(
            "application/vnd.dev.cosign.simplesigning.v1+json", payload, signer.sign(payload, ec.ECDSA(hashes.SHA256()))
        )
    )
    assert verify_cosign_signatures([layer], load_public_key(public_pem(signer), "k"), "k", DIGEST).passed


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"not a key", "key bad.pub: not a PEM or DER public key"),
        (
            rsa.generate_private_key(public_exponent=65537, key_size=1024)
            .public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
            "1024 bits",
        ),
        (
            ec.generate_private_key(ec.SECP521R1())
            .public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
            "curve secp521r1 is not supported",
        ),
        (
            dsa.generate_private_key(2048)
            .public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
            "supported: ECDSA P-256/P-384, RSA, Ed25519",
        ),
    ],
    # Keys are generated at collection: fixed ids keep the test names the same in every pytest-xdist worker.
    ids=["not-a-key", "rsa-1024", "ec-p521", "dsa"],
)
def test_unusable_keys_are_errors_naming_the_key(data: bytes, needle: str) -> None:
    with pytest.raises(TrustError) as caught:
        load_public_key(data, "key bad.pub")
    assert needle in str(caught.value) and "bad.pub" in str(caught.value)


def test_no_signature_tag_is_held_and_a_signature_for_another_digest_is_rejected() -> None:
    signer = generate_key()
    key = load_public_key(public_pem(signer), "k")
    assert verify_cosign_signatures(None, key, "k", DIGEST).outcome is Outcome.HELD
    assert verify_cosign_signatures([], key, "k", DIGEST).outcome is Outcome.HELD
    moved = _layer(signed_signature(DIGEST, signer, signs=OTHER))
    verdict = verify_cosign_signatures([moved], key, "k", DIGEST)
    assert verdict.outcome is Outcome.REJECTED and "digest mismatch" in verdict.reason and OTHER in verdict.reason


def test_tampered_payload_is_rejected_and_one_good_signature_among_others_passes() -> None:
    signer = generate_key()
    key = load_public_key(public_pem(signer), "k")
    good = signed_signature(DIGEST, signer)
    tampered = SignedPayload(good.media_type, good.payload.replace(b"lab/image", b"lab/other"), good.signature)
    assert verify_cosign_signatures([_layer(tampered)], key, "k", DIGEST).outcome is Outcome.REJECTED
    stranger = _layer(signed_signature(DIGEST, generate_key()))
    assert verify_cosign_signatures([stranger, _layer(good)], key, "k", DIGEST).passed


def test_garbage_signature_annotation_counts_as_no_signature() -> None:
    key = load_public_key(public_pem(generate_key()), "k")
    layer = SignedLayer(
        "application/vnd.dev.cosign.simplesigning.v1+json", b"{}", {SIGNATURE_ANNOTATION: "!!not base64"}
    )
    assert verify_cosign_signatures([layer], key, "k", DIGEST).outcome is Outcome.HELD


def test_attestations_pass_held_when_missing_rejected_when_foreign_or_about_another_digest() -> None:
    signer = generate_key()
    key = load_public_key(public_pem(signer), "k")
    good = _layer(dsse_attestation(DIGEST, signer, SLSA))
    assert verify_attestations([good], [SLSA], key, "k", DIGEST).passed
    missing = verify_attestations([good], [SLSA, "https://spdx.dev/Document"], key, "k", DIGEST)
    assert missing.outcome is Outcome.HELD and "https://spdx.dev/Document" in missing.reason
    assert verify_attestations(None, [SLSA], key, "k", DIGEST).outcome is Outcome.HELD
    foreign = _layer(dsse_attestation(DIGEST, generate_key(), SLSA))
    assert verify_attestations([foreign], [SLSA], key, "k", DIGEST).outcome is Outcome.REJECTED
    elsewhere = verify_attestations([_layer(dsse_attestation(OTHER, signer, SLSA))], [SLSA], key, "k", DIGEST)
    assert elsewhere.outcome is Outcome.REJECTED and "another digest" in elsewhere.reason


def test_attestation_signature_over_the_bare_payload_is_not_accepted() -> None:
    """DSSE signs the pre-authentication encoding, not the statement alone."""
    signer = generate_key()
    good = dsse_attestation(DIGEST, signer, SLSA)
    import json

    envelope = json.loads(good.payload)
    statement = base64.b64decode(envelope["payload"])
    envelope["signatures"] = [{"keyid": "", "sig": base64.b64encode(sign(signer, statement)).decode()}]
    bare = SignedLayer(good.media_type, json.dumps(envelope).encode(), {})
    key = load_public_key(public_pem(signer), "k")
    assert verify_attestations([bare], [SLSA], key, "k", DIGEST).outcome is Outcome.REJECTED
