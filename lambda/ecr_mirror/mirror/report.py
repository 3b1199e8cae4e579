"""What a run did: one ImageResult per image and a summary, as the --json report and the Lambda's return value."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    COPIED = "copied"
    SKIPPED = "skipped"
    FAILED = "failed"
    DEFERRED = "deferred"
    PLANNED = "planned"  # --dry-run: would be copied
    QUEUED = "queued"  # a fanned-out run: sent to the work queue, a worker copies it
    HELD = "held"  # a policy holds the new digest back for now (too young, signature not yet published)
    REJECTED = "rejected"  # a policy refuses the new digest (a signature that does not verify): an incident


BEHIND_STATUSES = frozenset(
    {Status.FAILED, Status.DEFERRED, Status.PLANNED, Status.QUEUED, Status.HELD, Status.REJECTED}
)


@dataclass(slots=True)
class ImageResult:
    source: str
    target: str
    status: Status
    digest: str | None = None
    error: str | None = None
    bytes: int = 0
    detail: str | None = None  # e.g. "blobs: 3 copied, 2 present, 1 mounted" or a skip reason
    upstream_digest: str | None = None  # what the source's tag points at now (None: not learned)
    previous_digest: str | None = None  # what the target's tag pointed at before this run (None: absent)
    platforms: list[str] = field(default_factory=list)  # what a copy wrote, for an index: its platforms
    pulls: int = 0  # manifest GETs at the source (what Docker Hub counts as pulls)
    checked: bool = False  # both registries answered the check (HEAD at each): behind or current was observed
    policy: str | None = None  # the names of the entry's policies
    held_reason: str | None = None  # why a policy holds the image (status held)
    eligible_at: str | None = None  # when an image held by age may pass (ISO 8601, UTC)

    @property
    def behind(self) -> bool:
        """Checked, and the mirror does not hold what upstream has: failed, deferred, or a dry run's "would copy"
        after both registries answered. An image never checked (deadline, a registry down) is not counted."""
        return self.checked and self.status in BEHIND_STATUSES

    @property
    def freshness(self) -> str:
        """`behind` or `current` as observed, or `not checked` (the reason is the result's error or detail)."""
        if not self.checked:
            return "not checked"
        return "behind" if self.behind else "current"

    @property
    def moved(self) -> bool:
        """This run moved the target tag to new content (a copy over another digest, or a new tag)."""
        return self.status is Status.COPIED and self.digest is not None and self.digest != self.previous_digest

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "target": self.target,
            "digest": self.digest,
            "status": str(self.status),
            "error": self.error,
            "bytes": self.bytes,
            "freshness": self.freshness,
        }
        if self.detail:
            out["detail"] = self.detail
        if self.upstream_digest:
            out["upstream_digest"] = self.upstream_digest
        if self.previous_digest:
            out["previous_digest"] = self.previous_digest
        for key in ("policy", "held_reason", "eligible_at"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@dataclass(slots=True)
class Report:
    images: list[ImageResult] = field(default_factory=list)
    rate_limit_remaining: int | None = None  # the source's last ratelimit-remaining seen, if any
    rules: list[dict[str, Any]] = field(default_factory=list)  # what each tag rule selected, and why not the rest

    def count(self, status: Status) -> int:
        return sum(1 for r in self.images if r.status is status)

    @property
    def bytes(self) -> int:
        return sum(r.bytes for r in self.images)

    @property
    def failed(self) -> bool:
        """An image failed, or a policy rejected one: the run's exit status says so (held images do not)."""
        return self.count(Status.FAILED) + self.count(Status.REJECTED) > 0

    @property
    def pulls(self) -> int:
        return sum(r.pulls for r in self.images)

    @property
    def behind(self) -> list[ImageResult]:
        return [r for r in self.images if r.behind]

    @property
    def not_checked(self) -> list[ImageResult]:
        return [r for r in self.images if not r.checked]

    def summary(self) -> dict[str, int]:
        out = {s.value: self.count(s) for s in (Status.COPIED, Status.SKIPPED, Status.FAILED, Status.DEFERRED)}
        for extra in (Status.PLANNED, Status.QUEUED, Status.HELD, Status.REJECTED):
            if self.count(extra):
                out[extra.value] = self.count(extra)
        out["behind"] = len(self.behind)
        out["not_checked"] = len(self.not_checked)
        out["bytes"] = self.bytes
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"images": [r.to_dict() for r in self.images], "summary": self.summary()}
        if self.rate_limit_remaining is not None:
            out["rate_limit_remaining"] = self.rate_limit_remaining
        if self.rules:
            out["rules"] = self.rules
        return out
