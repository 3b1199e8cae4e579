"""A verdict on one upstream digest: pass, held (may pass later), or rejected (never will)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    PASSED = "passed"
    HELD = "held"  # too young, a signature or attestation not published yet: the next run asks again
    REJECTED = "rejected"  # a signature that does not verify, a wrong signer, a digest mismatch: an incident


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str = ""
    eligible_at: float | None = None  # epoch seconds, for an image held by age

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED


PASS = Verdict(Outcome.PASSED)


def held(reason: str, eligible_at: float | None = None) -> Verdict:
    return Verdict(Outcome.HELD, reason, eligible_at)


def rejected(reason: str) -> Verdict:
    return Verdict(Outcome.REJECTED, reason)


def combine(verdicts: Iterable[Verdict]) -> Verdict:
    """Every verdict must pass. Any rejection rejects (with every rejection's reason); else any hold holds, until
    the latest eligibility when every hold is one of age."""
    items = list(verdicts)
    for outcome in (Outcome.REJECTED, Outcome.HELD):
        chosen = [v for v in items if v.outcome is outcome]
        if chosen:
            reason = "; ".join(dict.fromkeys(v.reason for v in chosen))
            times = [v.eligible_at for v in chosen]
            eligible = max(t for t in times if t is not None) if all(t is not None for t in times) else None
            return Verdict(outcome, reason, eligible if outcome is Outcome.HELD else None)
    return PASS
