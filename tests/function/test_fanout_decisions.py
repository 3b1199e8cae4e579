"""The planner's decisions (function/fanout.py) with the engine's plan and copy replaced by recorders: what is
copied inline and what is queued (the threshold, `force`), the options each step gets (plan concurrency, the
copy's deadline counted from its own start), the report's order and quota, and each queued, deferred or failed
image's status and words. The whole path against registries: test_fanout.py and test_fanout_limits.py."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.function import fanout
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.work_queue import WorkItem
from ecr_mirror.mirror.report import ImageResult, Report, Status
from ecr_mirror.mirror.run import Job, MirrorOptions, Planned
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import parse_reference
from ecr_mirror.trust.policy import parse_policy

from .helpers import ECR_HOST, log_records

DIGEST = "sha256:" + "d" * 64
QUEUE = "https://sqs.example/work.fifo"


def planned(name: str, status: Status = Status.PLANNED, *, source: str | None = None, **job: Any) -> Planned:
    src = source or f"docker.io/library/{name}:1"
    target = f"{ECR_HOST}/mirror/{name}:1"
    result = ImageResult(src, target, status, upstream_digest=DIGEST)
    return Planned(Job(parse_reference(src), parse_reference(target), **job), result)


@dataclass
class Engine:
    """The plan answers `plan` (report of all, remaining quota); the copy answers one result per job."""

    plan: list[Planned]
    remaining: int | None = None
    copy_remaining: int | None = None
    plan_options: list[MirrorOptions] = field(default_factory=list)
    plan_args: list[tuple[ImageList, str, CredentialStore]] = field(default_factory=list)
    copy_stores: list[CredentialStore] = field(default_factory=list)
    copies: list[tuple[list[Job], MirrorOptions]] = field(default_factory=list)
    clock: dict[str, float] = field(default_factory=dict)  # the plan takes `plan_takes` seconds of `left`

    async def plan_list(self, images: ImageList, to: str, store: CredentialStore, options: MirrorOptions) -> Any:
        self.plan_options.append(options)
        self.plan_args.append((images, to, store))
        if self.clock:
            self.clock["left"] -= self.clock["plan_takes"]
        report = Report([p.result for p in self.plan], rate_limit_remaining=self.remaining)
        report.images.insert(0, ImageResult("bad line", "", Status.FAILED, error="refused before the check"))
        return report, list(self.plan)

    async def mirror(self, jobs: Sequence[Job], store: CredentialStore, options: MirrorOptions) -> Report:
        self.copies.append((list(jobs), options))
        self.copy_stores.append(store)
        results = [ImageResult(str(j.source), str(j.target), Status.COPIED, digest=DIGEST) for j in jobs]
        return Report(results, rate_limit_remaining=self.copy_remaining)


class Sqs:
    def __init__(self, refuse: set[int] | None = None) -> None:
        self.sent: list[dict[str, str]] = []
        self.refuse = refuse or set()

    def send_message_batch(self, QueueUrl: str, Entries: list[dict[str, str]]) -> dict[str, Any]:
        assert QueueUrl == QUEUE
        ok, failed = [], []
        for entry in Entries:
            n = len(self.sent)
            self.sent.append(entry)
            if n in self.refuse:
                failed.append({"Id": entry["Id"], "Code": "InternalError", "Message": "try again"})
            else:
                ok.append({"Id": entry["Id"]})
        return {"Successful": ok, "Failed": failed}


def run(
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    *,
    force: bool = False,
    above: int = 2,
    sqs: Sqs | None = None,
    options: MirrorOptions | None = None,
    **settings: Any,
) -> tuple[Report, Sqs]:
    monkeypatch.setattr(fanout, "plan_list", engine.plan_list)
    monkeypatch.setattr(fanout, "mirror", engine.mirror)
    queue = sqs or Sqs()
    configured = FunctionSettings(work_queue_url=QUEUE, fanout_above_images=above, plan_concurrency=7, **settings)
    images, store = ImageList(), CredentialStore()
    given = options or MirrorOptions()
    report = fanout.plan_and_run(images, "target", store, given, configured, queue, force=force, plan_id="p1")
    assert engine.plan_args[-1][0] is images and engine.plan_args[-1][1:] == ("target", store)
    assert all(copy_store is store for copy_store in engine.copy_stores)
    return report, queue


def test_the_plan_runs_with_the_plan_concurrency_and_nothing_needing_work_ends_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine([planned("a", Status.SKIPPED)], remaining=50)
    report, sqs = run(engine, monkeypatch, force=True)
    assert engine.plan_options[0].check_concurrency == 7
    assert engine.copies == [] and sqs.sent == []
    assert [r.status for r in report.images] == [Status.FAILED, Status.SKIPPED]
    assert report.rate_limit_remaining == 50


def test_work_up_to_the_threshold_is_copied_inline_in_the_lists_order_with_a_fresh_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine([planned("a"), planned("b", Status.SKIPPED), planned("c")], remaining=40, copy_remaining=30)
    engine.clock.update(left=500.0, plan_takes=300.0)
    options = MirrorOptions(time_left=lambda: engine.clock["left"], deadline=470.0)
    report, sqs = run(engine, monkeypatch, above=2, options=options)
    assert sqs.sent == []
    assert len(engine.copy_stores) == 1
    ((jobs, copy_options),) = engine.copies
    assert [str(j.source) for j in jobs] == ["docker.io/library/a:1", "docker.io/library/c:1"]
    assert copy_options.deadline == 200.0 - 30.0  # from the copy's start, less the flush margin
    assert [(r.source, r.status) for r in report.images] == [
        ("bad line", Status.FAILED),
        ("docker.io/library/a:1", Status.COPIED),
        ("docker.io/library/b:1", Status.SKIPPED),
        ("docker.io/library/c:1", Status.COPIED),
    ]
    assert report.rate_limit_remaining == 30  # the lowest seen, plan or copy


def test_the_inline_copy_keeps_the_lowest_quota_and_a_deadline_never_below_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine([planned("a")], remaining=20, copy_remaining=25)
    report, _ = run(engine, monkeypatch, options=MirrorOptions(time_left=lambda: 10.0, deadline=5.0))
    assert report.rate_limit_remaining == 20
    assert engine.copies[0][1].deadline == 0.0
    engine = Engine([planned("a")], remaining=None, copy_remaining=25)
    assert run(engine, monkeypatch)[0].rate_limit_remaining == 25
    engine = Engine([planned("a")], remaining=None, copy_remaining=None)
    assert run(engine, monkeypatch)[0].rate_limit_remaining is None
    # Without a clock, the deadline given is kept.
    engine = Engine([planned("a")])
    run(engine, monkeypatch, options=MirrorOptions(deadline=123.0))
    assert engine.copies[0][1].deadline == 123.0


def test_more_work_than_the_threshold_or_a_forced_fanout_goes_to_the_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    three = [planned("a"), planned("b"), planned("c")]
    report, sqs = run(Engine(three), monkeypatch, above=2)
    assert [r.status for r in report.images[1:]] == [Status.QUEUED] * 3
    assert all(r.detail == "sent to the work queue" for r in report.images[1:])
    assert len(sqs.sent) == 3
    engine = Engine([planned("a")])
    report, sqs = run(engine, monkeypatch, above=2, force=True)
    assert engine.copies == [] and len(sqs.sent) == 1
    assert report.images[1].status is Status.QUEUED
    engine = Engine([planned("a"), planned("b")])
    run(engine, monkeypatch, above=2)
    assert len(engine.copies) == 1  # exactly the threshold: inline


def test_a_queued_item_carries_the_job_the_upstream_digest_the_plan_and_only_signed_policies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signed = parse_policy("team", {"key": "awskms:///alias/k"}, "p")
    cooling = parse_policy("cooling", {"minAge": "1h"}, "p")
    job = planned("a", platforms=("linux/amd64",), referrers=True, policies=(signed, cooling))
    _, sqs = run(Engine([job]), monkeypatch, force=True)
    (entry,) = sqs.sent
    item = WorkItem.from_body(entry["MessageBody"])
    assert item == WorkItem(
        "docker.io/library/a:1",
        f"{ECR_HOST}/mirror/a:1",
        ("linux/amd64",),
        True,
        DIGEST,
        "p1",
        (parse_policy("team", {"key": "awskms:///alias/k"}, "w"),),
    )
    assert json.loads(entry["MessageBody"])["plan"] == "p1"


def test_images_over_the_quota_are_deferred_saying_why_and_refused_sends_fail_naming_the_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ghcr = planned("g", source="ghcr.io/org/g:1")
    engine = Engine([planned("a"), ghcr, planned("b"), planned("c")], remaining=15)
    report, sqs = run(engine, monkeypatch, force=True, sqs=Sqs(refuse={1}), rate_limit_reserve=5, pulls_per_image=4)
    statuses = [(r.source, r.status) for r in report.images[1:]]
    assert statuses == [
        ("docker.io/library/a:1", Status.QUEUED),
        ("ghcr.io/org/g:1", Status.FAILED),  # never held back by Docker Hub's quota; its send was refused
        ("docker.io/library/b:1", Status.QUEUED),
        ("docker.io/library/c:1", Status.DEFERRED),
    ]
    assert report.images[2].error == "cannot queue: InternalError: try again"
    assert report.images[4].detail == (
        "Docker Hub quota: 15 pulls left, 5 kept in reserve, 4 budgeted per image; the next plan queues it"
    )
    assert report.images[4].error is None
    assert len(sqs.sent) == 3
    logged = {r["message"]: r for r in log_records(capsys.readouterr().out)}
    assert (logged["planned"]["checked"], logged["planned"]["needing_work"], logged["planned"]["forced"]) == (
        4,
        4,
        True,
    )
    assert (logged["queued"]["queued"], logged["queued"]["deferred"], logged["queued"]["not_queued"]) == (2, 1, 1)
