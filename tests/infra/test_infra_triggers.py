"""What starts a run: the schedule, and edits of the image-list parameter."""

from __future__ import annotations

from typing import Any

from aws_cdk.assertions import Template

from tests.infra.stack_support import flatten, logical_id, make_template, resources


def _rules(template: Template) -> list[dict[str, Any]]:
    return [rule["Properties"] for rule in resources(template, "AWS::Events::Rule")]


def _schedules(template: Template) -> list[str]:
    return [rule["ScheduleExpression"] for rule in _rules(template) if "ScheduleExpression" in rule]


def test_schedule_defaults_to_every_six_hours(default_template: Template) -> None:
    assert _schedules(default_template) == ["rate(6 hours)"]


def test_schedule_comes_from_context() -> None:
    assert _schedules(make_template(schedule="cron(0 3 * * ? *)")) == ["cron(0 3 * * ? *)"]


def test_schedule_can_be_switched_off() -> None:
    template = make_template(schedule="off")
    assert _schedules(template) == []
    assert len(_rules(template)) == 1  # the parameter-change rule stays


def test_parameter_change_rule_matches_the_parameter_and_every_one_under_the_path(
    default_template: Template,
) -> None:
    patterns = [rule["EventPattern"] for rule in _rules(default_template) if "EventPattern" in rule]
    assert patterns == [
        {
            "source": ["aws.ssm"],
            "detail-type": ["Parameter Store Change"],
            "detail": {
                "name": ["/ecr-mirror/images", {"prefix": "/ecr-mirror/images/"}],
                "operation": ["Create", "Update"],
            },
        }
    ]


def test_parameter_change_rule_follows_the_parameter_name_and_path() -> None:
    template = make_template(parameterName="/ci/images", parameterPath="/ci/teams")
    patterns = [rule["EventPattern"] for rule in _rules(template) if "EventPattern" in rule]
    assert patterns[0]["detail"]["name"] == ["/ci/images", {"prefix": "/ci/teams/"}]


def test_no_path_matches_the_one_parameter_only() -> None:
    patterns = [rule["EventPattern"] for rule in _rules(make_template(parameterPath="off")) if "EventPattern" in rule]
    assert patterns[0]["detail"]["name"] == ["/ecr-mirror/images"]


def test_both_rules_invoke_the_function_with_few_delivery_retries(default_template: Template) -> None:
    function_arn = f"${{{logical_id(default_template, 'AWS::Lambda::Function')}.Arn}}"
    rules = _rules(default_template)
    assert len(rules) == 2
    for rule in rules:
        assert [flatten(target["Arn"]) for target in rule["Targets"]] == [function_arn]
        assert rule["Targets"][0]["RetryPolicy"]["MaximumRetryAttempts"] <= 2
    permissions = [p["Properties"] for p in resources(default_template, "AWS::Lambda::Permission")]
    assert {p["Principal"] for p in permissions} == {"events.amazonaws.com"}
    assert len(permissions) == 2


def test_parameter_is_created_last_so_its_creation_starts_the_first_run(default_template: Template) -> None:
    in_template = default_template.to_json()["Resources"]
    (parameter,) = (r for r in in_template.values() if r["Type"] == "AWS::SSM::Parameter")
    change_rule = next(
        logical
        for logical, r in in_template.items()
        if r["Type"] == "AWS::Events::Rule" and "EventPattern" in r["Properties"]
    )
    needed = {change_rule, logical_id(default_template, "AWS::Lambda::Function")} | {
        logical for logical, r in in_template.items() if r["Type"] == "AWS::Lambda::Permission"
    }
    assert needed <= set(parameter["DependsOn"])
