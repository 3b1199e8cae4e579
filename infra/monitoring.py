"""Alarms on failed images and function errors, and an optional e-mail topic for them."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cw_actions
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

METRICS_NAMESPACE = "EcrMirror"
SERVICE_NAME = "ecr-mirror"
# A run lasts at most 15 minutes and emits its metrics once, at the end.
PERIOD = Duration.minutes(15)


class MirrorAlarms(Construct):
    """`images_failed` and `function_errors` alarms; `topic` (None without an e-mail) receives both."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        function: lambda_.IFunction,
        alarm_email: str | None,
    ) -> None:
        super().__init__(scope, construct_id)
        # Powertools Metrics adds the dimension service=<POWERTOOLS_SERVICE_NAME> to every metric.
        images_failed = cloudwatch.Metric(
            namespace=METRICS_NAMESPACE,
            metric_name="ImagesFailed",
            dimensions_map={"service": SERVICE_NAME},
            statistic=cloudwatch.Stats.SUM,
            period=PERIOD,
        )
        self.images_failed = images_failed.create_alarm(
            self,
            "ImagesFailed",
            alarm_description="ecr-mirror could not mirror at least one image: see the function's log",
            threshold=1,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self.function_errors = function.metric_errors(period=PERIOD, statistic=cloudwatch.Stats.SUM).create_alarm(
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
            for alarm in (self.images_failed, self.function_errors):
                alarm.add_alarm_action(cw_actions.SnsAction(self.topic))
