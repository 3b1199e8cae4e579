"""Keyless signatures: a Fulcio certificate, an identity and issuer, a transparency-log proof, verified offline.

Two formats carry them:
- `verify_bundle`: a Sigstore bundle (media type `application/vnd.dev.sigstore.bundle.v0.3+json`, attached to the
  image as an OCI referrer) whose content is a message signature over the image digest, or a DSSE envelope around
  an in-toto statement whose subject names the image digest (`predicate_type_of` tells which attestation it is);
- `verify_cosign_keyless`: the cosign tag scheme's `.sig` layer, a simple-signing payload with the signature,
  certificate, chain and Rekor SET in its annotations.

Both check the certificate against the Fulcio CAs of a Sigstore trust root at the time the log integrated the
entry, the identity and OIDC issuer against an `IdentityRule`, the signature, and the log's proof. Nothing here
touches the network: the trust root is the one shipped inside the `sigstore` package (`TrustedRootSource()`) or a
trusted_root.json given by path or content. A failed verification is a `KeylessResult` with `ok=False` and the
reason; a malformed rule or trust root raises `ConfigError` naming it, and so does a missing `sigstore` package
(`keyless_available()` tells beforehand).

This module imports no Sigstore code: `sigstore` (pydantic, rfc3161, TUF...) is imported the first time a
verification runs, so a list without keyless policies never pays for it.
"""

from __future__ import annotations

import base64
import binascii
import importlib.util
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ecr_mirror.errors import ConfigError

BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json"
IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json"
# cosign 3 signs an image (`cosign sign`, bundles by default) as a DSSE in-toto statement of this predicate type whose
# subject is the manifest digest; `predicate_type_of` reports it like any attestation's.
COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1"
SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature"
CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate"
CHAIN_ANNOTATION = "dev.sigstore.cosign/chain"
REKOR_BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle"
_DIGEST = re.compile(r"(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})")


@dataclass(frozen=True)
class IdentityRule:
    """Who must have signed: the OIDC issuer exactly, and the identity (certificate SAN: an e-mail address or a
    URI such as a GitHub Actions workflow) exactly or by a regular expression that must match all of it."""

    issuer: str
    identity: str | None = None
    identity_regex: str | None = None

    def __post_init__(self) -> None:
        if not self.issuer:
            raise ConfigError("a keyless rule needs an issuer (the OIDC issuer URL of the signer's certificate)")
        if (self.identity is None) == (self.identity_regex is None):
            raise ConfigError(
                f"a keyless rule for issuer {self.issuer!r} needs exactly one of identity and identityRegex"
            )
        if self.identity_regex is not None:
            try:
                re.compile(self.identity_regex)
            except re.error as exc:
                raise ConfigError(
                    f"identityRegex {self.identity_regex!r} is not a valid regular expression: {exc}"
                ) from exc

    def matching(self, identities: list[str]) -> str | None:
        """The first of a certificate's identities that this rule accepts, or None."""
        for candidate in identities:
            if self.identity is not None and candidate == self.identity:
                return candidate
            if self.identity_regex is not None and re.fullmatch(self.identity_regex, candidate):
                return candidate
        return None

    def describe(self) -> str:
        wanted = self.identity if self.identity is not None else f"/{self.identity_regex}/"
        return f"{wanted} from {self.issuer}"


@dataclass(frozen=True)
class KeylessResult:
    """A verdict: `ok`, and the reason (what failed, or the identity that passed)."""

    ok: bool
    reason: str


@dataclass(frozen=True)
class TrustedRootSource:
    """The Sigstore trust root: the public-good root shipped with `sigstore` (both fields None, the default), a
    trusted_root.json file (`path`), or its content (`document`, e.g. read from SSM after Sigstore rotates)."""

    path: Path | None = None
    document: bytes | None = None

    @classmethod
    def public_good(cls) -> TrustedRootSource:
        return cls()

    @classmethod
    def from_file(cls, path: Path | str) -> TrustedRootSource:
        return cls(path=Path(path))

    @classmethod
    def from_json(cls, document: bytes) -> TrustedRootSource:
        return cls(document=document)

    def describe(self) -> str:
        if self.path is not None:
            return f"trusted root {self.path}"
        if self.document is not None:
            return "the trusted root given as a document"
        return "the Sigstore public-good trusted root shipped with the sigstore package"


