"""The fan-out planner at its limits: the quota budget at exactly reserve + pulls per image, SQS refusing work
(the whole call, or single entries of a batch), message group ids over 128 characters, and the manual event's
upper limits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.stub import ANY, Stubber

from ecr_mirror.function.environment import (
    ENV_FANOUT_ABOVE,
    ENV_PULLS_PER_IMAGE,
    ENV_RATE_LIMIT_RESERVE,
    ENV_WORK_QUEUE,
)
from ecr_mirror.function.events import EventError, parse_event
from ecr_mirror.function.work_queue import WorkItem, send_work
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from tests.support.proxy import Action, InterposingProxy, Seen

from .conftest import Invoke
from .fanout_support import Queues, make_queues
from .helpers import ECR_HOST, REGION, mirrored, target_digest

THREE = "alpine:3.20\nbusybox:1.36\npython:3.12-slim\n"


@pytest.fixture
def queues(aws: None, monkeypatch: pytest.MonkeyPatch) -> Queues:
    made = make_queues()
    monkeypatch.setenv(ENV_WORK_QUEUE, made.url)
    monkeypatch.setenv(ENV_FANOUT_ABOVE, "1")
    return made


def test_the_plan_queues_what_fits_above_the_reserve_at_exactly_reserve_plus_pulls_per_image(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(ENV_RATE_LIMIT_RESERVE, "7")
    monkeypatch.setenv(ENV_PULLS_PER_IMAGE, "3")
    quota = {"left": 0}

    def ratelimit(seen: Seen) -> Action | None:
        if "/manifests/" not in seen.path:
            return None
        return Action(headers={"ratelimit-limit": "100;w=21600", "ratelimit-remaining": f"{quota['left']};w=21600"})

    queued_for: dict[int, list[str]] = {}
    with InterposingProxy(seeded_registry.registry.host) as hub:
        hub.rules.append(ratelimit)
        function_env(hub.host, ecr_registry.host)
        put_list(THREE)
        # 7 kept back, 3 pulls per image: 16 left pays for three images, 15 for two, 10 for one, 9 for none.
        for left in (16, 15, 10, 9):
            quota["left"] = left
            out = invoke({"fanout": True})
            queued_for[left] = [i["status"] for i in out["images"]]
            deferred = [i for i in out["images"] if i["status"] == "deferred"]
            assert all("7 kept in reserve, 3 budgeted per image" in i["detail"] for i in deferred), deferred

    assert queued_for == {
        16: ["queued", "queued", "queued"],
        15: ["queued", "queued", "deferred"],
        10: ["queued", "deferred", "deferred"],
        9: ["deferred", "deferred", "deferred"],
    }


def test_a_queue_that_refuses_the_call_fails_each_image_naming_the_error(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
) -> None:
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list(THREE)
    sqs: Any = boto3.client("sqs")
    sqs.delete_queue(QueueUrl=queues.url)  # SendMessageBatch now answers an error for the whole call

    out = invoke({"fanout": True})

    assert [i["status"] for i in out["images"]] == ["failed"] * 3
    assert all(i["error"].startswith("cannot queue: ") for i in out["images"]), out["images"]
    assert all("NonExistentQueue" in i["error"] or "QueueDoesNotExist" in i["error"] for i in out["images"])
    assert out["summary"]["failed"] == 3


def test_entries_a_batch_refuses_are_reported_by_target_and_the_others_count_as_sent() -> None:
    # SendMessageBatch answers per entry: `Successful` and `Failed` (BatchResultErrorEntry: Id, SenderFault, Code,
    # Message); https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_BatchResultErrorEntry.html
    # moto never fails a single entry we send, so botocore's Stubber answers (it checks the request against the
    # API's model).
    sqs: Any = boto3.client("sqs", region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")
    items = [WorkItem(f"docker.io/library/app{n}:1", f"{ECR_HOST}/mirror/app{n}:1") for n in range(12)]
    url = f"https://sqs.{REGION}.amazonaws.com/123456789012/work.fifo"
    with Stubber(sqs) as stub:
        stub.add_response(
            "send_message_batch",
            {
                "Successful": [
                    {"Id": str(n), "MessageId": f"m{n}", "MD5OfMessageBody": "0" * 32} for n in range(10) if n != 3
                ],
                "Failed": [{"Id": "3", "SenderFault": False, "Code": "InternalError", "Message": "try again"}],
            },
            {"QueueUrl": url, "Entries": ANY},
        )
        stub.add_response(
            "send_message_batch",
            {
                "Successful": [{"Id": "0", "MessageId": "m10", "MD5OfMessageBody": "0" * 32}],
                "Failed": [{"Id": "1", "SenderFault": True, "Code": "InvalidParameterValue"}],
            },
            {"QueueUrl": url, "Entries": ANY},
        )
        sent, errors = send_work(sqs, url, items)
        stub.assert_no_pending_responses()

    assert sent == 10
    assert errors == {
        items[3].target: "cannot queue: InternalError: try again",
        items[11].target: "cannot queue: InvalidParameterValue: ",
    }


def test_a_target_longer_than_128_characters_gets_a_bounded_group_id_and_is_copied(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
    queues: Queues,
) -> None:
    # SendMessage: MessageGroupId and MessageDeduplicationId are at most 128 characters
    # (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html).
    names = ["team/" + "a" * 90 + "/tool", "team/" + "a" * 90 + "/tools"]
    pushed = {n: push_image(seeded_registry.registry, n, oci_image(seed=n), tags=["1.0"]) for n in names}
    function_env(seeded_registry.registry.host, ecr_registry.host)
    put_list("".join(f"{n}:1.0\n" for n in names))

    out = invoke({"fanout": True})

    assert [i["status"] for i in out["images"]] == ["queued", "queued"], out
    sqs: Any = boto3.client("sqs")
    found = sqs.receive_message(
        QueueUrl=queues.url, MaxNumberOfMessages=10, VisibilityTimeout=0, AttributeNames=["All"]
    )["Messages"]
    groups = [m["Attributes"]["MessageGroupId"] for m in found]
    dedup = [m["Attributes"]["MessageDeduplicationId"] for m in found]
    targets = [f"{ECR_HOST}/{mirrored(n)}:1.0" for n in names]
    assert all(len(t) > 128 for t in targets)
    assert all(len(g) <= 128 for g in groups + dedup), groups + dedup
    assert len(set(groups)) == 2, "two targets share a message group"
    assert queues.drain() == 2
    for name in names:
        assert target_digest(ecr_registry, f"{name}:1.0") == pushed[name].digest


@pytest.mark.parametrize(
    ("event", "pattern"),
    [
        ({"images": ["alpine:3.20"] * 1001}, r"event key 'images' holds 1001 references; the limit is 1000"),
        ({"concurrency": 17}, r"event key 'concurrency' must be a whole number from 1 to 16, got 17"),
        ({"concurrency": 2.5}, r"event key 'concurrency' must be a whole number from 1 to 16, got 2.5"),
        ({"fanout": True, "images": ["alpine:3.20"]}, r"'fanout' applies to the image list parameter"),
        ({"fanout": "yes"}, r"event key 'fanout' must be true or false, not a string"),
    ],
    ids=["1001-images", "concurrency-17", "concurrency-fraction", "fanout-with-images", "fanout-not-bool"],
)
def test_the_manual_event_over_its_limits_fails_naming_the_key(
    aws: None, invoke: Invoke, event: Any, pattern: str
) -> None:
    with pytest.raises(EventError, match=pattern):
        invoke(event)


def test_the_manual_event_at_its_limits_is_accepted() -> None:
    request = parse_event({"images": ["alpine:3.20"] * 1000, "concurrency": 16})
    assert request.images is not None and len(request.images) == 1000
    assert request.concurrency == 16
    assert parse_event({"concurrency": 1}).concurrency == 1
    assert parse_event({"fanout": True}).fanout is True
