"""Keyless attestations in the cosign tag scheme: an `.att` layer whose bytes are a DSSE envelope around an in-toto
statement, and whose annotations carry the Fulcio certificate and chain and the Rekor entry with its signed entry
timestamp (the signature annotation is empty: the signature is inside the envelope), as `cosign attest` makes it.

The checks are cosign's for such a layer (pkg/cosign/verify.go: the bundle's SET, key and hash), with the same
trust root and certificate rules as a keyless `.sig` (keyless_cosign.py):
  1. the SET verifies with a transparency-log key of the trust root, over the entry's canonical form;
  2. the entry is a `dsse` (0.0.1) or `intoto` (0.0.1 or 0.0.2) entry whose envelope hash is the SHA-256 of this
     layer's bytes and whose public key is this certificate (`cosign attest --rekor-entry-type` picks the kind);
  3. the certificate chains to a Fulcio CA at the entry's integrated time, with an embedded SCT, for code signing;
  4. its issuer and identity match the rule;
  5. an envelope signature verifies over DSSE's pre-authentication encoding with the certificate's key;
  6. the statement is in-toto, of the wanted predicate type, about the image's digest.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import rekor_types
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import Certificate, load_pem_x509_certificate

from ecr_mirror.trust.dsse import IN_TOTO, pae, parse_envelope, subject_digests
from ecr_mirror.trust.keyless import IdentityRule, KeylessResult, TrustedRootSource
from ecr_mirror.trust.keyless_cosign import (
    Rejected,
    certificate_and_entry,
    logged_entry,
    verify_certificate,
    verify_with_certificate,
)
from ecr_mirror.trust.sigstore_verify import RulePolicy, describe_error, load_trusted_root

LAYER = "attestation layer"


def verify_cosign_keyless_attestation(
    envelope: bytes,
    annotations: Mapping[str, str],
    subject_digest: str,
    predicate_type: str,
    rule: IdentityRule,
    source: TrustedRootSource,
) -> KeylessResult:
    root = load_trusted_root(source)
    policy = RulePolicy(rule)
    try:
        certificate, intermediates, entry = certificate_and_entry(annotations, LAYER)
        integrated, body = logged_entry(root, entry)
        _check_entry(body, envelope, certificate)
        verify_certificate(root, certificate, intermediates, integrated, policy)
        statement = _verified_statement(envelope, certificate)
    except Rejected as exc:
        return KeylessResult(False, str(exc))
    kind = statement.get("predicateType")
    if kind != predicate_type:
        return KeylessResult(False, f"the attestation's predicate type is {kind!r}, not {predicate_type}")
    if subject_digest not in subject_digests(statement):
        return KeylessResult(False, f"the attestation is about another digest, not {subject_digest}")
    return KeylessResult(
        True, f"{policy.passed()}, {predicate_type} logged at {integrated.isoformat()}, about {subject_digest}"
    )


def _check_entry(body: bytes, envelope: bytes, certificate: Certificate) -> None:
    """Check 2: the logged entry names this envelope (by hash) and this certificate (as its key)."""
    try:
        kind = json.loads(body).get("kind")
        if kind == "dsse":
            dsse = rekor_types.Dsse.model_validate_json(body).spec.root
            hashed: Any = dsse.envelope_hash
            keys = [s.verifier for s in dsse.signatures or []]
        elif kind == "intoto":
            intoto = rekor_types.Intoto.model_validate_json(body).spec.root
            hashed = intoto.content.hash
            if isinstance(intoto, rekor_types.intoto.IntotoV001Schema):
                keys = [intoto.public_key]
            else:
                keys = [s.public_key for s in intoto.content.envelope.signatures]
        else:
            raise Rejected(f"the log entry is a {kind!r} entry, not a dsse or intoto one")
    except (ValueError, AttributeError) as exc:
        raise Rejected(f"the log entry does not read as an attestation entry: {describe_error(exc)}") from exc
    if hashed is None or hashed.algorithm.value != "sha256" or hashed.value != hashlib.sha256(envelope).hexdigest():
        raise Rejected("the log entry does not record this attestation (another envelope hash)")
    if len(keys) != 1 or _certificate_der(keys[0]) != certificate.public_bytes(serialization.Encoding.DER):
        raise Rejected("the log entry does not record this certificate as the attestation's key")


def _certificate_der(logged: str) -> bytes | None:
    """A logged key (base64 of a PEM certificate) as DER, compared without regard to line breaks (as cosign does)."""
    try:
        return load_pem_x509_certificate(base64.b64decode(logged, validate=True)).public_bytes(
            serialization.Encoding.DER
        )
    except (ValueError, binascii.Error):
        return None


def _verified_statement(envelope: bytes, certificate: Certificate) -> dict[str, Any]:
    """Checks 5 and 6's input: the statement of an envelope one of whose signatures the certificate's key made."""
    parsed = parse_envelope(envelope)
    if parsed is None:
        raise Rejected("the attestation layer is not a DSSE envelope")
    if parsed.payload_type != IN_TOTO:
        raise Rejected(f"the envelope's payload type is {parsed.payload_type!r}, not {IN_TOTO}")
    failures = 0
    for signature in parsed.signatures:
        try:
            verify_with_certificate(certificate, signature, pae(parsed.payload_type, parsed.body))
        except Rejected:
            failures += 1
            continue
        statement = parsed.statement()
        if statement is None:
            raise Rejected("the attestation's statement is not a JSON object")
        return statement
    raise Rejected(
        f"none of the envelope's {failures} signature(s) verifies over it with the certificate's key"
        if failures
        else "the envelope has no signature"
    )
