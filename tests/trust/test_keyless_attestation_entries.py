"""Keyless `.att` layers whose log entry or envelope is unusual but well signed: the intoto 0.0.1 entry older cosign
wrote, entries that name no or several keys or no envelope hash, envelopes with several or no signatures, and a
signed payload that is no statement. Each refusal is quoted whole."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from ecr_mirror.trust.keyless import IdentityRule, KeylessResult, TrustedRootSource, verify_cosign_keyless_attestation
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
SLSA = "https://slsa.dev/provenance/v1"
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")
NOT_THIS_CERTIFICATE = "the log entry does not record this certificate as the attestation's key"
NOT_THIS_ENVELOPE = "the log entry does not record this attestation (another envelope hash)"


def _check(layer: tuple[bytes, dict[str, str]], root: TrustedRootSource) -> KeylessResult:
    envelope, annotations = layer
    return verify_cosign_keyless_attestation(
        envelope, annotations, subject_digest=DIGEST, predicate_type=SLSA, rule=RELEASER, trusted_root=root
    )


def _refusal(layer: tuple[bytes, dict[str, str]], root: TrustedRootSource) -> str:
    """The reason of a refusal, which is `ok is False` (not merely falsy)."""
    result = _check(layer, root)
    assert result.ok is False, result
    return result.reason


def _with_signatures(envelope: bytes, signatures: list[dict[str, str]]) -> bytes:
    doc = json.loads(envelope)
    doc["signatures"] = signatures
    return json.dumps(doc).encode()


def test_an_intoto_0_0_1_entry_with_the_certificate_as_its_key_passes(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    result = _check(world.cosign_attestation(DIGEST, entry_kind="intoto", intoto_version="0.0.1"), root)
    assert result.ok, result.reason
    assert result.reason == (
        f"signed by releaser@example.com (issuer {GOOGLE_ISSUER}), {SLSA} logged at 2026-06-01T12:01:00+00:00, "
        f"about {DIGEST}"
    )


def test_an_intoto_0_0_1_entry_naming_another_certificate_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    stranger = world.issue("releaser@example.com", GOOGLE_ISSUER).pem

    def other_key(body: dict[str, Any]) -> None:
        body["spec"]["publicKey"] = base64.b64encode(stranger).decode()

    layer = world.cosign_attestation(DIGEST, entry_kind="intoto", intoto_version="0.0.1", edit_entry=other_key)
    assert _refusal(layer, root) == NOT_THIS_CERTIFICATE


def test_a_dsse_entry_naming_a_second_verifier_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    stranger = world.issue("releaser@example.com", GOOGLE_ISSUER).pem

    def two_verifiers(body: dict[str, Any]) -> None:
        (signature,) = body["spec"]["signatures"]
        extra = {"signature": signature["signature"], "verifier": base64.b64encode(stranger).decode()}
        body["spec"]["signatures"] = [signature, extra]

    assert _refusal(world.cosign_attestation(DIGEST, edit_entry=two_verifiers), root) == NOT_THIS_CERTIFICATE


def test_a_verifier_that_is_no_base64_certificate_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    def garbled(text: str) -> Any:
        def edit(body: dict[str, Any]) -> None:
            body["spec"]["signatures"][0]["verifier"] = text

        return edit

    for text in ("not base64!", base64.b64encode(b"-----BEGIN CERTIFICATE-----\nAAAA\n").decode()):
        assert _refusal(world.cosign_attestation(DIGEST, edit_entry=garbled(text)), root) == NOT_THIS_CERTIFICATE


def test_a_dsse_entry_of_proposed_content_records_no_envelope(world: SigstoreWorld, root: TrustedRootSource) -> None:
    """What a client proposes to Rekor (envelope and verifiers, no hashes): the entry records no envelope hash."""

    def proposed(body: dict[str, Any]) -> None:
        body["spec"] = {"proposedContent": {"envelope": "{}", "verifiers": ["dmVyaWZpZXI="]}}

    assert _refusal(world.cosign_attestation(DIGEST, edit_entry=proposed), root) == NOT_THIS_ENVELOPE


def test_an_entry_that_does_not_read_as_its_kind_is_refused_naming_the_problem(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    def no_spec(body: dict[str, Any]) -> None:
        body["spec"] = {"envelopeHash": "not a hash"}

    for kind in ("dsse", "intoto"):
        reason = _refusal(world.cosign_attestation(DIGEST, entry_kind=kind, edit_entry=no_spec), root)
        assert reason.startswith("the log entry does not read as an attestation entry: malformed "), reason
    listed = _refusal(world.cosign_attestation(DIGEST, edit_entry=lambda body: body.update(kind=["dsse"])), root)
    assert listed == "the log entry is a ['dsse'] entry, not a dsse or intoto one"


def test_a_verifier_with_characters_outside_base64_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    """The logged key is strict base64 (as Rekor writes it): one with other characters in it is not this key."""

    def noisy(body: dict[str, Any]) -> None:
        verifier = body["spec"]["signatures"][0]["verifier"]
        body["spec"]["signatures"][0]["verifier"] = verifier[:40] + "!" + verifier[40:]

    assert _refusal(world.cosign_attestation(DIGEST, edit_entry=noisy), root) == NOT_THIS_CERTIFICATE


def test_a_verifying_signature_after_one_that_does_not_passes(world: SigstoreWorld, root: TrustedRootSource) -> None:
    signer = world.issue("releaser@example.com", GOOGLE_ISSUER)
    envelope, _ = world.cosign_attestation(DIGEST, signer=signer)
    good = json.loads(envelope)["signatures"]
    bad = [{"keyid": "", "sig": base64.b64encode(b"\x30\x06\x02\x01\x01\x02\x01\x01").decode()}]
    both = _with_signatures(envelope, bad + good)
    result = _check(world.cosign_attestation(DIGEST, signer=signer, raw_envelope=both), root)
    assert result.ok, result.reason
    two_bad = _with_signatures(envelope, bad + bad)
    refused = _refusal(world.cosign_attestation(DIGEST, signer=signer, raw_envelope=two_bad), root)
    assert refused == "none of the envelope's 2 signature(s) verifies over it with the certificate's key"


def test_an_envelope_without_signatures_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    envelope, _ = world.cosign_attestation(DIGEST)
    unsigned = _with_signatures(envelope, [])
    assert _refusal(world.cosign_attestation(DIGEST, raw_envelope=unsigned), root) == "the envelope has no signature"


def test_a_layer_that_is_no_dsse_envelope_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    """Not JSON, or an envelope whose payloadType is not text (a number): no envelope at all."""
    envelope, _ = world.cosign_attestation(DIGEST)
    numbered = json.loads(envelope)
    numbered["payloadType"] = 7
    for layer in (b"not json", json.dumps(numbered).encode()):
        reason = _refusal(world.cosign_attestation(DIGEST, raw_envelope=layer), root)
        assert reason == "the attestation layer is not a DSSE envelope"


def test_a_signed_payload_that_is_no_json_object_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    for payload in (b'["a statement in a list"]', b"not json"):
        reason = _refusal(world.cosign_attestation(DIGEST, payload=payload), root)
        assert reason == "the attestation's statement is not a JSON object"


def test_the_refusals_of_the_statement_are_quoted_whole(world: SigstoreWorld, root: TrustedRootSource) -> None:
    spdx = "https://spdx.dev/Document"
    kind = _refusal(world.cosign_attestation(DIGEST, spdx), root)
    assert kind == f"the attestation's predicate type is {spdx!r}, not {SLSA}"
    other = "sha256:" + hashlib.sha256(b"another image").hexdigest()
    about = _refusal(world.cosign_attestation(other, SLSA), root)
    assert about == f"the attestation is about another digest, not {DIGEST}"
    text = _refusal(world.cosign_attestation(DIGEST, payload_type="text/plain"), root)
    assert text == "the envelope's payload type is 'text/plain', not application/vnd.in-toto+json"
