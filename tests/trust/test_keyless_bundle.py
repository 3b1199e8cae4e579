"""Sigstore bundles (v0.3, OCI referrers) against a local Sigstore: every pass and failure path, offline."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from ecr_mirror.trust.keyless import (
    COSIGN_SIGN_PREDICATE,
    IdentityRule,
    KeylessResult,
    TrustedRootSource,
    is_signature_bundle,
    predicate_type_of,
    verify_bundle,
)
from tests.support.sigstore_world import GITHUB_ISSUER, GOOGLE_ISSUER, Signer, SigstoreWorld

DIGEST = "sha256:" + hashlib.sha256(b"the image index").hexdigest()
OTHER = "sha256:" + hashlib.sha256(b"another image").hexdigest()
SLSA = "https://slsa.dev/provenance/v1"
RELEASER = IdentityRule(issuer=GOOGLE_ISSUER, identity="releaser@example.com")
WORKFLOW = "https://github.com/example/app/.github/workflows/release.yml@refs/tags/v1.2.3"


def _check(bundle: bytes, root: TrustedRootSource, rule: IdentityRule = RELEASER, **kwargs: Any) -> KeylessResult:
    return verify_bundle(bundle, subject_digest=kwargs.pop("digest", DIGEST), rule=rule, trusted_root=root, **kwargs)


def _edit(bundle: bytes, change: Any) -> bytes:
    document = json.loads(bundle)
    change(document)
    return json.dumps(document).encode()


def _tlog(document: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = document["verificationMaterial"]["tlogEntries"][0]
    return entry


def _make(world: SigstoreWorld, kind: str, digest: str = DIGEST, **kwargs: Any) -> bytes:
    if kind == "message":
        return world.message_bundle(digest, **kwargs)
    return world.dsse_bundle(digest, **kwargs)


KINDS = pytest.mark.parametrize("kind", ["message", "dsse"])


@KINDS
def test_a_bundle_by_the_rules_identity_passes_and_names_it(
    world: SigstoreWorld, root: TrustedRootSource, kind: str
) -> None:
    result = _check(_make(world, kind), root)
    assert result.ok, result.reason
    assert "releaser@example.com" in result.reason and DIGEST in result.reason


@KINDS
def test_another_identity_is_refused(world: SigstoreWorld, root: TrustedRootSource, kind: str) -> None:
    result = _check(_make(world, kind, identity="intruder@example.com"), root)
    assert not result.ok
    assert "intruder@example.com" in result.reason and "releaser@example.com" in result.reason


@KINDS
def test_the_right_identity_from_another_issuer_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, kind: str
) -> None:
    result = _check(_make(world, kind, issuer="https://issuer.evil.test"), root)
    assert not result.ok
    assert "https://issuer.evil.test" in result.reason


def test_identity_regex_matching_the_whole_identity_passes(world: SigstoreWorld, root: TrustedRootSource) -> None:
    rule = IdentityRule(issuer=GITHUB_ISSUER, identity_regex=r"https://github\.com/example/app/\.github/workflows/.+")
    result = _check(world.dsse_bundle(DIGEST, identity=WORKFLOW, issuer=GITHUB_ISSUER), root, rule)
    assert result.ok, result.reason
    assert WORKFLOW in result.reason


@pytest.mark.parametrize(
    "pattern",
    [
        r"https://github\.com/example/other/.+",  # another repository
        r"https://github\.com/example/app/",  # a prefix only: the expression must match all of the identity
    ],
)
def test_identity_regex_that_does_not_match_all_of_it_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, pattern: str
) -> None:
    rule = IdentityRule(issuer=GITHUB_ISSUER, identity_regex=pattern)
    result = _check(world.message_bundle(DIGEST, identity=WORKFLOW, issuer=GITHUB_ISSUER), root, rule)
    assert not result.ok
    assert WORKFLOW in result.reason


@KINDS
def test_a_certificate_expired_when_the_log_integrated_it_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, kind: str
) -> None:
    signer = world.issue()
    late = signer.certificate.not_valid_after_utc + timedelta(minutes=10)
    result = _check(_make(world, kind, signer=signer, integrated_at=late), root)
    assert not result.ok
    assert "chain" in result.reason or "expired" in result.reason


@KINDS
def test_a_certificate_not_yet_valid_when_logged_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, kind: str
) -> None:
    signer = world.issue()
    early = signer.certificate.not_valid_before_utc - timedelta(minutes=5)
    assert not _check(_make(world, kind, signer=signer, integrated_at=early), root).ok


def test_a_tampered_dsse_payload_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    def swap_predicate(document: dict[str, Any]) -> None:
        envelope = document["dsseEnvelope"]
        statement = json.loads(base64.b64decode(envelope["payload"]))
        statement["predicate"] = {"builder": {"id": "https://evil.test"}}
        envelope["payload"] = base64.b64encode(json.dumps(statement).encode()).decode()

    result = _check(_edit(world.dsse_bundle(DIGEST), swap_predicate), root)
    assert not result.ok
    assert "signature" in result.reason or "payload" in result.reason


def test_a_tampered_message_signature_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    def flip(document: dict[str, Any]) -> None:
        raw = bytearray(base64.b64decode(document["messageSignature"]["signature"]))
        raw[-1] ^= 0x01
        document["messageSignature"]["signature"] = base64.b64encode(bytes(raw)).decode()

    assert not _check(_edit(world.message_bundle(DIGEST), flip), root).ok


@KINDS
def test_a_signature_for_another_digest_is_refused(world: SigstoreWorld, root: TrustedRootSource, kind: str) -> None:
    result = _check(_make(world, kind, digest=OTHER), root)
    assert not result.ok
    assert "mismatch" in result.reason or OTHER.removeprefix("sha256:") in result.reason


def test_a_message_digest_rewritten_to_the_image_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    """A signature over another digest, relabelled with this image's digest: the signature does not cover it."""

    def relabel(document: dict[str, Any]) -> None:
        document["messageSignature"]["messageDigest"]["digest"] = base64.b64encode(bytes.fromhex(DIGEST[7:])).decode()

    assert not _check(_edit(world.message_bundle(OTHER), relabel), root).ok


