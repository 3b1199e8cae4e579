"""What starts a run: the schedule, and edits of the image-list parameter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aws_cdk.assertions import Template

from tests.infra.stack_support import CDK_TRIGGER_PROVIDER, flatten, logical_id, make_template, resources


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
                "$or": [
                    {
                        "name": ["/ecr-mirror/images", {"prefix": "/ecr-mirror/images/"}],
                        "operation": ["Create", "Update"],
                    },
                    {"name": [{"prefix": "/ecr-mirror/images/"}], "operation": ["Delete"]},
                ]
            },
        }
    ]


def test_parameter_change_rule_follows_the_parameter_name_and_path() -> None:
    template = make_template(parameterName="/ci/images", parameterPath="/ci/teams")
    patterns = [rule["EventPattern"] for rule in _rules(template) if "EventPattern" in rule]
    edited, deleted = patterns[0]["detail"]["$or"]
    assert edited["name"] == ["/ci/images", {"prefix": "/ci/teams/"}]
    assert deleted == {"name": [{"prefix": "/ci/teams/"}], "operation": ["Delete"]}


def test_no_path_matches_the_one_parameter_only() -> None:
    patterns = [rule["EventPattern"] for rule in _rules(make_template(parameterPath="off")) if "EventPattern" in rule]
    assert patterns[0]["detail"] == {"name": ["/ecr-mirror/images"], "operation": ["Create", "Update"]}


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


def _trigger(template: Template) -> tuple[str, dict[str, Any]]:
    found = template.find_resources("Custom::Trigger")
    assert len(found) == 1, found
    ((logical, resource),) = found.items()
    return logical, dict(resource)


def test_the_first_run_starts_when_the_stack_is_deployed_without_waiting_for_it(default_template: Template) -> None:
    _, trigger = _trigger(default_template)
    props = trigger["Properties"]
    assert props["InvocationType"] == "Event"  # the deploy does not wait for a 15-minute run
    resources_ = default_template.to_json()["Resources"]
    version = resources_[props["HandlerArn"]["Ref"]]  # the function as deployed now
    assert version["Type"] == "AWS::Lambda::Version"
    assert version["Properties"]["FunctionName"] == {"Ref": logical_id(default_template, "AWS::Lambda::Function")}
    # After everything the run needs: the list, the repositories, the creation template, the function's grants.
    needed = {
        logical_id(default_template, "AWS::SSM::Parameter"),
        logical_id(default_template, "AWS::ECR::RepositoryCreationTemplate"),
    } | {r for r, v in resources_.items() if v["Type"] in ("AWS::ECR::Repository", "AWS::IAM::Policy") and
         "Mirror" in r}  # fmt: skip
    assert needed <= set(trigger["DependsOn"])


def test_a_deploy_that_changes_the_list_runs_it_again(tmp_path: Path) -> None:
    def list_hash(text: str) -> object:
        path = tmp_path / "images.txt"
        path.write_text(text, encoding="utf-8")
        return _trigger(make_template(imagesFile=str(path)))[1]["Properties"]["ImageListHash"]

    assert list_hash("alpine:3.20\n") == list_hash("alpine:3.20\n")
    assert list_hash("alpine:3.20\n") != list_hash("alpine:3.21\n")


def test_the_parameter_create_event_does_not_start_a_second_first_run(default_template: Template) -> None:
    in_template = default_template.to_json()["Resources"]
    change_rule = next(
        r for r in in_template.values() if r["Type"] == "AWS::Events::Rule" and "EventPattern" in r["Properties"]
    )
    assert logical_id(default_template, "AWS::SSM::Parameter") in change_rule["DependsOn"]


def _provider(template: Template, kind: str) -> tuple[str, dict[str, Any]]:
    found = {k: v for k, v in template.find_resources(kind).items() if k.startswith(CDK_TRIGGER_PROVIDER)}
    assert len(found) == 1, f"expected one {kind} of the trigger provider, found {list(found)}"
    ((logical, resource),) = found.items()
    return logical, dict(resource)


def test_the_trigger_provider_has_no_managed_policy_and_writes_only_its_own_log_group(
    default_template: Template,
) -> None:
    # cdk-nag does not flag the provider's AWSLambdaBasicExecutionRole (logs:CreateLogGroup and writes to every
    # log group of the account): its role gets an inline policy for its own log group instead.
    role_id, role = _provider(default_template, "AWS::IAM::Role")
    assert "ManagedPolicyArns" not in role["Properties"]
    group_id, group = _provider(default_template, "AWS::Logs::LogGroup")
    assert group["Properties"]["RetentionInDays"] == 30  # the stack's logRetentionDays
    assert group["DeletionPolicy"] == "Delete"
    _, policy = _provider(default_template, "AWS::IAM::Policy")
    assert [flatten(r) for r in policy["Properties"]["Roles"]] == [f"${{{role_id}}}"]
    assert policy["Properties"]["PolicyDocument"]["Statement"] == [
        {
            "Sid": "WriteOwnLogs",
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": {"Fn::GetAtt": [group_id, "Arn"]},
        }
    ]
    _, handler = _provider(default_template, "AWS::Lambda::Function")
    assert handler["Properties"]["LoggingConfig"] == {"LogGroup": {"Ref": group_id}}
    policy_id, _ = _provider(default_template, "AWS::IAM::Policy")
    assert {group_id, policy_id} <= set(handler["DependsOn"])


def test_the_trigger_provider_log_retention_follows_the_setting() -> None:
    _, group = _provider(make_template(logRetentionDays=7), "AWS::Logs::LogGroup")
    assert group["Properties"]["RetentionInDays"] == 7
