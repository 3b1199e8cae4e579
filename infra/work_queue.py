"""Fan-out: the work queue (SQS FIFO) with its dead-letter queue and alarm, and the worker function consuming it.

The planner (the mirror function) sends one message per image that needs work; the worker, the same asset with
another handler, copies one image per message through Lambda's event source mapping.
- Visibility timeout six times the worker's timeout, as AWS advises for a queue feeding a function
  (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html); the mapping is refused when the
  function's timeout exceeds it.
- Batch size 1 with ReportBatchItemFailures: one image per invocation, a failed image retried alone.
- Maximum concurrency 2-1000 (ScalingConfig), default 5: how many images are copied at once.
- After 3 receives a message moves to the dead-letter queue (FIFO, kept 14 days); an alarm watches it.
"""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_event_sources as sources
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .mirror_function import TIMEOUT, WORKER_HANDLER, MirrorFunction
from .monitoring import FUNCTION_PERIOD

MAX_RECEIVES = 3


class WorkQueue(Construct):
    """`queue` (FIFO), `dead_letters` (FIFO) and `dead_letter_alarm`; `consume_with(worker)` wires the mapping."""

    def __init__(self, scope: Construct, construct_id: str, *, worker_timeout: Duration) -> None:
        super().__init__(scope, construct_id)
        self.dead_letters = sqs.Queue(
            self,
            "DeadLetters",
            fifo=True,
            retention_period=Duration.days(14),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
        )
        self.queue = sqs.Queue(
            self,
            "Queue",
            fifo=True,
            visibility_timeout=Duration.seconds(worker_timeout.to_seconds() * 6),
            retention_period=Duration.days(1),  # older work is planned again by the next scheduled run
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(queue=self.dead_letters, max_receive_count=MAX_RECEIVES),
        )
        self.dead_letter_alarm = self.dead_letters.metric_approximate_number_of_messages_visible(
            period=Duration.minutes(5), statistic=cloudwatch.Stats.MAXIMUM
        ).create_alarm(
            self,
            "DeadLetterAlarm",
            alarm_description="an image failed three times in the fan-out queue: see the worker's log, then "
            "redrive or delete the dead-letter queue's messages",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )

    def consume_with(self, worker: lambda_.Function, *, max_concurrency: int) -> None:
        worker.add_event_source(
            sources.SqsEventSource(
                self.queue,
                batch_size=1,
                max_concurrency=max_concurrency,
                report_batch_item_failures=True,
            )
        )


class MirrorFanout(Construct):
    """The work queue and the worker function (the mirror's asset, handler `ecr_mirror.function.worker.handler`).

    The stack gives the worker the planner's environment and permissions (it copies the same way) and the planner
    the right to send to the queue, nothing more; the event source mapping lets the worker consume it.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        code: lambda_.Code,
        memory_size: int,
        log_retention_days: int,
        environment: Mapping[str, str],
        worker_concurrency: int,
    ) -> None:
        super().__init__(scope, construct_id)
        self.worker = MirrorFunction(
            self,
            "Worker",
            code=code,
            memory_size=memory_size,
            reserved_concurrency=None,  # the mapping's maximum concurrency bounds it instead
            log_retention_days=log_retention_days,
            environment=environment,
            handler=WORKER_HANDLER,
            description="ecr-mirror worker: copies one queued image per message",
        )
        self.work = WorkQueue(self, "Work", worker_timeout=TIMEOUT)
        self.work.consume_with(self.worker.function, max_concurrency=worker_concurrency)
        self.worker_alarms = self._worker_alarms(self.worker.function)

    def _worker_alarms(self, worker: lambda_.Function) -> list[cloudwatch.Alarm]:
        """A crash or timeout (Errors) and a throttled invocation (Throttles), at once: otherwise they show only
        through the dead-letter alarm, three receives x the visibility timeout later. Both are Sum metrics of
        AWS/Lambda (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html)."""
        metrics = {
            "WorkerErrors": (worker.metric_errors, "the worker failed (crash or timeout): see its log"),
            "WorkerThrottles": (
                worker.metric_throttles,
                "the worker was throttled: the account's concurrency is spent elsewhere; the queue waits",
            ),
        }
        return [
            metric(period=FUNCTION_PERIOD, statistic=cloudwatch.Stats.SUM).create_alarm(
                self,
                name,
                alarm_description=f"ecr-mirror: {description}",
                threshold=1,
                evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            )
            for name, (metric, description) in metrics.items()
        ]