def keyless_available() -> bool:
    """Whether the `sigstore` package is installed (found without importing it)."""
    return importlib.util.find_spec("sigstore") is not None


def _missing_sigstore(exc: ImportError) -> ConfigError:
    return ConfigError(
        f"keyless verification needs the sigstore package, which cannot be imported ({exc}): "
        "install ecr-mirror with its lambda extra (pip install 'ecr-mirror[lambda]')"
    )


def _verifier(module: str, name: str) -> Callable[..., KeylessResult]:
    """A verification function of trust/<module>.py, imported on first use (it imports `sigstore`)."""
    try:
        found: Callable[..., KeylessResult] = getattr(importlib.import_module(f"ecr_mirror.trust.{module}"), name)
    except ImportError as exc:
        raise _missing_sigstore(exc) from exc
    return found


def _check_digest(subject_digest: str) -> None:
    if not _DIGEST.fullmatch(subject_digest):
        raise ValueError(f"subject digest {subject_digest!r} is not algorithm:hex (sha256, sha384 or sha512)")


def verify_bundle(
    bundle_json: bytes,
    *,
    subject_digest: str,
    rule: IdentityRule,
    trusted_root: TrustedRootSource,
    predicate_type: str | None = None,
) -> KeylessResult:
    """Verify a Sigstore bundle for the image `subject_digest`. With `predicate_type`, the bundle must be a DSSE
    in-toto statement of that predicate type (an attestation); otherwise either content kind passes."""
    _check_digest(subject_digest)
    verify = _verifier("sigstore_verify", "verify_bundle")
    return verify(bundle_json, subject_digest, rule, trusted_root, predicate_type)


def verify_cosign_keyless(
    payload: bytes,
    annotations: Mapping[str, str],
    *,
    subject_digest: str,
    rule: IdentityRule,
    trusted_root: TrustedRootSource,
) -> KeylessResult:
    """Verify a cosign `.sig` layer (its simple-signing payload and its annotations) for the image `subject_digest`."""
    _check_digest(subject_digest)
    verify = _verifier("keyless_cosign", "verify_cosign_keyless")
    return verify(payload, annotations, subject_digest, rule, trusted_root)


def verify_cosign_keyless_attestation(
    envelope: bytes,
    annotations: Mapping[str, str],
    *,
    subject_digest: str,
    predicate_type: str,
    rule: IdentityRule,
    trusted_root: TrustedRootSource,
) -> KeylessResult:
    """Verify a cosign `.att` layer (its DSSE envelope and its annotations) as an attestation of `predicate_type`
    about the image `subject_digest`."""
    _check_digest(subject_digest)
    verify = _verifier("keyless_attest", "verify_cosign_keyless_attestation")
    return verify(envelope, annotations, subject_digest, predicate_type, rule, trusted_root)


def is_signature_bundle(bundle_json: bytes) -> bool:
    """Whether a bundle is an image signature rather than an attestation: a message signature, or cosign 3's DSSE
    statement of predicate type COSIGN_SIGN_PREDICATE (read without verification, like `predicate_type_of`)."""
    kind = predicate_type_of(bundle_json)
    if kind is not None:
        return kind == COSIGN_SIGN_PREDICATE
    try:
        bundle = json.loads(bundle_json)
    except ValueError:
        return False
    return isinstance(bundle, dict) and isinstance(bundle.get("messageSignature"), dict)


def predicate_type_of(bundle_json: bytes) -> str | None:
    """The predicate type of a DSSE in-toto bundle, read WITHOUT verification (to pick the bundles worth
    verifying); None for a message-signature bundle or anything unreadable. Trust it only through
    `verify_bundle(..., predicate_type=...)`, which checks the same value under the signature."""
    try:
        bundle = json.loads(bundle_json)
        envelope = bundle.get("dsseEnvelope") if isinstance(bundle, dict) else None
        if not isinstance(envelope, dict) or envelope.get("payloadType") != IN_TOTO_PAYLOAD_TYPE:
            return None
        statement = json.loads(base64.b64decode(envelope.get("payload", ""), validate=True))
    except (ValueError, binascii.Error, TypeError):
        return None
    value = statement.get("predicateType") if isinstance(statement, dict) else None
    return value if isinstance(value, str) else None
