"""Alarms on what a run reports (failed, deferred, list errors) and on function errors; an optional e-mail topic.

The run alarms use the schedule's period, so each datapoint is about one run, and treat missing data as
missing: between runs an alarm keeps its state instead of turning OK until the next run fails again
(https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html). Every run emits
all three metrics (0 included), so a clean run turns them OK, and the topic hears that too.
"""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from .schedule import interval_seconds

METRICS_NAMESPACE = "EcrMirror"
SERVICE_NAME = "ecr-mirror"
# A run lasts at most 15 minutes and emits its metrics once, at the end.
FUNCTION_PERIOD = Duration.minutes(15)
# Runs only on parameter changes (no schedule): a period to group them by.
DEFAULT_RUN_PERIOD = Duration.hours(6)
# Period x EvaluationPeriods may not exceed 604,800 s, and the deferred alarm evaluates two periods
# (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
MIN_RUN_PERIOD_SECONDS = 900
MAX_RUN_PERIOD_SECONDS = 604_800 // 2


def run_period(schedule: str | None, minutes: int | None = None) -> Duration:
    """The interval between two runs: `minutes` when given, else derived from the schedule (Settings has checked
    that it can be), held to what an alarm of two evaluation periods allows; 6 hours without a schedule."""
    if minutes is not None:
        seconds = minutes * 60
    elif schedule is None:
        return DEFAULT_RUN_PERIOD
    else:
        seconds = interval_seconds(schedule)
    return Duration.seconds(min(max(seconds, MIN_RUN_PERIOD_SECONDS), MAX_RUN_PERIOD_SECONDS))


class MirrorAlarms(Construct):
    """`images_failed`, `images_deferred`, `images_rejected`, `list_errors`, `function_errors`; `topic` (None
    without an e-mail)."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        function: lambda_.IFunction,
        alarm_email: str | None,
        schedule: str | None,
        period_minutes: int | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        period = run_period(schedule, period_minutes)
        self.images_failed = self._run_alarm(
            "ImagesFailed", period, 1, "ecr-mirror could not mirror at least one image: see the function's log"
        )
        self.images_deferred = self._run_alarm(
            "ImagesDeferred",
            period,
            2,
            "ecr-mirror deferred images on two consecutive runs (pull quota or time budget): they are not "
            "catching up; see the function's log",
        )
        self.images_rejected = self._run_alarm(
            "ImagesRejected",
            period,
            1,
            "a policy rejected an upstream image (a signature that does not verify, a wrong signer): the tag was "
            "not moved; treat it as an incident (docs/policies.md)",
        )
        self.list_errors = self._run_alarm(
            "ListErrors", period, 1, "the image list has lines ecr-mirror rejects (skipped): see the function's log"
        )
        self.function_errors = function.metric_errors(
            period=FUNCTION_PERIOD, statistic=cloudwatch.Stats.SUM
        ).create_alarm(
            self,
            "FunctionErrors",
            alarm_description="the ecr-mirror function failed (crash or timeout): see its log",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self.topic: sns.Topic | None = None
        if alarm_email:
            self.topic = sns.Topic(self, "Topic", display_name="ecr-mirror alarms", enforce_ssl=True)
            self.topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
            action = cw_actions.SnsAction(self.topic)
            runs = (self.images_failed, self.images_deferred, self.images_rejected, self.list_errors)
            for alarm in (*runs, self.function_errors):
                alarm.add_alarm_action(action)
            for alarm in runs:
                alarm.add_ok_action(action)

    def _run_alarm(self, metric_name: str, period: Duration, runs: int, description: str) -> cloudwatch.Alarm:
        # Powertools Metrics adds the dimension service=<POWERTOOLS_SERVICE_NAME> to every metric.
        metric = cloudwatch.Metric(
            namespace=METRICS_NAMESPACE,
            metric_name=metric_name,
            dimensions_map={"service": SERVICE_NAME},
            statistic=cloudwatch.Stats.SUM,
            period=period,
        )
        return metric.create_alarm(
            self,
            metric_name,
            alarm_description=description,
            threshold=1,
            evaluation_periods=runs,
            datapoints_to_alarm=runs,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.MISSING,
        )