def test_a_key_other_than_the_certificates_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    honest = world.issue()
    impostor = Signer(key=ec.generate_private_key(ec.SECP256R1()), certificate=honest.certificate)
    assert not _check(world.dsse_bundle(DIGEST, signer=impostor), root).ok
    assert not _check(world.message_bundle(DIGEST, signer=impostor), root).ok


@KINDS
def test_a_bundle_without_its_inclusion_proof_is_refused(
    world: SigstoreWorld, root: TrustedRootSource, kind: str
) -> None:
    result = _check(_edit(_make(world, kind), lambda d: _tlog(d).pop("inclusionProof")), root)
    assert not result.ok
    assert "inclusionProof" in result.reason and len(result.reason) < 300


@KINDS
def test_a_forged_inclusion_proof_is_refused(world: SigstoreWorld, root: TrustedRootSource, kind: str) -> None:
    world.message_bundle(OTHER)  # a tree of more than one entry, so the proof has hashes to forge
    bundle = _make(world, kind)

    def forge(document: dict[str, Any]) -> None:
        proof = _tlog(document)["inclusionProof"]
        proof["hashes"] = [base64.b64encode(hashlib.sha256(b"forged").digest()).decode()]

    assert not _check(_edit(bundle, forge), root).ok


def test_a_checkpoint_signed_by_another_log_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    forger = SigstoreWorld()
    forged = json.loads(forger.message_bundle(DIGEST))

    def graft(document: dict[str, Any]) -> None:
        _tlog(document)["inclusionProof"]["checkpoint"] = _tlog(forged)["inclusionProof"]["checkpoint"]

    assert not _check(_edit(world.message_bundle(DIGEST), graft), root).ok


@KINDS
def test_a_forged_signed_entry_timestamp_is_refused(world: SigstoreWorld, root: TrustedRootSource, kind: str) -> None:
    def forge(document: dict[str, Any]) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        forged = key.sign(b"anything", ec.ECDSA(hashes.SHA256()))
        _tlog(document)["inclusionPromise"]["signedEntryTimestamp"] = base64.b64encode(forged).decode()

    result = _check(_edit(_make(world, kind), forge), root)
    assert not result.ok
    assert "SET" in result.reason or "inclusion promise" in result.reason


