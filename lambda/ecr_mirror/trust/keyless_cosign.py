"""Keyless signatures in the cosign tag scheme: a `.sig` layer (simple-signing payload) whose annotations carry the
signature, the Fulcio certificate and chain, and the Rekor entry with its signed entry timestamp (SET).

sigstore's `Bundle` cannot hold these pieces: it requires an inclusion proof with a checkpoint, and the cosign
annotation carries only the SET (an inclusion promise). So this path runs the same checks as sigstore's
`Verifier` with the same trust root, through public APIs of `cryptography` and `sigstore`'s keyrings, SCT check
and policies; nothing is hand-written but the comparisons:
  1. the SET verifies with a transparency-log key of the trust root, over the entry's canonical form (RFC 8785);
  2. the entry's body is a hashedrekord naming this signature, this certificate and the payload's SHA-256;
  3. the certificate chains to a Fulcio CA of the trust root at the entry's integrated time (so it was valid when
     logged), its embedded SCT verifies with a CT key of the trust root, and it is for code signing;
  4. its issuer and identity match the rule;
  5. the signature over the payload verifies with the certificate's key;
  6. the payload's `critical.image.docker-manifest-digest` is the image's digest.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import rekor_types
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509 import (
    Certificate,
    ExtendedKeyUsage,
    ExtensionNotFound,
    KeyUsage,
    UnsupportedGeneralNameType,
    load_pem_x509_certificate,
    load_pem_x509_certificates,
)
from cryptography.x509.oid import ExtendedKeyUsageOID
from cryptography.x509.verification import Criticality, ExtensionPolicy, PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as X509VerificationError
from sigstore._internal.sct import verify_sct
from sigstore._internal.trust import KeyringPurpose
from sigstore._utils import KeyID
from sigstore.errors import Error as SigstoreError
from sigstore.models import TrustedRoot

from ecr_mirror.trust.keyless import (
    CERTIFICATE_ANNOTATION,
    CHAIN_ANNOTATION,
    REKOR_BUNDLE_ANNOTATION,
    SIGNATURE_ANNOTATION,
    IdentityRule,
    KeylessResult,
    TrustedRootSource,
)
from ecr_mirror.trust.sigstore_verify import RulePolicy, describe_error, load_trusted_root


class Rejected(Exception):
    """One check failed; the message is the verdict's reason."""


def verify_cosign_keyless(
    payload: bytes,
    annotations: Mapping[str, str],
    subject_digest: str,
    rule: IdentityRule,
    source: TrustedRootSource,
) -> KeylessResult:
    root = load_trusted_root(source)
    policy = RulePolicy(rule)
    try:
        signature, certificate, intermediates, entry = _pieces(annotations)
        integrated = _verify_log_entry(root, entry, signature, certificate, payload)
        verify_certificate(root, certificate, intermediates, integrated, policy)
        verify_with_certificate(certificate, signature, payload)
        signed_digest = _signed_digest(payload)
    except Rejected as exc:
        return KeylessResult(False, str(exc))
    if signed_digest != subject_digest:
        return KeylessResult(False, f"the signature is for {signed_digest}, not for {subject_digest}")
    return KeylessResult(True, f"{policy.passed()}, logged at {integrated.isoformat()}, over {subject_digest}")


