"""The work queue's messages without a queue: what a work item's body holds and reads back, the refusal of a
message that is no work item (naming what is wrong), the SQS ids, the quota split and the batches sent."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ecr_mirror.function.work_queue import BadWorkItem, WorkItem, send_work, within_quota
from ecr_mirror.trust.policy import parse_policy

from .helpers import ECR_HOST

KEY = "awskms:///alias/release"
SOURCE = "docker.io/library/alpine:3.20"
TARGET = f"{ECR_HOST}/mirror/library/alpine:3.20"
DIGEST = "sha256:" + "a" * 64


def item(n: int = 0, *, source: str | None = None, **kwargs: Any) -> WorkItem:
    return WorkItem(source or f"docker.io/library/app{n}:1", f"{ECR_HOST}/mirror/app{n}:1", **kwargs)


def test_the_body_holds_every_field_and_reads_back_the_same_item() -> None:
    policy = parse_policy("team", {"key": KEY, "minAge": "1h"}, "policies.team")
    full = WorkItem(SOURCE, TARGET, ("linux/amd64", "linux/arm64"), True, DIGEST, "plan-1", (policy,))
    assert json.loads(full.body()) == {
        "source": SOURCE,
        "target": TARGET,
        "platforms": ["linux/amd64", "linux/arm64"],
        "referrers": True,
        "upstream_digest": DIGEST,
        "plan": "plan-1",
        "policies": {"team": {"key": KEY}},  # the signature part only: the planner judged the age
    }
    assert " " not in full.body()  # compact: SQS counts the bytes
    back = WorkItem.from_body(full.body())
    signature_only = parse_policy("team", {"key": KEY}, "w")
    assert back == WorkItem(SOURCE, TARGET, ("linux/amd64", "linux/arm64"), True, DIGEST, "plan-1", (signature_only,))
    plain = WorkItem(SOURCE, TARGET)
    assert json.loads(plain.body()) == {
        "source": SOURCE,
        "target": TARGET,
        "platforms": [],
        "referrers": False,
        "upstream_digest": None,
        "plan": "",
    }
    assert WorkItem.from_body(plain.body()) == plain


def test_optional_fields_of_another_type_read_as_their_defaults() -> None:
    odd = {"source": SOURCE, "target": TARGET, "referrers": "yes", "upstream_digest": 7, "plan": ["p"]}
    assert WorkItem.from_body(json.dumps(odd)) == WorkItem(SOURCE, TARGET)
    minimal = {"source": SOURCE, "target": TARGET, "policies": []}  # empty: no policy, as when left out
    assert WorkItem.from_body(json.dumps(minimal)) == WorkItem(SOURCE, TARGET)
    assert WorkItem.from_body(json.dumps({**minimal, "referrers": True})).referrers is True


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("not json", "work item is not JSON: 'not json'"),
        ("x" * 100, f"work item is not JSON: {'x' * 80!r}"),
        ("[]", "work item lacks a source and a target: '[]'"),
        (f"[{'1,' * 60}1]", f"work item lacks a source and a target: {('[' + '1,' * 60)[:80]!r}"),
        (
            '{"source": "alpine", "target": "x", "platforms": "' + "p" * 80 + '"}',
            "work item platforms must be a list of strings: "
            + repr(('{"source": "alpine", "target": "x", "platforms": "' + "p" * 80)[:80]),
        ),
        ('{"source": "alpine"}', """work item lacks a source and a target: '{"source": "alpine"}'"""),
        ('{"target": "alpine"}', """work item lacks a source and a target: '{"target": "alpine"}'"""),
        (
            '{"source": "alpine", "target": 7}',
            """work item lacks a source and a target: '{"source": "alpine", "target": 7}'""",
        ),
        (
            '{"source": "alpine", "target": "x", "platforms": "linux/amd64"}',
            "work item platforms must be a list of strings: "
            """'{"source": "alpine", "target": "x", "platforms": "linux/amd64"}'""",
        ),
        (
            '{"source": "alpine", "target": "x", "platforms": [1]}',
            "work item platforms must be a list of strings: "
            """'{"source": "alpine", "target": "x", "platforms": [1]}'""",
        ),
        ('{"source": "alpine", "target": "x", "policies": {"p": {"color": 1}}}', None),
    ],
)
def test_a_message_that_is_no_work_item_is_refused_naming_what_is_wrong(body: str, message: str | None) -> None:
    with pytest.raises(BadWorkItem) as caught:
        WorkItem.from_body(body)
    if message is not None:
        assert str(caught.value) == message
    else:
        assert str(caught.value).startswith("work item policies: ")
    assert isinstance(caught.value, ValueError)


def test_bad_references_and_policies_are_named() -> None:
    with pytest.raises(BadWorkItem, match=r"^work item source: ") as source:
        WorkItem.from_body(json.dumps({"source": "Not A Reference", "target": TARGET}))
    assert "Not A Reference" in str(source.value)
    with pytest.raises(BadWorkItem, match=r"^work item target: "):
        WorkItem.from_body(json.dumps({"source": SOURCE, "target": "a/B:1"}))
    with pytest.raises(BadWorkItem) as not_mapping:
        WorkItem.from_body(json.dumps({"source": SOURCE, "target": TARGET, "policies": ["team"]}))
    assert str(not_mapping.value) == "work item policies: not a mapping"
    with pytest.raises(BadWorkItem) as bad:
        WorkItem.from_body(json.dumps({"source": SOURCE, "target": TARGET, "policies": {"team": {"colour": 1}}}))
    assert str(bad.value).startswith("work item policies: policies.team: unknown field 'colour'")


def test_group_and_deduplication_ids() -> None:
    one = WorkItem(SOURCE, TARGET, upstream_digest=DIGEST, plan="plan-1")
    assert one.group_id == TARGET  # short and in SQS's alphabet: the target itself
    expected = hashlib.sha256(f"{TARGET}@{DIGEST}#plan-1".encode()).hexdigest()
    assert one.deduplication_id == expected
    assert WorkItem(SOURCE, TARGET, plan="p").deduplication_id == hashlib.sha256(f"{TARGET}@#p".encode()).hexdigest()
    # Exactly 128 characters stay as they are; 129 or a character outside SQS's alphabet become a hash.
    at_limit = "a" * (128 - len(ECR_HOST) - 3) + ":1"
    t128 = f"{ECR_HOST}/{at_limit}"
    assert len(t128) == 128
    assert WorkItem(SOURCE, t128).group_id == t128
    t129 = f"{ECR_HOST}/a{at_limit}"
    assert WorkItem(SOURCE, t129).group_id == "sha256-" + hashlib.sha256(t129.encode()).hexdigest()
    odd = f"{ECR_HOST}/mirror/app:1\u00e9"
    assert WorkItem(SOURCE, odd).group_id == "sha256-" + hashlib.sha256(odd.encode()).hexdigest()
    punctuation = f"{ECR_HOST}/a!\"#$%&'()*+,-./:;<=>?@[\\]^_`{{|}}~z"
    assert WorkItem(SOURCE, punctuation).group_id == punctuation


def test_docker_hub_is_told_by_the_source_registry() -> None:
    assert WorkItem("alpine:3.20", TARGET).from_docker_hub
    assert WorkItem("docker.io/library/alpine:3.20", TARGET).from_docker_hub
    assert WorkItem("index.docker.io/library/alpine:3.20", TARGET).from_docker_hub
    assert not WorkItem("ghcr.io/org/app:1", TARGET).from_docker_hub


def test_the_quota_queues_in_list_order_what_fits_above_the_reserve_and_never_holds_back_other_registries() -> None:
    hub = [item(n) for n in range(4)]
    ghcr = item(9, source="ghcr.io/org/app:1")
    mixed = [hub[0], ghcr, hub[1], hub[2], hub[3]]
    # 20 left, 5 kept back: 15 pays for three images of 5 pulls (exactly), a fourth is deferred.
    choice = within_quota(mixed, 20, 5, 5)
    assert (choice.queued, choice.deferred) == ([hub[0], ghcr, hub[1], hub[2]], [hub[3]])
    choice = within_quota(mixed, 19, 5, 5)
    assert (choice.queued, choice.deferred) == ([hub[0], ghcr, hub[1]], [hub[2], hub[3]])
    # No quota announced: everything is queued; nothing left: only other registries' images.
    choice = within_quota(mixed, None, 5, 5)
    assert (choice.queued, choice.deferred) == (mixed, [])
    choice = within_quota(mixed, 5, 5, 1)
    assert (choice.queued, choice.deferred) == ([ghcr], hub)
    choice = within_quota(mixed, 0, 0, 1)
    assert (choice.queued, choice.deferred) == ([ghcr], hub)
    choice = within_quota(mixed, 2, 0, 1)
    assert (choice.queued, choice.deferred) == ([hub[0], ghcr, hub[1]], [hub[2], hub[3]])


class FakeSqs:
    """Records each SendMessageBatch call; answers all entries accepted unless told otherwise per call."""

    def __init__(self, answers: list[Any] | None = None) -> None:
        self.calls: list[dict[str, Any]] = []
        self.answers = answers or []

    def send_message_batch(self, **request: Any) -> dict[str, Any]:
        self.calls.append(request)
        answer = self.answers.pop(0) if self.answers else None
        if isinstance(answer, Exception):
            raise answer
        if answer is not None:
            return dict(answer)
        return {"Successful": [{"Id": e["Id"]} for e in request["Entries"]]}


def test_items_go_in_batches_of_ten_with_their_bodies_and_ids() -> None:
    items = [item(n, upstream_digest=DIGEST, plan="p") for n in range(23)]
    sqs = FakeSqs()
    assert send_work(sqs, "https://queue", items) == (23, {})
    assert [len(c["Entries"]) for c in sqs.calls] == [10, 10, 3]
    assert all(c["QueueUrl"] == "https://queue" for c in sqs.calls)
    sent = [e for c in sqs.calls for e in c["Entries"]]
    assert [e["Id"] for e in sqs.calls[2]["Entries"]] == ["0", "1", "2"]
    assert [e["MessageBody"] for e in sent] == [i.body() for i in items]
    assert [e["MessageGroupId"] for e in sent] == [i.group_id for i in items]
    assert [e["MessageDeduplicationId"] for e in sent] == [i.deduplication_id for i in items]
    assert set(sent[0]) == {"Id", "MessageBody", "MessageGroupId", "MessageDeduplicationId"}
    assert send_work(FakeSqs(), "https://queue", []) == (0, {})
    exactly = FakeSqs()
    assert send_work(exactly, "https://queue", items[:10]) == (10, {})
    assert len(exactly.calls) == 1


def test_a_refused_call_fails_its_batch_only_and_a_refused_entry_its_item_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    items = [item(n) for n in range(12)]
    refused = ClientError({"Error": {"Code": "ThrottlingException", "Message": "slow down"}}, "SendMessageBatch")
    sqs = FakeSqs([refused, {"Successful": [], "Failed": [{"Id": "1", "Code": "InternalError"}]}])
    sent, errors = send_work(sqs, "https://queue", items)
    assert sent == 0
    assert set(errors) == {i.target for i in items[:10]} | {items[11].target}
    assert errors[items[0].target].startswith("cannot queue: ThrottlingException")
    assert "slow down" in errors[items[0].target]
    assert errors[items[11].target] == "cannot queue: InternalError: "
    assert len(sqs.calls) == 2  # the second batch was still sent
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", f"{target}: {error}") for target, error in errors.items()
    ]
    # An answer without Successful or Failed lists counts nothing sent and nothing failed.
    assert send_work(FakeSqs([{}]), "https://queue", items[:2]) == (0, {})
