"""moto SQS queues shaped like the stack's (FIFO, dead-letter queue after 3 receives) and a worker driven from
them the way Lambda's event source mapping drives it (batch size 1, partial batch failures)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from ecr_mirror.function import worker

from .helpers import FakeContext

MAX_RECEIVES = 3


@dataclass
class Queues:
    url: str
    dead_letters: str

    def messages(self, url: str | None = None) -> list[dict[str, Any]]:
        """Every visible message, made visible again at once (as if its visibility timeout had passed)."""
        sqs: Any = boto3.client("sqs")
        found = sqs.receive_message(QueueUrl=url or self.url, MaxNumberOfMessages=10, VisibilityTimeout=0)
        return cast(list[dict[str, Any]], found.get("Messages", []))

    def bodies(self, url: str | None = None) -> list[dict[str, Any]]:
        return [json.loads(m["Body"]) for m in self.messages(url)]

    def deliver_one(self) -> tuple[dict[str, Any] | None, dict[str, Any]]:
        """Receive one message, hand it to the worker, and delete it unless the worker reported it failed."""
        sqs: Any = boto3.client("sqs")
        found = sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=1, VisibilityTimeout=30)
        messages = found.get("Messages", [])
        if not messages:
            return None, {}
        message = messages[0]
        answer = run_worker([message])
        if any(f["itemIdentifier"] == message["MessageId"] for f in answer["batchItemFailures"]):
            sqs.change_message_visibility(
                QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
            )
        else:
            sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
        return message, answer

    def drain(self, limit: int = 50) -> int:
        delivered = 0
        while delivered < limit:
            message, _ = self.deliver_one()
            if message is None:
                return delivered
            delivered += 1
        return delivered


def make_queues() -> Queues:
    sqs: Any = boto3.client("sqs")
    fifo = {"FifoQueue": "true"}
    dead = sqs.create_queue(QueueName="work-dlq.fifo", Attributes=fifo)["QueueUrl"]
    dead_arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": str(MAX_RECEIVES)})
    url = sqs.create_queue(QueueName="work.fifo", Attributes={**fifo, "RedrivePolicy": redrive})["QueueUrl"]
    return Queues(url, dead)


def run_worker(messages: list[dict[str, Any]], context: FakeContext | None = None) -> dict[str, Any]:
    event = {
        "Records": [
            {"messageId": m["MessageId"], "body": m["Body"], "eventSource": "aws:sqs", "attributes": {}}
            for m in messages
        ]
    }
    answer: dict[str, Any] = worker.handler(event, cast(LambdaContext, context or FakeContext()))
    return answer