def test_an_integrated_time_moved_into_the_certificates_validity_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    """The log's time is signed: moving it to make an expired certificate look valid breaks the promise."""
    signer = world.issue()
    bundle = world.message_bundle(
        DIGEST, signer=signer, integrated_at=signer.certificate.not_valid_after_utc + timedelta(hours=1)
    )
    inside = str(int((signer.certificate.not_valid_before_utc + timedelta(minutes=1)).timestamp()))
    assert not _check(_edit(bundle, lambda d: _tlog(d).__setitem__("integratedTime", inside)), root).ok


def test_a_certificate_from_another_ca_is_refused(root: TrustedRootSource) -> None:
    stranger = SigstoreWorld()
    result = _check(stranger.dsse_bundle(DIGEST), root)
    assert not result.ok
    assert "chain" in result.reason


def test_a_certificate_without_an_embedded_sct_is_refused(world: SigstoreWorld, root: TrustedRootSource) -> None:
    result = _check(world.message_bundle(DIGEST, signer=world.issue(with_sct=False)), root)
    assert not result.ok
    assert "SCT" in result.reason or "certificate timestamp" in result.reason


@pytest.mark.parametrize("garbage", [b"", b"not json", b"{}", b'{"mediaType": "application/x-unknown"}'])
def test_something_that_is_not_a_bundle_is_refused(root: TrustedRootSource, garbage: bytes) -> None:
    result = _check(garbage, root)
    assert not result.ok
    assert "not a valid Sigstore bundle" in result.reason


def test_an_attestation_reports_its_predicate_type_and_is_verified_with_it(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    bundle = world.dsse_bundle(DIGEST, predicate_type=SLSA)
    assert predicate_type_of(bundle) == SLSA
    assert predicate_type_of(world.message_bundle(DIGEST)) is None
    assert predicate_type_of(b"garbage") is None
    passed = _check(bundle, root, predicate_type=SLSA)
    assert passed.ok and SLSA in passed.reason
    wrong = _check(bundle, root, predicate_type="https://spdx.dev/Document")
    assert not wrong.ok and SLSA in wrong.reason
    not_attestation = _check(world.message_bundle(DIGEST), root, predicate_type=SLSA)
    assert not not_attestation.ok and "message signature" in not_attestation.reason


def test_a_statement_naming_the_digest_under_another_algorithm_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    statement = {
        "_type": "https://in-toto.io/Statement/v1",
        "subject": [{"name": "app", "digest": {"sha512": DIGEST[7:]}}],
        "predicateType": SLSA,
        "predicate": {},
    }
    result = _check(world.dsse_bundle(DIGEST, statement=statement), root)
    assert not result.ok and "not " + DIGEST in result.reason


def test_a_dsse_payload_that_is_not_an_in_toto_statement_is_refused(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    result = _check(world.dsse_bundle(DIGEST, statement={"_type": "https://example.com/other", "subject": []}), root)
    assert not result.ok and "in-toto" in result.reason


def test_a_cosign_3_image_signature_is_a_signature_bundle_and_verifies(
    world: SigstoreWorld, root: TrustedRootSource
) -> None:
    """cosign 3 signs images as DSSE statements of predicate type https://sigstore.dev/cosign/sign/v1."""
    signature = world.dsse_bundle(DIGEST, predicate_type=COSIGN_SIGN_PREDICATE)
    assert is_signature_bundle(signature) and is_signature_bundle(world.message_bundle(DIGEST))
    assert not is_signature_bundle(world.dsse_bundle(DIGEST, predicate_type=SLSA))
    assert not is_signature_bundle(b"{not json") and not is_signature_bundle(b"[]")
    assert _check(signature, root, predicate_type=COSIGN_SIGN_PREDICATE).ok
    assert not _check(world.dsse_bundle(OTHER, predicate_type=COSIGN_SIGN_PREDICATE), root).ok
