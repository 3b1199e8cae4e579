"""Keyless cosign `.sig` layers, each check on its own: what the log entry must record, which certificates are
signing certificates, whose issuer extension counts, which identities a certificate names, the chain and the trust
root's retired keys, and the validity boundaries. Each test passes one honest layer and refuses the one changed part.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, ObjectIdentifier

from ecr_mirror.trust.keyless import (
    CHAIN_ANNOTATION,
    REKOR_BUNDLE_ANNOTATION,
    SIGNATURE_ANNOTATION,
    IdentityRule,
    KeylessResult,
    TrustedRootSource,
    verify_cosign_keyless,
    verify_cosign_keyless_attestation,
)
from tests.support.sigstore_ca import OIDC_ISSUER_V1, OIDC_ISSUER_V2, SigningKey
from tests.support.sigstore_world import GOOGLE_ISSUER, Signer, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")
Annotations = dict[str, str]
USERNAME = ObjectIdentifier("1.3.6.1.4.1.57264.1.7")  # Fulcio's username identities (an OtherName in the SAN)
NOT_RECORDED = "the log entry does not record this signature, certificate and payload"


def _check(layer: tuple[bytes, Annotations], root: TrustedRootSource, rule: IdentityRule = RELEASER) -> KeylessResult:
    payload, annotations = layer
    return verify_cosign_keyless(payload, annotations, subject_digest=DIGEST, rule=rule, trusted_root=root)


def _spec(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    return lambda body: change(body["spec"])


def test_a_log_entry_recording_another_signature_by_the_same_certificate_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    signer = world.issue()
    payload, annotations = world.cosign_signature(DIGEST, signer=signer)
    _, other = world.cosign_signature(DIGEST, signer=signer)  # ECDSA: another signature of the same payload
    assert annotations[SIGNATURE_ANNOTATION] != other[SIGNATURE_ANNOTATION]
    replayed = {**annotations, REKOR_BUNDLE_ANNOTATION: other[REKOR_BUNDLE_ANNOTATION]}
    result = _check((payload, replayed), root)
    assert not result.ok and result.reason == NOT_RECORDED


def test_a_log_entry_recording_another_certificate_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    stranger = world.issue().pem

    def other_certificate(spec: dict[str, Any]) -> None:
        spec["signature"]["publicKey"]["content"] = base64.b64encode(stranger).decode()

    result = _check(world.cosign_signature(DIGEST, edit_entry=_spec(other_certificate)), root)
    assert not result.ok and result.reason == NOT_RECORDED


@pytest.mark.parametrize("algorithm", ["sha384", "sha512"])
def test_a_log_entry_recording_the_payloads_hex_under_another_algorithm_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, algorithm: str
) -> None:
    def relabel(spec: dict[str, Any]) -> None:
        spec["data"]["hash"]["algorithm"] = algorithm

    result = _check(world.cosign_signature(DIGEST, edit_entry=_spec(relabel)), root)
    assert not result.ok and result.reason == NOT_RECORDED


@pytest.mark.parametrize(
    ("knobs", "reason"),
    [
        ({"usages": [ExtendedKeyUsageOID.CLIENT_AUTH]}, "the certificate is not for code signing"),
        ({"digital_signature": False}, "the certificate is not for digital signatures"),
    ],
    ids=["client-auth-only", "no-digital-signature"],
)
def test_a_certificate_that_is_not_a_code_signing_certificate_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, knobs: dict[str, Any], reason: str
) -> None:
    result = _check(world.cosign_signature(DIGEST, signer=world.issue(**knobs)), root)
    assert not result.ok and result.reason == reason


def test_a_certificate_without_extended_key_usage_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, signer=world.issue(usages=None)), root)
    assert not result.ok and result.reason.startswith("the certificate is not a Fulcio signing certificate: ")


@pytest.mark.parametrize("extensions", [[OIDC_ISSUER_V1], [OIDC_ISSUER_V2]], ids=["v1-only", "v2-only"])
def test_either_issuer_extension_alone_is_read_and_checked(
    world: SigstoreWorld, root: TrustedRootSource, extensions: list[ObjectIdentifier]
) -> None:
    assert _check(world.cosign_signature(DIGEST, signer=world.issue(issuer_extensions=extensions)), root).ok
    evil = world.issue(issuer="https://issuer.evil.test", issuer_extensions=extensions)
    refused = _check(world.cosign_signature(DIGEST, signer=evil), root)
    assert not refused.ok and "https://issuer.evil.test" in refused.reason


def _username(value: bytes) -> x509.OtherName:
    return x509.OtherName(USERNAME, value)


def test_a_username_identity_is_read_from_its_other_name(world: SigstoreWorld, root: TrustedRootSource) -> None:
    utf8 = b"\x0c\x0eci!example.com"  # a DER UTF8String
    rule = IdentityRule(issuer=GOOGLE_ISSUER, identity="ci!example.com")
    named = world.issue(names=[_username(utf8)])
    passed = _check(world.cosign_signature(DIGEST, signer=named), root, rule)
    assert passed.ok and "ci!example.com" in passed.reason
    # A malformed one before it is skipped, not the end of the list; one of another type is not an identity.
    after_garbage = world.issue(names=[_username(b"\x02\x01\x05"), _username(utf8)])
    assert _check(world.cosign_signature(DIGEST, signer=after_garbage), root, rule).ok
    other_type = world.issue(names=[x509.OtherName(ObjectIdentifier("1.2.3.4"), utf8)])
    refused = _check(world.cosign_signature(DIGEST, signer=other_type), root, rule)
    assert not refused.ok and "[]" in refused.reason


def test_the_chain_annotation_brings_an_intermediate_the_trust_root_lacks(world: SigstoreWorld, tmp_path: Path) -> None:
    root = TrustedRootSource.from_file(world.write_trusted_root(tmp_path / "root_only.json", with_intermediate=False))
    payload, annotations = world.cosign_signature(DIGEST)
    assert _check((payload, annotations), root).ok
    without_chain = {k: v for k, v in annotations.items() if k != CHAIN_ANNOTATION}
    refused = _check((payload, without_chain), root)
    assert not refused.ok and "Fulcio CA" in refused.reason


def test_retired_log_and_ct_keys_still_verify_entries_logged_before(world: SigstoreWorld, tmp_path: Path) -> None:
    root = TrustedRootSource.from_file(world.write_trusted_root(tmp_path / "retired.json", keys_ended=True))
    result = _check(world.cosign_signature(DIGEST), root)
    assert result.ok, result.reason


@pytest.mark.parametrize("edge", ["not_valid_before", "not_valid_after"])
def test_a_signature_logged_at_either_edge_of_the_certificates_validity_passes(
    world: SigstoreWorld, root: TrustedRootSource, edge: str
) -> None:
    signer = world.issue()
    at = (
        signer.certificate.not_valid_before_utc
        if edge == "not_valid_before"
        else signer.certificate.not_valid_after_utc
    )
    result = _check(world.cosign_signature(DIGEST, signer=signer, integrated_at=at), root)
    assert result.ok, result.reason
    late = world.cosign_signature(
        DIGEST, signer=signer, integrated_at=signer.certificate.not_valid_after_utc + timedelta(seconds=1)
    )
    assert not _check(late, root).ok


def test_a_p521_certificate_signs_with_sha512(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.cosign_signature(DIGEST, signer=world.issue(curve=ec.SECP521R1())), root)
    assert result.ok, result.reason


def _entry(annotations: Annotations, change: Callable[[dict[str, Any]], None]) -> Annotations:
    entry = json.loads(annotations[REKOR_BUNDLE_ANNOTATION])
    change(entry)
    return {**annotations, REKOR_BUNDLE_ANNOTATION: json.dumps(entry)}


def _insert_junk(text: str) -> str:
    return text[:8] + "*" + text[8:]  # outside the base64 alphabet: a lenient decoder would skip it


MALFORMED_ENTRY = f"the log entry in {REKOR_BUNDLE_ANNOTATION} is malformed: "


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda a: a.update({SIGNATURE_ANNOTATION: _insert_junk(a[SIGNATURE_ANNOTATION])}),
            "annotations are malformed",
        ),
        (lambda a: a.update({REKOR_BUNDLE_ANNOTATION: "[]"}), f"the {REKOR_BUNDLE_ANNOTATION} annotation holds no log"),
        (lambda a: a.update({REKOR_BUNDLE_ANNOTATION: '{"Payload": 1}'}), f"the {REKOR_BUNDLE_ANNOTATION} annotation"),
        (
            lambda a: a.update(
                _entry(a, lambda e: e.update(SignedEntryTimestamp=_insert_junk(e["SignedEntryTimestamp"])))
            ),
            MALFORMED_ENTRY,
        ),
        (
            lambda a: a.update(_entry(a, lambda e: e.pop("SignedEntryTimestamp"))),
            "signed entry timestamp does not verify",
        ),
        (
            lambda a: a.update(_entry(a, lambda e: e["Payload"].update(body=_insert_junk(e["Payload"]["body"])))),
            MALFORMED_ENTRY,
        ),
        (lambda a: a.update(_entry(a, lambda e: e["Payload"].update(logID="zz"))), MALFORMED_ENTRY),
        (
            lambda a: a.update(_entry(a, lambda e: e["Payload"].update(integratedTime="x"))),
            MALFORMED_ENTRY + "invalid literal",
        ),
    ],
    ids=["signature-junk", "entry-list", "payload-not-mapping", "set-junk", "no-set", "body-junk", "log-id", "time"],
)
def test_a_malformed_layer_is_refused_saying_what_is_malformed(
    world: SigstoreWorld, root: TrustedRootSource, change: Callable[[Annotations], None], reason: str
) -> None:
    payload, annotations = world.cosign_signature(DIGEST)
    change(annotations)
    result = _check((payload, annotations), root)
    assert not result.ok and reason in result.reason


def test_a_logged_entry_that_is_not_a_hashedrekord_is_refused_naming_what_is_wrong(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    result = _check(world.cosign_signature(DIGEST, edit_entry=lambda body: body.update(kind="intoto")), root)
    assert not result.ok and result.reason.startswith("the log entry is not a hashedrekord entry: malformed ")


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"not json", "the signed payload is not JSON: "),
        (
            b'{"critical": {"image": {}}}',
            "the signed payload is not a cosign simple-signing payload (no critical.image.docker-manifest-digest)",
        ),
        (
            b'{"critical": {"image": {"docker-manifest-digest": 5}}}',
            "the signed payload's docker-manifest-digest is not a string",
        ),
    ],
    ids=["not-json", "no-digest", "digest-not-text"],
)
def test_a_signed_payload_naming_no_digest_is_refused_saying_why(
    world: SigstoreWorld, root: TrustedRootSource, payload: bytes, reason: str
) -> None:
    result = _check(world.cosign_signature(DIGEST, payload=payload), root)
    assert result.ok is False and result.reason.startswith(reason)
    assert result.reason == reason or reason.endswith(": ")


def test_a_signature_by_another_key_than_the_certificates_is_refused_saying_so(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    honest = world.issue()
    impostor = Signer(key=ec.generate_private_key(ec.SECP256R1()), certificate=honest.certificate)
    result = _check(world.cosign_signature(DIGEST, signer=impostor), root)
    assert result == KeylessResult(False, "the signature does not verify over the payload with the certificate's key")


@pytest.mark.parametrize("kind", ["rsa", "ed25519"])
def test_rsa_and_ed25519_certificates_sign_as_cosign_signs(
    world: SigstoreWorld, root: TrustedRootSource, kind: str
) -> None:
    def new_key() -> SigningKey:
        return rsa.generate_private_key(65537, 2048) if kind == "rsa" else ed25519.Ed25519PrivateKey.generate()

    honest = world.issue(key=new_key())
    assert _check(world.cosign_signature(DIGEST, signer=honest), root).ok
    impostor = Signer(key=new_key(), certificate=honest.certificate)
    result = _check(world.cosign_signature(DIGEST, signer=impostor), root)
    assert result == KeylessResult(False, "the signature does not verify over the payload with the certificate's key")


def test_a_certificate_key_sigstore_does_not_sign_with_is_refused_naming_its_type(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    """An Ed448 leaf chains to the CA (the chain verifier checks the CA's signature, not the leaf's key type), but
    no Sigstore client signs with Ed448: refused, for a signature and for an attestation alike."""
    signer = world.issue(key=ed448.Ed448PrivateKey.generate())
    unsupported = "the certificate's key type Ed448PublicKey is not supported"
    assert _check(world.cosign_signature(DIGEST, signer=signer), root) == KeylessResult(False, unsupported)
    envelope, annotations = world.cosign_attestation(DIGEST, signer=signer)
    attestation = verify_cosign_keyless_attestation(
        envelope,
        annotations,
        subject_digest=DIGEST,
        predicate_type="https://slsa.dev/provenance/v1",
        rule=RELEASER,
        trusted_root=root,
    )
    assert attestation.reason == "none of the envelope's 1 signature(s) verifies over it with the certificate's key"
