"""Where keyless verification plugs in: one call from the judge (judge.py) for a policy with identity/issuer.

Keyless signatures (a Fulcio certificate with the signer's identity and OIDC issuer, and a transparency-log proof)
are verified offline against a Sigstore trust root by keyless.py, with the `sigstore` package. Until that module
is in this build, an image under such a policy is held, never passed.
"""

from __future__ import annotations

from ecr_mirror.trust.evidence import Evidence
from ecr_mirror.trust.policy import IdentityRule
from ecr_mirror.trust.verdict import Verdict, held

KEYLESS_UNAVAILABLE = "keyless verification not available in this build"


def keyless_verdict(
    evidence: Evidence, rule: IdentityRule, attestations: tuple[str, ...], trusted_root: str | None
) -> Verdict:
    """The verdict for `evidence` (cosign `.sig` layers with certificate and Rekor bundle annotations, Sigstore
    bundles) under `rule`, against `trusted_root` (a trusted_root.json path; None: the one `sigstore` ships)."""
    del evidence, rule, attestations, trusted_root
    return held(KEYLESS_UNAVAILABLE)
