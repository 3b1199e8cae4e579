"""Plan, then fan out (moto SQS, real local registries): the planner queues exactly what needs work, workers copy
one image per message, duplicates copy once, poison reaches the dead-letter queue, quota defers come back."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest

from ecr_mirror.function.environment import ENV_FANOUT_ABOVE, ENV_WORK_QUEUE
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.lab.skopeo import SkopeoError
from tests.support.proxy import Action, InterposingProxy, Seen

from .conftest import Invoke
from .fanout_support import MAX_RECEIVES, Queues, make_queues, run_worker
from .helpers import ECR_HOST, SCHEDULED_EVENT, FakeContext, emf_metrics, log_records, mirrored, target_digest

SAMPLES = "alpine:3.20\nbusybox:1.36\npython:3.12-slim\n"


@pytest.fixture
def queues(aws: None, monkeypatch: pytest.MonkeyPatch) -> Queues:
    made = make_queues()
    monkeypatch.setenv(ENV_WORK_QUEUE, made.url)
    monkeypatch.setenv(ENV_FANOUT_ABOVE, "1")  # more than one image needing work goes to the queue
    return made


def _manifest_gets(registry: LocalRegistry) -> int:
    return registry.request_counts()[("GET", "manifest")]


def test_the_plan_queues_exactly_what_needs_work_workers_copy_it_and_a_warm_mirror_queues_nothing(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list(SAMPLES)
    invoke({"images": ["busybox:1.36"]})  # already mirrored: the plan must not queue it
    seeded_registry.registry.reset_counts()

    plan = invoke(SCHEDULED_EVENT)

    statuses = {i["source"].split("/")[-1]: i["status"] for i in plan["images"]}
    assert statuses == {"alpine:3.20": "queued", "busybox:1.36": "skipped", "python:3.12-slim": "queued"}
    assert plan["summary"]["queued"] == 2 and plan["summary"]["behind"] == 2
    assert _manifest_gets(seeded_registry.registry) == 0  # planning is HEAD requests only
    targets = sorted(b["target"] for b in queues.bodies())
    assert targets == sorted(f"{ECR_HOST}/{mirrored(n)}" for n in ("library/alpine:3.20", "library/python:3.12-slim"))

    ecr_registry.reset_counts()
    assert queues.drain() == 2
    copied = ("library/alpine:3.20", "library/python:3.12-slim")
    # No image copied twice: one manifest PUT per manifest of the two images, nothing for busybox.
    assert ecr_registry.request_counts()[("PUT", "manifest")] == sum(
        len(seeded_registry.images[n].manifests) for n in copied
    )
    for name in ("library/alpine:3.20", "library/python:3.12-slim", "library/busybox:1.36"):
        assert target_digest(ecr_registry, name) == seeded_registry.images[name].digest

    seeded_registry.registry.reset_counts()
    warm = invoke(SCHEDULED_EVENT)
    assert [i["status"] for i in warm["images"]] == ["skipped"] * 3
    assert queues.messages() == []
    assert _manifest_gets(seeded_registry.registry) == 0


def test_overlapping_plans_each_queue_the_image_and_it_is_copied_once(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Each plan's messages have deduplication ids of their own (a requeue must never be swallowed by SQS's
    # 5-minute deduplication window): overlapping plans queue an image twice, and the second copy is harmless.
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list(SAMPLES)
    invoke(SCHEDULED_EVENT)
    invoke(SCHEDULED_EVENT)  # the schedule and a parameter edit, before any worker ran
    found = _with_attributes(queues)
    assert len(found) == 6
    assert len({m["Attributes"]["MessageDeduplicationId"] for m in found}) == 6
    groups = {m["Attributes"]["MessageGroupId"] for m in found}
    assert groups == {json.loads(m["Body"])["target"] for m in found}  # never two copies of one image at once
    assert len(groups) == 3
    capsys.readouterr()
    seeded_registry.registry.reset_counts()
    assert queues.drain() == 6
    statuses = [r["image"]["status"] for r in log_records(capsys.readouterr().out) if "image" in r]
    assert sorted(statuses) == ["copied"] * 3 + ["skipped"] * 3  # the second copy: HEAD only
    assert ecr_registry.request_counts()[("PUT", "manifest")] >= 3


def _with_attributes(queues: Queues) -> list[dict[str, Any]]:
    sqs: Any = boto3.client("sqs")
    found = sqs.receive_message(
        QueueUrl=queues.url,
        MaxNumberOfMessages=10,
        VisibilityTimeout=0,
        AttributeNames=["MessageGroupId", "MessageDeduplicationId"],
    )
    return list(found.get("Messages", []))


def test_a_message_delivered_twice_copies_once_and_spends_no_pull_the_second_time(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
    capsys: pytest.CaptureFixture[str],
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("alpine:3.20\n")
    invoke({"fanout": True})
    (message,) = queues.messages()

    assert run_worker([message]) == {"batchItemFailures": []}
    seeded_registry.registry.reset_counts()
    ecr_registry.reset_counts()
    assert run_worker([message]) == {"batchItemFailures": []}  # at-least-once delivery: the same message again

    assert _manifest_gets(seeded_registry.registry) == 0
    assert ecr_registry.request_counts()[("PUT", "manifest")] == 0
    out = capsys.readouterr().out
    assert '"status":"copied"' in out and '"status":"skipped"' in out
    assert target_digest(ecr_registry, "library/alpine:3.20") == seeded_registry.images["library/alpine:3.20"].digest


def test_a_poison_message_reaches_the_dead_letter_queue_after_three_receives(
    aws: None, queues: Queues, function_env: Callable[[str, str], None]
) -> None:
    function_env("127.0.0.1:9", "127.0.0.1:9")  # never contacted: the message is refused before any copy
    boto3.client("sqs").send_message(
        QueueUrl=queues.url, MessageBody="{not json", MessageGroupId="g", MessageDeduplicationId="poison"
    )
    answers = []
    for _ in range(MAX_RECEIVES):
        message, answer = queues.deliver_one()
        assert message is not None
        answers.append(answer["batchItemFailures"] == [{"itemIdentifier": message["MessageId"]}])
    assert answers == [True] * MAX_RECEIVES
    assert queues.deliver_one() == (None, {})
    assert [m["Body"] for m in queues.messages(queues.dead_letters)] == ["{not json"]


def test_a_quota_deferred_message_is_dropped_not_failed_and_the_next_plan_queues_it_again(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
) -> None:
    quota = {"left": 100}

    def ratelimit(seen: Seen) -> Action | None:
        if "/manifests/" not in seen.path:
            return None
        return Action(headers={"ratelimit-limit": "100;w=21600", "ratelimit-remaining": f"{quota['left']};w=21600"})

    with InterposingProxy(seeded_registry.registry.host) as hub:
        hub.rules.append(ratelimit)
        function_env(hub.host, ecr_registry.host)
        put_list("alpine:3.20\n")
        first = invoke({"fanout": True})
        assert [i["status"] for i in first["images"]] == ["queued"]
        (queued,) = _with_attributes(queues)

        quota["left"] = 5  # spent elsewhere before the worker ran: within the reserve of 10
        message, answer = queues.deliver_one()
        assert message is not None and answer == {"batchItemFailures": []}  # dropped, never failed
        assert queues.messages() == [] and queues.messages(queues.dead_letters) == []
        with pytest.raises(SkopeoError, match="manifest unknown"):
            target_digest(ecr_registry, "library/alpine:3.20")  # nothing written

        deferred = invoke({"fanout": True})  # the plan sees the quota too: nothing queued, the image deferred
        assert [i["status"] for i in deferred["images"]] == ["deferred"]
        assert "Docker Hub quota" in (deferred["images"][0]["detail"] or "")
        assert queues.messages() == []

        quota["left"] = 100  # the quota refilled: the next plan queues it again, a worker copies it
        again = invoke({"fanout": True})
        assert [i["status"] for i in again["images"]] == ["queued"]
        # Within SQS's 5-minute deduplication interval, which goes on after the message was deleted
        # (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-key-terms.html): the
        # requeue carries a deduplication id of its own, or SQS would accept it and never deliver it.
        (requeued,) = _with_attributes(queues)
        ids = [m["Attributes"]["MessageDeduplicationId"] for m in (queued, requeued)]
        assert ids[0] != ids[1]
        assert queues.drain() == 1
    assert target_digest(ecr_registry, "library/alpine:3.20") == seeded_registry.images["library/alpine:3.20"].digest


def test_small_work_still_runs_inline_and_the_console_images_never_queue(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_FANOUT_ABOVE, "5")
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list(SAMPLES)
    inline = invoke(SCHEDULED_EVENT)
    assert [i["status"] for i in inline["images"]] == ["copied"] * 3
    assert queues.messages() == []
    monkeypatch.setenv(ENV_FANOUT_ABOVE, "0")
    console = invoke({"images": ["alpine:3.20", "busybox:1.36"]})
    assert [i["status"] for i in console["images"]] == ["skipped", "skipped"]
    assert queues.messages() == []


def test_an_inline_copy_after_the_plan_keeps_the_invocations_deadline(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def stall_blobs(seen: Seen) -> Action | None:
        if seen.method == "GET" and "/blobs/sha256:" in seen.path:
            return Action(stall_after=512, stall=120.0)  # only the deadline can end the copy in time
        return None

    monkeypatch.setenv(ENV_FANOUT_ABOVE, "5")
    monkeypatch.setenv("ECR_MIRROR_TIME_MARGIN_SECONDS", "0")
    with InterposingProxy(seeded_registry.registry.host) as hub:
        hub.rules.append(stall_blobs)
        function_env(hub.host, ecr_registry.host)
        put_list("busybox:1.36\n")
        # 900 s left when the run starts, 31 s by the time the plan is done: the copy gets 1 s, not 870 s.
        out = invoke(SCHEDULED_EVENT, FakeContext(remaining_ms=[900_000, 31_000]))

    (image,) = out["images"]
    assert image["status"] == "deferred", out
    assert "run deadline reached" in image["detail"]
    assert ecr_registry.request_counts()[("PUT", "manifest")] == 0


def test_a_worker_deferred_at_its_deadline_drops_the_message_says_so_and_counts_it(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def stall_blobs(seen: Seen) -> Action | None:
        if seen.method == "GET" and "/blobs/sha256:" in seen.path:
            return Action(stall_after=512, stall=120.0)
        return None

    monkeypatch.setenv("ECR_MIRROR_TIME_MARGIN_SECONDS", "0")
    with InterposingProxy(seeded_registry.registry.host) as hub:
        function_env(hub.host, ecr_registry.host)
        put_list("busybox:1.36\n")
        invoke({"fanout": True})
        (message,) = queues.messages()
        capsys.readouterr()
        hub.rules.append(stall_blobs)
        # 31 s left: the worker's deadline is 1 s away (30 s are kept to flush the report and metrics).
        answer = run_worker([message], FakeContext(remaining_ms=[31_000]))

    assert answer == {"batchItemFailures": []}  # dropped, not retried: the next plan queues it again
    out = capsys.readouterr().out
    assert emf_metrics(out)["ImagesDeferred"] == 1.0
    (logged,) = [r["image"] for r in log_records(out) if "image" in r]
    assert logged["status"] == "deferred"
    assert logged["detail"].endswith("; dropped from the work queue: the next plan queues it again")
    assert ecr_registry.request_counts()[("PUT", "manifest")] == 0
