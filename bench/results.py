"""What a benchmark run measured (samples) and what it concludes (checks against the targets)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ecr_mirror.lab.accesslog import RequestRecord

from .stats import Summary, summarize

COLD, WARM, LARGE, HUGE, RESUME = "cold", "warm", "large", "huge", "resume"
MB = 1_000_000
RSS_LIMIT_MB = 150.0


@dataclass
class Sample:
    scenario: str  # cold | warm | large | huge | resume
    tool: str  # ecr-mirror | skopeo-copy | skopeo-sync | curl
    rep: int
    seconds: float
    max_rss_kib: int
    processes: int
    source: dict[str, int]  # "GET manifest" -> count, at the source registry
    target: dict[str, int]  # the same at the target registry
    mounts: int = 0  # cross-repository mounts the target accepted (POST ...?mount= answered 201)
    uploads: int = 0  # blobs whose upload the target committed (PUT upload answered 201)
    problems: list[str] = field(default_factory=list)  # digest checks that failed at the target
    cpu_seconds: float = 0.0  # user + system time of the contender's own processes (not the registries')
    # --wan only (from the proxies' counters): bytes the source sent, connections opened at source + target
    source_bytes: int = 0
    connections: int = 0
    source_peak_connections: int = 0  # most connections open at once at the source

    @property
    def rss_mb(self) -> float:
        return self.max_rss_kib * 1024 / MB

    @property
    def source_total(self) -> int:
        return sum(self.source.values())

    @property
    def upload_requests(self) -> int:
        """Requests spent on uploads, not counting mounts the target accepted."""
        spent = sum(n for key, n in self.target.items() if key.endswith(" upload"))
        return spent - self.mounts


def counts(records: Sequence[RequestRecord]) -> dict[str, int]:
    return dict(sorted(Counter(f"{r.method} {r.kind}" for r in records).items()))


def mounts_and_uploads(records: Sequence[RequestRecord]) -> tuple[int, int]:
    mounts = sum(
        1 for r in records if r.method == "POST" and r.kind == "upload" and "mount=" in r.uri and r.status == 201
    )
    uploads = sum(1 for r in records if r.method == "PUT" and r.kind == "upload" and r.status == 201)
    return mounts, uploads


@dataclass
class Check:
    name: str
    target: str
    measured: str
    ok: bool
    note: str = ""


@dataclass
class Results:
    meta: dict[str, Any]
    samples: list[Sample] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    def of(self, scenario: str, tool: str) -> list[Sample]:
        return [s for s in self.samples if s.scenario == scenario and s.tool == tool]

    def cpu(self, scenario: str, tool: str) -> Summary | None:
        samples = self.of(scenario, tool)
        return summarize([s.cpu_seconds for s in samples]) if samples else None

    def time(self, scenario: str, tool: str) -> Summary | None:
        samples = self.of(scenario, tool)
        return summarize([s.seconds for s in samples]) if samples else None

    def ratio(self, scenario: str, tool: str, other: str, other_scenario: str | None = None) -> float | None:
        mine, theirs = self.time(scenario, tool), self.time(other_scenario or scenario, other)
        if mine is None or theirs is None or theirs.median == 0:
            return None
        return mine.median / theirs.median

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Results:
        """Back from `to_dict` (a saved results JSON), to render it again."""
        return cls(doc["meta"], [Sample(**s) for s in doc["samples"]], [Check(**c) for c in doc["checks"]])

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta,
            "samples": [asdict(s) for s in self.samples],
            "checks": [asdict(c) for c in self.checks],
        }


def _fmt_ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def evaluate(results: Results, images: int, distinct_blobs: int) -> list[Check]:
    """The issue's targets, each from this run's samples."""
    checks: list[Check] = []
    r = results.ratio(COLD, "ecr-mirror", "skopeo-copy")
    checks.append(Check("cold corpus sync vs skopeo copy loop", "<= 0.8x", _fmt_ratio(r), r is not None and r <= 0.8))
    r = results.ratio(COLD, "ecr-mirror", "skopeo-sync")
    checks.append(Check("cold corpus sync vs skopeo sync", "<= 1.0x", _fmt_ratio(r), r is not None and r <= 1.0))
    r = results.ratio(LARGE, "ecr-mirror", "curl")
    checks.append(
        Check(
            "large-layer image (ecr-mirror copy) vs raw curl pipe", "<= 1.2x", _fmt_ratio(r), r is not None and r <= 1.2
        )
    )

    warm = results.of(WARM, "ecr-mirror")
    gets = max((s.source.get("GET manifest", 0) for s in warm), default=-1)
    checks.append(Check("warm: source manifest GETs", "0", str(gets), gets == 0))
    per_image = max((s.source_total / images for s in warm), default=-1.0)
    checks.append(Check("warm: source requests per image", "<= 2", f"{per_image:.2f}", 0 <= per_image <= 2))
    ratios = [results.ratio(WARM, "ecr-mirror", t) for t in ("skopeo-copy", "skopeo-sync")]
    known = [x for x in ratios if x is not None]
    worst = max(known) if known else None
    checks.append(
        Check(
            "warm sync vs skopeo (the faster of the two)",
            "<= 0.3x",
            " / ".join(_fmt_ratio(x) for x in ratios),
            worst is not None and worst <= 0.3,
            "vs copy loop / vs sync",
        )
    )

    cold = results.of(COLD, "ecr-mirror")
    rss = max((s.rss_mb for s in cold), default=0.0)
    checks.append(
        Check("peak RSS, cold corpus sync", f"<= {RSS_LIMIT_MB:.0f} MB", f"{rss:.0f} MB", 0 < rss <= RSS_LIMIT_MB)
    )
    for scenario, name in ((LARGE, "peak RSS, large-layer image"), (HUGE, "peak RSS, huge-layer image (4 GiB)")):
        samples = results.of(scenario, "ecr-mirror")
        if samples:
            rss = max(s.rss_mb for s in samples)
            checks.append(Check(name, f"<= {RSS_LIMIT_MB:.0f} MB", f"{rss:.0f} MB", rss <= RSS_LIMIT_MB))

    fetched = [s.source.get("GET blob", 0) for s in cold]
    checks.append(
        Check(
            "cold: blob GETs at the source per distinct blob",
            "1",
            ", ".join(f"{n}/{distinct_blobs}" for n in fetched),
            bool(fetched) and all(n == distinct_blobs for n in fetched),
        )
    )
    per_blob = [s.upload_requests / s.uploads for s in cold if s.uploads]
    patches = sum(s.target.get("PATCH upload", 0) for s in cold)
    checks.append(
        Check(
            "cold: target requests per uploaded blob (POST + PUT)",
            "2",
            ", ".join(f"{x:.2f}" for x in per_blob) or "n/a",
            bool(per_blob) and all(x == 2.0 for x in per_blob) and patches == 0,
        )
    )
    bad = [f"{s.tool} rep {s.rep}" for s in results.samples if s.problems]
    checks.append(
        Check("every tool's copies carry the source digests", "all", "all" if not bad else ", ".join(bad), not bad)
    )
    return checks
