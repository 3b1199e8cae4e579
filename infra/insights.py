"""Day-two visibility: the behind-since table, the "behind upstream" alarm, the dashboard, saved log queries.

The function emits its metrics once per run (Powertools EMF, namespace EcrMirror, dimension service) and logs one
structured line per image (`image`: source, target, digest, status, error, previous_digest, ...), which the
dashboard's table and the saved queries read with Logs Insights.
"""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct

from .monitoring import METRICS_NAMESPACE, SERVICE_NAME

FUNCTION_TIMEOUT_SECONDS = 900
# Runs emit once; a period spanning a run keeps each run one datapoint. Graphs sum per hour.
GRAPH_PERIOD = Duration.hours(1)
ALARM_PERIOD = Duration.minutes(15)

# One command per item, without its pipe: LogQueryWidget joins the lines with "\n| " itself, and Logs Insights
# separates commands with exactly one pipe
# (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html).
LATEST_STATUS_QUERY = (
    "fields @timestamp, image.source, image.target, image.digest, image.status, image.error",
    "filter ispresent(image.status)",
    "stats latest(image.status) as status, latest(image.digest) as digest, latest(image.error) as error, "
    "latest(@timestamp) as time by image.source, image.target",
    "sort status asc",
)
FAILURES_QUERY = logs.QueryString(
    fields=["@timestamp", "image.source", "image.target", "image.error"],
    filter_statements=['image.status = "failed"'],
    sort="@timestamp desc",
)
CHANGED_QUERY = logs.QueryString(
    fields=["@timestamp", "image.source", "image.target", "image.previous_digest", "image.digest", "image.bytes"],
    filter_statements=['image.status = "copied"'],
    sort="@timestamp desc",
)


def _metric(name: str, statistic: str, label: str | None, period: Duration = GRAPH_PERIOD) -> cloudwatch.Metric:
    return cloudwatch.Metric(
        namespace=METRICS_NAMESPACE,
        metric_name=name,
        dimensions_map={"service": SERVICE_NAME},
        statistic=statistic,
        period=period,
        label=label,
    )


class MirrorInsights(Construct):
    """`behind_table` (granted to the function by the stack), `behind_alarm`, `dashboard`, and two saved queries."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        function: lambda_.IFunction,
        log_groups: list[logs.ILogGroup],
        behind_alarm_hours: int,
    ) -> None:
        super().__init__(scope, construct_id)
        # Derived state (which entries are behind, since when): losing it only restarts the clocks, so the table
        # is removed with the stack. Point-in-time recovery stays on: it costs next to nothing for a tiny table.
        self.behind_table = dynamodb.TableV2(
            self,
            "BehindSince",
            partition_key=dynamodb.Attribute(name="target", type=dynamodb.AttributeType.STRING),
            billing=dynamodb.Billing.on_demand(),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            removal_policy=RemovalPolicy.DESTROY,
        )
        oldest = _metric("OldestBehindSeconds", cloudwatch.Stats.MAXIMUM, None, ALARM_PERIOD)
        # One signal instead of guessing from failed/deferred counts. Runs report every few hours: between them
        # there is no data, and the alarm keeps its state (IGNORE) until the next run says otherwise.
        self.behind_alarm = oldest.create_alarm(
            self,
            "Behind",
            alarm_description=(
                f"an image of the list has been behind upstream for more than {behind_alarm_hours} hours: "
                'see the dashboard\'s latest-status table or invoke the function with {"dry_run": true}'
            ),
            threshold=behind_alarm_hours * 3600,
            evaluation_periods=1,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            treat_missing_data=cloudwatch.TreatMissingData.IGNORE,
        )
        self.dashboard = self._dashboard(function, log_groups, behind_alarm_hours)
        self.failures_query = logs.QueryDefinition(
            self,
            "FailuresQuery",
            query_definition_name="ecr-mirror/failed images (run over the last 7 days)",
            query_string=FAILURES_QUERY,
            log_groups=log_groups,
        )
        self.changed_query = logs.QueryDefinition(
            self,
            "ChangedQuery",
            query_definition_name="ecr-mirror/what changed (run over last night)",
            query_string=CHANGED_QUERY,
            log_groups=log_groups,
        )

    def _dashboard(
        self, function: lambda_.IFunction, log_groups: list[logs.ILogGroup], behind_alarm_hours: int
    ) -> cloudwatch.Dashboard:
        dashboard = cloudwatch.Dashboard(self, "Dashboard", dashboard_name=f"ecr-mirror-{Stack.of(self).stack_name}")
        sums = cloudwatch.Stats.SUM
        dashboard.add_widgets(
            cloudwatch.GraphWidget(
                title="Images per run",
                left=[
                    _metric("ImagesCopied", sums, "copied"),
                    _metric("ImagesSkipped", sums, "skipped"),
                    _metric("ImagesFailed", sums, "failed"),
                    _metric("ImagesDeferred", sums, "deferred"),
                    _metric("ImagesHeld", sums, "held by a policy"),
                    _metric("ImagesRejected", sums, "rejected by a policy"),
                ],
                width=12,
            ),
            cloudwatch.GraphWidget(
                title="Behind upstream",
                left=[_metric("ImagesBehind", cloudwatch.Stats.MAXIMUM, "images behind")],
                right=[
                    cloudwatch.MathExpression(
                        expression="oldest / 3600",
                        using_metrics={"oldest": _metric("OldestBehindSeconds", cloudwatch.Stats.MAXIMUM, "oldest")},
                        label="oldest behind (hours)",
                        period=GRAPH_PERIOD,
                    )
                ],
                right_annotations=[cloudwatch.HorizontalAnnotation(value=behind_alarm_hours, label="alarm")],
                width=12,
            ),
        )
        dashboard.add_widgets(
            cloudwatch.GraphWidget(title="Bytes copied", left=[_metric("BytesCopied", sums, "bytes")], width=8),
            cloudwatch.GraphWidget(
                title="Docker Hub pulls",
                left=[_metric("SourcePulls", sums, "pulls spent (manifest GETs)")],
                right=[_metric("SourceRateLimitRemaining", cloudwatch.Stats.MINIMUM, "quota remaining")],
                width=8,
            ),
            cloudwatch.GraphWidget(
                title="Run duration against the timeout",
                left=[function.metric_duration(statistic=cloudwatch.Stats.MAXIMUM, period=GRAPH_PERIOD)],
                left_annotations=[
                    cloudwatch.HorizontalAnnotation(value=FUNCTION_TIMEOUT_SECONDS * 1000, label="timeout")
                ],
                width=8,
            ),
        )
        dashboard.add_widgets(
            cloudwatch.LogQueryWidget(
                title="Latest status of every image",
                log_group_names=[g.log_group_name for g in log_groups],
                query_lines=list(LATEST_STATUS_QUERY),
                view=cloudwatch.LogQueryVisualizationType.TABLE,
                width=24,
                height=8,
            )
        )
        return dashboard