def _pieces(annotations: Mapping[str, str]) -> tuple[bytes, Certificate, list[Certificate], dict[str, Any]]:
    if not annotations.get(SIGNATURE_ANNOTATION):
        raise Rejected(
            f"the signature layer has no {SIGNATURE_ANNOTATION} annotation (no keyless signature with a log entry)"
        )
    try:
        signature = base64.b64decode(annotations[SIGNATURE_ANNOTATION], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise Rejected(f"the signature layer's annotations are malformed: {exc}") from exc
    return (signature, *certificate_and_entry(annotations, "signature layer"))


def certificate_and_entry(
    annotations: Mapping[str, str], layer: str
) -> tuple[Certificate, list[Certificate], dict[str, Any]]:
    """A keyless cosign layer's certificate, chain and Rekor entry (with its SET), from its annotations."""
    for name in (CERTIFICATE_ANNOTATION, REKOR_BUNDLE_ANNOTATION):
        if not annotations.get(name):
            raise Rejected(f"the {layer} has no {name} annotation (no keyless signature with a log entry)")
    try:
        certificate = load_pem_x509_certificate(annotations[CERTIFICATE_ANNOTATION].encode())
        chain = annotations.get(CHAIN_ANNOTATION)
        intermediates = load_pem_x509_certificates(chain.encode()) if chain else []
        entry = json.loads(annotations[REKOR_BUNDLE_ANNOTATION])
    except (ValueError, binascii.Error) as exc:
        raise Rejected(f"the {layer}'s annotations are malformed: {exc}") from exc
    if not isinstance(entry, dict) or not isinstance(entry.get("Payload"), dict):
        raise Rejected(f"the {REKOR_BUNDLE_ANNOTATION} annotation holds no log entry")
    return certificate, intermediates, entry


def _verify_log_entry(
    root: TrustedRoot, entry: dict[str, Any], signature: bytes, certificate: Certificate, payload: bytes
) -> datetime:
    """Checks 1 and 2; returns the integrated time the log signed."""
    integrated, body = logged_entry(root, entry)
    try:
        recorded = rekor_types.Hashedrekord.model_validate_json(body).spec.root
    except ValueError as exc:
        raise Rejected(f"the log entry is not a hashedrekord entry: {describe_error(exc)}") from exc
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    hashed = recorded.data.hash
    if (
        hashed is None
        or hashed.algorithm != rekor_types.hashedrekord.Algorithm.SHA256
        or hashed.value != hashlib.sha256(payload).hexdigest()
        or recorded.signature.content != base64.b64encode(signature).decode()
        or recorded.signature.public_key is None
        or recorded.signature.public_key.content != base64.b64encode(pem).decode()
    ):
        raise Rejected("the log entry does not record this signature, certificate and payload")
    return integrated


def logged_entry(root: TrustedRoot, entry: dict[str, Any]) -> tuple[datetime, bytes]:
    """Check 1: the entry's SET verifies with a log key of the trust root; returns its integrated time and body."""
    promise = entry["Payload"]
    try:
        canonical = rfc8785.dumps({key: promise[key] for key in ("body", "integratedTime", "logID", "logIndex")})
        log_id = KeyID(bytes.fromhex(promise["logID"]))
        set_signature = base64.b64decode(entry.get("SignedEntryTimestamp", ""), validate=True)
        body = base64.b64decode(promise["body"], validate=True)
        integrated = datetime.fromtimestamp(int(promise["integratedTime"]), tz=UTC)
    except KeyError as exc:
        raise Rejected(f"the log entry in {REKOR_BUNDLE_ANNOTATION} is malformed: it has no {exc}") from exc
    except (TypeError, ValueError, binascii.Error, rfc8785.CanonicalizationError) as exc:
        raise Rejected(f"the log entry in {REKOR_BUNDLE_ANNOTATION} is malformed: {exc}") from exc
    try:
        root.rekor_keyring(KeyringPurpose.VERIFY).verify(key_id=log_id, signature=set_signature, data=canonical)
    except SigstoreError as exc:
        raise Rejected(f"the log entry's signed entry timestamp does not verify with the trust root: {exc}") from exc
    return integrated, body


def verify_certificate(
    root: TrustedRoot, certificate: Certificate, intermediates: list[Certificate], at: datetime, policy: RulePolicy
) -> None:
    """Checks 3 and 4 (sigstore's Verifier makes the same ones for bundles)."""
    start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    if not start <= at <= end:
        raise Rejected(
            f"the certificate was valid from {start.isoformat()} to {end.isoformat()}, "
            f"but the log integrated the signature at {at.isoformat()}"
        )
    # Fulcio certificates carry the code-signing EKU, not the client one the default policy wants.
    ca_policy = ExtensionPolicy.webpki_defaults_ca().may_be_present(ExtendedKeyUsage, Criticality.NON_CRITICAL, None)
    ee_policy = ExtensionPolicy.webpki_defaults_ee().may_be_present(ExtendedKeyUsage, Criticality.NON_CRITICAL, None)
    verifier = (
        PolicyBuilder()
        .store(Store(root.get_fulcio_certs()))
        .time(at)
        .extension_policies(ca_policy=ca_policy, ee_policy=ee_policy)
        .build_client_verifier()
    )
    try:
        chain = verifier.verify(certificate, intermediates).chain[1:]
    except (X509VerificationError, UnsupportedGeneralNameType) as exc:
        raise Rejected(f"the certificate does not chain to a Fulcio CA of the trust root: {exc}") from exc
    try:
        verify_sct(certificate, chain, root.ct_keyring(KeyringPurpose.VERIFY))
        if not certificate.extensions.get_extension_for_class(KeyUsage).value.digital_signature:
            raise Rejected("the certificate is not for digital signatures")
        if (
            ExtendedKeyUsageOID.CODE_SIGNING
            not in certificate.extensions.get_extension_for_class(ExtendedKeyUsage).value
        ):
            raise Rejected("the certificate is not for code signing")
        policy.verify(certificate)
    except SigstoreError as exc:
        raise Rejected(f"the certificate is not acceptable: {exc}") from exc
    except ExtensionNotFound as exc:
        raise Rejected(f"the certificate is not a Fulcio signing certificate: {exc}") from exc


def verify_with_certificate(certificate: Certificate, signature: bytes, payload: bytes) -> None:
    """Check 5: the payload bytes (for a DSSE envelope: its pre-authentication encoding) signed with the hash of
    the key's size (ECDSA P-256/SHA-256, P-384/SHA-384, P-521/SHA-512, as sigstore's algorithm registry pairs them),
    RSA PKCS#1 v1.5 with SHA-256, or plain Ed25519."""
    key = certificate.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            hash_ = {384: hashes.SHA384(), 521: hashes.SHA512()}.get(key.curve.key_size, hashes.SHA256())
            key.verify(signature, payload, ec.ECDSA(hash_))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, payload, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, payload)
        else:
            raise Rejected(f"the certificate's key type {type(key).__name__} is not supported")
    except InvalidSignature as exc:
        raise Rejected("the signature does not verify over the payload with the certificate's key") from exc


def _signed_digest(payload: bytes) -> str:
    """Check 6's input: the image digest the simple-signing payload names."""
    try:
        document = json.loads(payload)
        digest = document["critical"]["image"]["docker-manifest-digest"]
    except ValueError as exc:
        raise Rejected(f"the signed payload is not JSON: {exc}") from exc
    except (KeyError, TypeError) as exc:
        raise Rejected(
            "the signed payload is not a cosign simple-signing payload (no critical.image.docker-manifest-digest)"
        ) from exc
    if not isinstance(digest, str):
        raise Rejected("the signed payload's docker-manifest-digest is not a string")
    return digest
