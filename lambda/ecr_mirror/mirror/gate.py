"""The policy gate in the run: before a new upstream digest is copied, its entry's policies judge it.

Applied after the plan (two HEADs) and before any copy, so an image that does not pass is never half-moved: its
target tag stays on the last digest that passed, or stays absent. First sightings are recorded when the trust
context says so (not in a user's dry run; yes in the function's planning pass, which is HEAD-only too); digest pins
obey the signature parts only (the pin is the age decision). A dry run judges age alone: signatures are fetched,
and verified, only when copying.
"""

from __future__ import annotations

from ecr_mirror.mirror.image import ImageCopier, ImagePlan
from ecr_mirror.mirror.referrers_api import ReferrersApi
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.mirror.signatures import fetch_evidence
from ecr_mirror.oci.reference import Reference
from ecr_mirror.trust.first_seen import iso_time
from ecr_mirror.trust.judge import TrustContext, judge, judge_age, min_age
from ecr_mirror.trust.policy import Policy
from ecr_mirror.trust.verdict import Outcome, Verdict


class Gate:
    def __init__(self, context: TrustContext, *, dry_run: bool, api: ReferrersApi | None = None) -> None:
        self.context = context
        self.dry_run = dry_run
        self.api = api or ReferrersApi()  # the run's knowledge of which registries have the referrers API

    async def check(
        self, copier: ImageCopier, source: Reference, policies: tuple[Policy, ...], plan: ImagePlan
    ) -> Verdict:
        now = self.context.clock()
        age = None if source.digest else min_age(policies)
        first = now
        if age is not None:
            first = self.context.first_seen.since(str(source), plan.source_digest, now, record=self.context.record)
        age_verdict = judge_age(age, first, now)
        wanted = [p for p in policies if p.signed] if not self.dry_run else []
        evidence = None
        if wanted:
            predicates = frozenset(t for p in wanted for t in p.attestations)
            keyless = any(p.identity is not None for p in wanted)
            evidence = await fetch_evidence(
                copier, source.repository, plan.source_digest, predicates, bundles=keyless, api=self.api
            )
        return judge(wanted, evidence, age_verdict, self.context)


def apply_verdict(result: ImageResult, verdict: Verdict, *, dry_run: bool) -> bool:
    """Record a hold or a rejection on the result; True when the image must not be copied."""
    if verdict.outcome is Outcome.PASSED:
        return False
    if verdict.outcome is Outcome.REJECTED:
        result.status, result.error = Status.REJECTED, f"rejected by policy {result.policy}: {verdict.reason}"
        return True
    result.status, result.held_reason = Status.HELD, verdict.reason
    result.eligible_at = iso_time(verdict.eligible_at) if verdict.eligible_at is not None else None
    until = f" until {result.eligible_at}" if result.eligible_at else ""
    mood = "would be held" if dry_run else "held"
    result.detail = f"{mood}{until} by policy {result.policy}: {verdict.reason}"
    return True
