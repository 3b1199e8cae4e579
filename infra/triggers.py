"""What starts a run: a schedule, and any change to the image-list parameter."""

from __future__ import annotations

from aws_cdk import Duration
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_lambda as lambda_
from constructs import Construct


class MirrorTriggers(Construct):
    """`schedule_rule` is None when the schedule is off; `change_rule` always exists."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        function: lambda_.IFunction,
        schedule: str | None,
        parameter_name: str,
        parameter_path: str | None,
    ) -> None:
        super().__init__(scope, construct_id)
        # EventBridge retries only failed deliveries (the invoke API call), never a failed run.
        target = targets.LambdaFunction(function, retry_attempts=2, max_event_age=Duration.hours(1))
        self.schedule_rule = (
            events.Rule(
                self,
                "Schedule",
                description="ecr-mirror: periodic run",
                schedule=events.Schedule.expression(schedule),
                targets=[target],
            )
            if schedule
            else None
        )
        # The list parameter, and every parameter under the path (each a team's list): string prefix matching
        # (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).
        names: list[object] = [parameter_name]
        if parameter_path:
            names.append({"prefix": parameter_path})
        under = f" or any parameter under {parameter_path}" if parameter_path else ""
        self.change_rule = events.Rule(
            self,
            "ParameterChange",
            description=f"ecr-mirror: run when {parameter_name}{under} changes",
            # SSM sends 'Parameter Store Change' events to the default bus by itself (no cost, no setup).
            event_pattern=events.EventPattern(
                source=["aws.ssm"],
                detail_type=["Parameter Store Change"],
                detail=_changes(names, parameter_path),
            ),
            targets=[target],
        )


def _changes(names: list[object], parameter_path: str | None) -> dict[str, object]:
    """A created or updated list, or a team's list deleted under the path (its entries leave the behind table);
    the main parameter's deletion starts nothing: a run would only fail for want of it. `$or` content filtering:
    https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html."""
    edited = {"name": names, "operation": ["Create", "Update"]}
    if not parameter_path:
        return edited
    return {"$or": [edited, {"name": [{"prefix": parameter_path}], "operation": ["Delete"]}]}
