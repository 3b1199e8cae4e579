"""The work queue of a fanned-out run: one SQS FIFO message per image that needs work (pure but for `send_work`).

Message group = the target reference, so one image is never copied by two workers at once. Deduplication id =
target, upstream digest and the plan (the planner's request id): a send the SDK retries within one plan is
delivered once, and every plan's send is a new attempt. SQS keeps tracking a deduplication id for 5 minutes, even
after the message was received and deleted
(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-key-terms.html): with an id of
target and digest alone, an image a worker dropped as deferred and a plan queued again within those 5 minutes was
accepted by SQS, reported `queued`, and never delivered. Overlapping plans now queue an image twice; the second
copy is harmless (its worker re-checks with HEAD and reports `skipped`, spending no pull), and the message group
keeps the two from running at once. Both ids are at most 128 characters
(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html): a longer target is
replaced by its hash.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.errors import MirrorError
from ecr_mirror.oci.reference import DOCKER_HUB, parse_reference
from ecr_mirror.trust.policy import Policy, parse_policy, signature_fields

log = logging.getLogger(__name__)

BATCH = 10  # SendMessageBatch's limit
MAX_ID = 128
_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


class BadWorkItem(MirrorError, ValueError):
    """A queue message that is not a work item (a poison message): it goes to the dead-letter queue."""


@dataclass(frozen=True)
class WorkItem:
    source: str
    target: str
    platforms: tuple[str, ...] = ()
    referrers: bool = False
    upstream_digest: str | None = None
    plan: str = ""  # the planner's request id: which plan queued it
    # The signature parts of the entry's policies (the planner judged the age): the worker verifies them again.
    policies: tuple[Policy, ...] = ()

    def body(self) -> str:
        return json.dumps(
            {
                "source": self.source,
                "target": self.target,
                "platforms": list(self.platforms),
                "referrers": self.referrers,
                "upstream_digest": self.upstream_digest,
                "plan": self.plan,
                **({"policies": {p.name: signature_fields(p) for p in self.policies}} if self.policies else {}),
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_body(cls, text: str) -> WorkItem:
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise BadWorkItem(f"work item is not JSON: {text[:80]!r}") from exc
        if not isinstance(doc, dict) or not all(isinstance(doc.get(k), str) for k in ("source", "target")):
            raise BadWorkItem(f"work item lacks a source and a target: {text[:80]!r}")
        platforms = doc.get("platforms", [])
        if not isinstance(platforms, list) or not all(isinstance(p, str) for p in platforms):
            raise BadWorkItem(f"work item platforms must be a list of strings: {text[:80]!r}")
        for key in ("source", "target"):
            try:
                parse_reference(doc[key])
            except MirrorError as exc:
                raise BadWorkItem(f"work item {key}: {exc}") from exc
        digest = doc.get("upstream_digest")
        plan = doc.get("plan")
        raw = doc.get("policies") or {}
        try:
            if not isinstance(raw, dict):
                raise MirrorError("not a mapping")
            policies = tuple(parse_policy(str(name), body, f"policies.{name}") for name, body in raw.items())
        except MirrorError as exc:
            raise BadWorkItem(f"work item policies: {exc}") from exc
        return cls(
            source=doc["source"],
            target=doc["target"],
            platforms=tuple(platforms),
            referrers=doc.get("referrers") is True,
            upstream_digest=digest if isinstance(digest, str) else None,
            plan=plan if isinstance(plan, str) else "",
            policies=policies,
        )

    @property
    def group_id(self) -> str:
        return _bounded_id(self.target)

    @property
    def deduplication_id(self) -> str:
        return hashlib.sha256(f"{self.target}@{self.upstream_digest or ''}#{self.plan}".encode()).hexdigest()

    @property
    def from_docker_hub(self) -> bool:
        return parse_reference(self.source).registry == DOCKER_HUB


def _bounded_id(text: str) -> str:
    if len(text) <= MAX_ID and set(text) <= _ID_CHARS:
        return text
    return "sha256-" + hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class QuotaChoice:
    queued: list[WorkItem]
    deferred: list[WorkItem]


def within_quota(items: Sequence[WorkItem], remaining: int | None, reserve: int, pulls_per_image: int) -> QuotaChoice:
    """The items whose Docker Hub pulls fit above the reserve, in list order; the rest are deferred.

    `remaining` is the lowest `ratelimit-remaining` the plan's HEADs saw (None: no source announced a quota).
    A manifest GET costs one pull; an image's GETs are not known before its manifests are read, so each image
    counts as `pulls_per_image` (index + platform manifests + attestations of a typical multi-arch image).
    Images from other registries are never held back.
    """
    if remaining is None:
        return QuotaChoice(list(items), [])
    budget = remaining - reserve
    queued: list[WorkItem] = []
    deferred: list[WorkItem] = []
    for item in items:
        if not item.from_docker_hub:
            queued.append(item)
        elif budget >= pulls_per_image:
            budget -= pulls_per_image
            queued.append(item)
        else:
            deferred.append(item)
    return QuotaChoice(queued, deferred)


def send_work(sqs: Any, queue_url: str, items: Iterable[WorkItem]) -> tuple[int, dict[str, str]]:
    """Send the items in batches of ten; returns how many SQS accepted and, by target, why any was not."""
    pending = list(items)
    sent = 0
    errors: dict[str, str] = {}
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        entries = [
            {
                "Id": str(n),
                "MessageBody": item.body(),
                "MessageGroupId": item.group_id,
                "MessageDeduplicationId": item.deduplication_id,
            }
            for n, item in enumerate(batch)
        ]
        try:
            answer = sqs.send_message_batch(QueueUrl=queue_url, Entries=entries)
        except ClientError as exc:
            errors.update({item.target: f"cannot queue: {aws_error(exc)}" for item in batch})
            continue
        sent += len(answer.get("Successful", []))
        for failure in answer.get("Failed", []):
            item = batch[int(failure["Id"])]
            errors[item.target] = f"cannot queue: {failure.get('Code')}: {failure.get('Message', '')}"
    for target, error in errors.items():
        log.error("%s: %s", target, error)
    return sent, errors
