"""A digest's verdict under the policies of its entry: every policy must pass (pure; the caller fetched the
evidence, loaded the keys and reads the clock)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ecr_mirror.errors import TrustError
from ecr_mirror.trust.evidence import Evidence
from ecr_mirror.trust.first_seen import FirstSeen, iso_time
from ecr_mirror.trust.keyless_gate import keyless_verdict
from ecr_mirror.trust.policy import KeyRef, Policy
from ecr_mirror.trust.verdict import PASS, Verdict, combine, held

if TYPE_CHECKING:  # `cryptography` is imported when a key is used, not by every run that imports the engine
    from ecr_mirror.trust.keys import PublicKey


@dataclass
class TrustContext:
    """What verdicts need beyond the evidence: the policies' keys, loaded by the front door (a key that could not
    be loaded maps to the error saying why), the first-seen state, the clock, and the keyless trust root."""

    keys: Mapping[KeyRef, PublicKey | TrustError] = field(default_factory=dict)
    first_seen: FirstSeen = field(default_factory=FirstSeen)
    clock: Callable[[], float] = time.time
    trusted_root: str | None = None  # a trusted_root.json; None: the Sigstore public-good root `sigstore` ships
    record: bool = True  # record first sightings (False for a user's dry run, which only reads the state)


def min_age(policies: Sequence[Policy]) -> float | None:
    ages = [p.min_age for p in policies if p.min_age is not None]
    return max(ages) if ages else None


def _duration(seconds: float) -> str:
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"


def judge_age(age: float | None, first_seen: float, now: float) -> Verdict:
    """Held until `first_seen + age`."""
    if age is None or now >= first_seen + age:
        return PASS
    eligible = first_seen + age
    return held(f"too young: first seen upstream {iso_time(first_seen)}, minAge {_duration(age)}", eligible)


def key_of(policy: Policy, context: TrustContext) -> PublicKey:
    assert policy.key is not None
    key = context.keys.get(policy.key)
    if key is None:
        raise TrustError(f"policy {policy.name!r}: key {policy.key} was not loaded")
    if isinstance(key, TrustError):
        raise TrustError(f"policy {policy.name!r}: {key}")
    return key


def judge_signer(policy: Policy, evidence: Evidence, context: TrustContext) -> Verdict:
    """The signature (and attestation) parts of one policy. Raises TrustError when its key is unusable."""
    if policy.identity is not None:
        return keyless_verdict(evidence, policy.identity, policy.attestations, context.trusted_root)
    if policy.key is None:
        return PASS
    from ecr_mirror.trust.cosign import verify_cosign_signatures
    from ecr_mirror.trust.dsse import verify_attestations

    key, name = key_of(policy, context), f"key {policy.key}"
    signature = verify_cosign_signatures(evidence.signatures, key, name, evidence.digest)
    if not policy.attestations:
        return signature
    attestations = verify_attestations(evidence.attestations, policy.attestations, key, name, evidence.digest)
    return combine([signature, attestations])


def judge(
    policies: Sequence[Policy], evidence: Evidence | None, age_verdict: Verdict, context: TrustContext
) -> Verdict:
    """Signatures first (a rejection is an incident, whatever the age), then age. `evidence` may be None only
    when no policy asks for signatures."""
    verdicts = [judge_signer(p, evidence, context) for p in policies if p.signed and evidence is not None]
    if evidence is None and any(p.signed for p in policies):
        raise TrustError("signature evidence was not fetched")
    return combine([*verdicts, age_verdict])
