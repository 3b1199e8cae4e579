"""Where keyless verification plugs in: one call from the judge (judge.py) for a policy with identity/issuer.

Keyless signatures (a Fulcio certificate with the signer's identity and OIDC issuer, and a transparency-log proof)
are verified offline against a Sigstore trust root by `ecr_mirror.trust.keyless` (the `sigstore` package): cosign
`.sig` and `.att` layers carrying a certificate, and Sigstore bundles attached as referrers. A build without that
module holds an image under such a policy, never passes it.
"""

from __future__ import annotations

import importlib
from typing import Any

from ecr_mirror.trust.evidence import PREDICATE_ANNOTATION, Evidence, SignedLayer
from ecr_mirror.trust.policy import IdentityRule
from ecr_mirror.trust.verdict import PASS, Verdict, combine, held, rejected

KEYLESS_UNAVAILABLE = "keyless verification not available in this build"
CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate"


def _keyless_module() -> Any | None:
    """keyless.py when it and the `sigstore` package it verifies with are both installed, else None."""
    try:
        keyless = importlib.import_module("ecr_mirror.trust.keyless")
    except ImportError:
        return None
    return keyless if keyless.keyless_available() else None


def keyless_verdict(
    evidence: Evidence, rule: IdentityRule, attestations: tuple[str, ...], trusted_root: str | None
) -> Verdict:
    """The verdict for `evidence` (cosign `.sig` and `.att` layers with certificate and Rekor bundle annotations,
    Sigstore bundles) under `rule`, against `trusted_root` (a trusted_root.json path; None: the one `sigstore`
    ships)."""
    keyless = _keyless_module()
    if keyless is None:
        return held(KEYLESS_UNAVAILABLE)
    signer = keyless.IdentityRule(issuer=rule.issuer, identity=rule.identity, identity_regex=rule.identity_regex)
    root = keyless.TrustedRootSource.from_file(trusted_root) if trusted_root else keyless.TrustedRootSource()
    verdicts = [_signature(keyless, evidence, signer, root, str(rule))]
    verdicts += [_attestation(keyless, evidence, signer, root, str(rule), kind) for kind in attestations]
    return combine(verdicts)


def _signature(keyless: Any, evidence: Evidence, signer: Any, root: Any, who: str) -> Verdict:
    layers: list[SignedLayer] = [s for s in evidence.signatures or () if CERTIFICATE_ANNOTATION in s.annotations]
    # A message signature over the digest, or cosign 3's DSSE statement of its signing predicate type.
    bundles = [b for b in evidence.bundles if keyless.is_signature_bundle(b)]
    if not layers and not bundles:
        return held(f"no keyless signature for {evidence.digest}")
    failures: list[str] = []
    for layer in layers:
        result = keyless.verify_cosign_keyless(
            layer.payload, layer.annotations, subject_digest=evidence.digest, rule=signer, trusted_root=root
        )
        if result.ok:
            return PASS
        failures.append(result.reason)
    for bundle in bundles:
        result = keyless.verify_bundle(bundle, subject_digest=evidence.digest, rule=signer, trusted_root=root)
        if result.ok:
            return PASS
        failures.append(result.reason)
    return rejected(f"no keyless signature of {evidence.digest} verifies for {who}: {failures[0]}")


def _attestation(keyless: Any, evidence: Evidence, signer: Any, root: Any, who: str, kind: str) -> Verdict:
    # cosign `.att` layers made keyless (certificate annotation), unless annotated with another predicate type
    layers = [
        a
        for a in evidence.attestations or ()
        if CERTIFICATE_ANNOTATION in a.annotations and a.annotations.get(PREDICATE_ANNOTATION, kind) == kind
    ]
    bundles = [b for b in evidence.bundles if keyless.predicate_type_of(b) == kind]
    if not layers and not bundles:
        return held(f"no {kind} attestation (keyless `.att` layer or bundle) for {evidence.digest}")
    failures: list[str] = []
    for layer in layers:
        result = keyless.verify_cosign_keyless_attestation(
            layer.payload,
            layer.annotations,
            subject_digest=evidence.digest,
            predicate_type=kind,
            rule=signer,
            trusted_root=root,
        )
        if result.ok:
            return PASS
        failures.append(result.reason)
    for bundle in bundles:
        result = keyless.verify_bundle(
            bundle, subject_digest=evidence.digest, rule=signer, trusted_root=root, predicate_type=kind
        )
        if result.ok:
            return PASS
        failures.append(result.reason)
    return rejected(f"the {kind} attestation of {evidence.digest} does not verify for {who}: {failures[0]}")
