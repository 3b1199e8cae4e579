"""Key-based signatures and attestations at their edges: base64 that is not strictly base64, envelopes of another
payload type, statements of odd shapes, RSA-PSS, key sizes and leading whitespace."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, padding

from ecr_mirror.errors import TrustError
from ecr_mirror.lab.signing import PrivateKey, generate_key, public_pem, sign, simple_signing_payload
from ecr_mirror.trust.cosign import verify_cosign_signatures
from ecr_mirror.trust.dsse import pae, verify_attestations
from ecr_mirror.trust.evidence import DSSE_ENVELOPE, SIGNATURE_ANNOTATION, SIMPLE_SIGNING, SignedLayer
from ecr_mirror.trust.keys import MAX_KEY_BYTES, load_public_key
from ecr_mirror.trust.verdict import Outcome

DIGEST = "sha256:" + "a" * 64
SLSA = "https://slsa.dev/provenance/v1"
IN_TOTO = "application/vnd.in-toto+json"


def _junk(text: str) -> str:
    return text[:8] + "*" + text[8:]  # outside the base64 alphabet: a lenient decoder would skip it


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _statement(subjects: list[Any] | None = None) -> bytes:
    doc: dict[str, Any] = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": subjects if subjects is not None else [{"name": "lab/image", "digest": {"sha256": "a" * 64}}],
        "predicateType": SLSA,
        "predicate": {},
    }
    return json.dumps(doc).encode()


def _envelope(
    key: PrivateKey, body: bytes, payload_type: str = IN_TOTO, *, payload: str | None = None, sig: str | None = None
) -> SignedLayer:
    signature = _b64(sign(key, pae(payload_type, body)))
    doc = {"payloadType": payload_type, "payload": payload or _b64(body), "signatures": [{"sig": sig or signature}]}
    return SignedLayer(DSSE_ENVELOPE, json.dumps(doc).encode())


def _attest(layer: SignedLayer, key: PrivateKey) -> Outcome:
    public = load_public_key(public_pem(key), "k")
    return verify_attestations([layer], [SLSA], public, "k", DIGEST).outcome


def test_an_honest_envelope_passes_and_one_of_another_payload_type_is_no_attestation() -> None:
    key = generate_key()
    assert _attest(_envelope(key, _statement()), key) is Outcome.PASSED
    assert _attest(_envelope(key, _statement(), "text/plain"), key) is Outcome.HELD


def test_envelope_fields_that_are_not_strict_base64_make_no_attestation() -> None:
    key = generate_key()
    body = _statement()
    assert _attest(_envelope(key, body, payload=_junk(_b64(body))), key) is Outcome.HELD
    signature = _b64(sign(key, pae(IN_TOTO, body)))
    assert _attest(_envelope(key, body, sig=_junk(signature)), key) is Outcome.HELD


def test_statements_of_odd_shapes_are_read_without_failing() -> None:
    key = generate_key()
    assert _attest(_envelope(key, b'["a list"]'), key) is Outcome.HELD  # a statement that is not an object
    mixed = _statement(["not a subject", {"name": "lab/image", "digest": {"sha256": "a" * 64}}])
    assert _attest(_envelope(key, mixed), key) is Outcome.PASSED


def _simple(key: PrivateKey, payload: bytes, signature: str | None = None) -> SignedLayer:
    return SignedLayer(SIMPLE_SIGNING, payload, {SIGNATURE_ANNOTATION: signature or _b64(sign(key, payload))})


def test_a_signature_annotation_that_is_not_strict_base64_is_no_signature() -> None:
    key = generate_key()
    public = load_public_key(public_pem(key), "k")
    payload = simple_signing_payload(DIGEST)
    assert verify_cosign_signatures([_simple(key, payload)], public, "k", DIGEST).passed
    junk = _simple(key, payload, _junk(_b64(sign(key, payload))))
    assert verify_cosign_signatures([junk], public, "k", DIGEST).outcome is Outcome.HELD


def test_a_signed_payload_whose_digest_is_not_text_names_no_image_digest() -> None:
    key = generate_key()
    payload = json.dumps(
        {"critical": {"type": "cosign container image signature", "image": {"docker-manifest-digest": 5}}}
    ).encode()
    verdict = verify_cosign_signatures([_simple(key, payload)], load_public_key(public_pem(key), "k"), "k", DIGEST)
    assert verdict.outcome is Outcome.REJECTED and "signs no image digest" in verdict.reason


def test_an_rsa_pss_signature_verifies() -> None:
    key = generate_key("rsa")
    payload = simple_signing_payload(DIGEST)
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)
    signature = key.sign(payload, pss, hashes.SHA256())  # type: ignore[call-arg, arg-type]
    layer = _simple(key, payload, _b64(signature))
    assert verify_cosign_signatures([layer], load_public_key(public_pem(key), "k"), "k", DIGEST).passed


def test_a_key_file_of_exactly_the_limit_is_read_and_one_byte_more_is_too_large() -> None:
    with pytest.raises(TrustError, match="not a PEM or DER public key"):
        load_public_key(b"\0" * MAX_KEY_BYTES, "key big.pub")
    with pytest.raises(TrustError) as caught:
        load_public_key(b"\0" * (MAX_KEY_BYTES + 1), "key big.pub")
    assert str(caught.value) == f"key big.pub: {MAX_KEY_BYTES + 1} bytes is too large for a public key"


def test_a_pem_key_after_blank_lines_loads() -> None:
    key = generate_key()
    assert load_public_key(b"\n  \n" + public_pem(key), "k") is not None


def test_an_unsupported_key_type_is_named() -> None:
    pem = (
        dsa.generate_private_key(2048)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(TrustError, match=r"key dsa\.pub: a \w*DSAPublicKey; supported"):
        load_public_key(pem, "key dsa.pub")
