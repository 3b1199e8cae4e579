"""The mirror function: Python 3.13 on arm64, its own role (no managed policies) and its own log group."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

HANDLER = "ecr_mirror.function.handler.handler"
WORKER_HANDLER = "ecr_mirror.function.worker.handler"
TIMEOUT = Duration.minutes(15)
# A queued event older than this is dropped: the next scheduled run does the same work.
MAX_EVENT_AGE = Duration.hours(1)

_RETENTION = {
    1: logs.RetentionDays.ONE_DAY, 3: logs.RetentionDays.THREE_DAYS, 5: logs.RetentionDays.FIVE_DAYS,
    7: logs.RetentionDays.ONE_WEEK, 14: logs.RetentionDays.TWO_WEEKS, 30: logs.RetentionDays.ONE_MONTH,
    60: logs.RetentionDays.TWO_MONTHS, 90: logs.RetentionDays.THREE_MONTHS,
    120: logs.RetentionDays.FOUR_MONTHS, 150: logs.RetentionDays.FIVE_MONTHS,
    180: logs.RetentionDays.SIX_MONTHS, 365: logs.RetentionDays.ONE_YEAR,
    400: logs.RetentionDays.THIRTEEN_MONTHS, 545: logs.RetentionDays.EIGHTEEN_MONTHS,
    731: logs.RetentionDays.TWO_YEARS, 1096: logs.RetentionDays.THREE_YEARS,
    1827: logs.RetentionDays.FIVE_YEARS, 2192: logs.RetentionDays.SIX_YEARS,
    2557: logs.RetentionDays.SEVEN_YEARS, 2922: logs.RetentionDays.EIGHT_YEARS,
    3288: logs.RetentionDays.NINE_YEARS, 3653: logs.RetentionDays.TEN_YEARS,
}  # fmt: skip


def retention_days(days: int) -> logs.RetentionDays:
    """The CDK enum member for a number of days CloudWatch Logs accepts."""
    try:
        return _RETENTION[days]
    except KeyError:
        raise ValueError(f"CloudWatch Logs cannot keep logs for {days} days") from None


class MirrorFunction(Construct):
    """The function, its execution role and log group. Grants to other resources are made by the stack."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        code: lambda_.Code,
        memory_size: int,
        reserved_concurrency: int | None,
        log_retention_days: int,
        environment: Mapping[str, str],
        handler: str = HANDLER,
        description: str = "ecr-mirror: copies the listed public images into ECR",
    ) -> None:
        super().__init__(scope, construct_id)
        self.log_group = logs.LogGroup(
            self,
            "LogGroup",
            retention=retention_days(log_retention_days),
            removal_policy=RemovalPolicy.DESTROY,
        )
        # A role of our own instead of AWSLambdaBasicExecutionRole: logs go to this one log group only.
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="ecr-mirror function: copy images into the mirror repositories",
        )
        self.role.add_to_principal_policy(
            iam.PolicyStatement(
                sid="WriteOwnLogs",
                actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                resources=[self.log_group.log_group_arn],
            )
        )
        self.function = lambda_.Function(
            self,
            "Function",
            description=description,
            runtime=lambda_.Runtime.PYTHON_3_13,
            architecture=lambda_.Architecture.ARM_64,
            handler=handler,
            code=code,
            timeout=TIMEOUT,
            memory_size=memory_size,
            role=self.role,
            log_group=self.log_group,
            environment=dict(environment),
            # None by default: a reservation fails the deploy on a new account (see Settings). Overlapping
            # runs are harmless: writes are digest-exact and the second run finds done work up to date.
            reserved_concurrent_executions=reserved_concurrency,
            # No automatic re-run of a failed asynchronous invocation (Lambda's default is two retries,
            # each spending pull quota again); the next schedule or parameter change runs it anyway.
            retry_attempts=0,
            max_event_age=MAX_EVENT_AGE,
            # The same for the version the first-run trigger invokes (Lambda retries asynchronous invocations
            # twice by default, per function version or alias).
            current_version_options=lambda_.VersionOptions(retry_attempts=0, max_event_age=MAX_EVENT_AGE),
            tracing=lambda_.Tracing.ACTIVE,
        )
