"""Sigstore bundles verified with the `sigstore` package's `Verifier`, and the pieces both keyless paths share:
loading a trust root (offline) and matching a certificate against an `IdentityRule`.

Imported lazily by `trust.keyless` (importing `sigstore` costs about a second of CPU).
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from typing import Any
from urllib.parse import quote

from cryptography.hazmat import asn1
from cryptography.x509 import (
    Certificate,
    ExtensionNotFound,
    OtherName,
    RFC822Name,
    SubjectAlternativeName,
    UniformResourceIdentifier,
)
from cryptography.x509.oid import ObjectIdentifier
from pydantic import ValidationError
from sigstore.errors import Error as SigstoreError
from sigstore.errors import VerificationError
from sigstore.hashes import Hashed
from sigstore.models import Bundle, TrustedRoot
from sigstore.verify import Verifier
from sigstore.verify.policy import OIDCIssuer, OIDCIssuerV2
from sigstore_models.common.v1 import HashAlgorithm
from sigstore_models.trustroot import v1 as trustroot_v1

from ecr_mirror.errors import ConfigError
from ecr_mirror.trust.keyless import IN_TOTO_PAYLOAD_TYPE, IdentityRule, KeylessResult, TrustedRootSource

# The public-good instance's trusted_root.json ships inside the package, under the TUF repository's URL (sigstore's
# _store directory); reading it directly avoids TUF's cache directory, which does not exist on Lambda.
PUBLIC_GOOD_TUF_URL = "https://tuf-repo-cdn.sigstore.dev"
_OTHERNAME_IDENTITY = ObjectIdentifier("1.3.6.1.4.1.57264.1.7")  # Fulcio's username identities
_STATEMENT_TYPES = ("https://in-toto.io/Statement/v1", "https://in-toto.io/Statement/v0.1")
_HASHES = {"sha256": HashAlgorithm.SHA2_256, "sha384": HashAlgorithm.SHA2_384, "sha512": HashAlgorithm.SHA2_512}


@functools.lru_cache(maxsize=8)
def load_trusted_root(source: TrustedRootSource) -> TrustedRoot:
    """The trust root `source` names, parsed and checked to hold Fulcio CAs, log keys and CT keys."""
    try:
        if source.path is not None:
            document = source.path.read_bytes()
        elif source.document is not None:
            document = source.document
        else:
            store = importlib.resources.files("sigstore") / "_store" / quote(PUBLIC_GOOD_TUF_URL, safe="")
            document = (store / "trusted_root.json").read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {source.describe()}: {exc}") from exc
    try:
        root = TrustedRoot(trustroot_v1.TrustedRoot.from_json(document))
        root.get_fulcio_certs()
        if not root._inner.tlogs or not root._inner.ctlogs:
            raise ValueError("it names no transparency log or no certificate transparency log")
    except (SigstoreError, ValueError) as exc:
        raise ConfigError(f"{source.describe()} is not a usable Sigstore trusted root: {exc}") from exc
    return root


@functools.lru_cache(maxsize=8)
def _verifier(source: TrustedRootSource) -> Verifier:
    return Verifier(trusted_root=load_trusted_root(source))  # builds no connection: the Rekor client is idle


def describe_error(exc: BaseException) -> str:
    """A one-line reason from a sigstore or pydantic error (pydantic's own text quotes the whole input)."""
    cause: BaseException | None = exc
    while cause is not None and not isinstance(cause, ValidationError):
        cause = cause.__cause__ or cause.__context__  # sigstore re-raises without `from`
    if isinstance(cause, ValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'document'}: {e['msg']}" for e in cause.errors()[:3]]
        return "malformed " + "; ".join(problems)
    text = " ".join(str(exc).split())
    return text if len(text) <= 300 else text[:297] + "..."


def certificate_identities(certificate: Certificate) -> list[str]:
    """The identities a Fulcio certificate was issued to: its SAN e-mail addresses, URIs and username names."""
    try:
        san = certificate.extensions.get_extension_for_class(SubjectAlternativeName).value
    except ExtensionNotFound:
        return []
    found = [*san.get_values_for_type(RFC822Name), *san.get_values_for_type(UniformResourceIdentifier)]
    for other in san.get_values_for_type(OtherName):
        if other.type_id == _OTHERNAME_IDENTITY:
            try:
                found.append(asn1.decode_der(str, other.value))
            except ValueError:
                continue
    return found


class RulePolicy:
    """A sigstore verification policy for an `IdentityRule`: the issuer through sigstore's own extension checks
    (OIDCIssuerV2, or OIDCIssuer for certificates older than the V2 extension), then the identity among the SANs.
    Remembers the identity that matched, for the verdict's reason."""

    def __init__(self, rule: IdentityRule) -> None:
        self.rule = rule
        self.matched: str | None = None

    def verify(self, cert: Certificate) -> None:
        try:
            cert.extensions.get_extension_for_oid(OIDCIssuerV2.oid)
            issuer_policy: OIDCIssuer | OIDCIssuerV2 = OIDCIssuerV2(self.rule.issuer)
        except ExtensionNotFound:
            issuer_policy = OIDCIssuer(self.rule.issuer)
        issuer_policy.verify(cert)
        identities = certificate_identities(cert)
        matched = self.rule.matching(identities)
        if matched is None:
            raise VerificationError(f"certificate identities {identities} do not match {self.rule.describe()}")
        self.matched = matched

    def passed(self) -> str:
        return f"signed by {self.matched} (issuer {self.rule.issuer})"


def verify_bundle(
    bundle_json: bytes,
    subject_digest: str,
    rule: IdentityRule,
    source: TrustedRootSource,
    predicate_type: str | None,
) -> KeylessResult:
    verifier, policy = _verifier(source), RulePolicy(rule)  # first: a bad trust root is an error, whatever the bundle
    try:
        bundle = Bundle.from_json(bundle_json)
    except (SigstoreError, ValueError) as exc:
        return KeylessResult(False, f"not a valid Sigstore bundle: {describe_error(exc)}")
    is_dsse = bundle._inner.dsse_envelope is not None
    if predicate_type is not None and not is_dsse:
        return KeylessResult(False, f"bundle holds a message signature, not a {predicate_type} attestation")
    try:
        if not is_dsse:
            algorithm, _, hexdigest = subject_digest.partition(":")
            hashed = Hashed(algorithm=_HASHES[algorithm], digest=bytes.fromhex(hexdigest))
            verifier.verify_artifact(hashed, bundle, policy)
            return KeylessResult(True, f"{policy.passed()}, over {subject_digest}")
        payload_type, payload = verifier.verify_dsse(bundle, policy)
    except (SigstoreError, ValueError) as exc:
        return KeylessResult(False, f"Sigstore bundle does not verify: {describe_error(exc)}")
    return _statement_verdict(payload_type, payload, subject_digest, predicate_type, policy)


def _statement_verdict(
    payload_type: str, payload: bytes, subject_digest: str, predicate_type: str | None, policy: RulePolicy
) -> KeylessResult:
    """The verified DSSE payload must be an in-toto statement about `subject_digest` (and of `predicate_type`)."""
    if payload_type != IN_TOTO_PAYLOAD_TYPE:
        return KeylessResult(False, f"DSSE payload type {payload_type!r} is not an in-toto statement")
    try:
        statement: Any = json.loads(payload)
    except ValueError as exc:
        return KeylessResult(False, f"signed in-toto statement is not JSON: {exc}")
    if not isinstance(statement, dict) or statement.get("_type") not in _STATEMENT_TYPES:
        return KeylessResult(False, "signed payload is not an in-toto statement")
    algorithm, _, hexdigest = subject_digest.partition(":")
    subjects = statement.get("subject")
    digests = [s.get("digest") for s in subjects if isinstance(s, dict)] if isinstance(subjects, list) else []
    if not any(isinstance(d, dict) and d.get(algorithm) == hexdigest for d in digests):
        named = [f"{a}:{v}" for d in digests if isinstance(d, dict) for a, v in d.items()]
        return KeylessResult(False, f"signed statement is about {named}, not {subject_digest}")
    found = statement.get("predicateType")
    if predicate_type is not None and found != predicate_type:
        return KeylessResult(False, f"signed statement's predicate type is {found!r}, not {predicate_type!r}")
    return KeylessResult(True, f"{policy.passed()}, in-toto {found} about {subject_digest}")
