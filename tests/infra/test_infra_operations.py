"""Alarms, the optional e-mail topic, and the outputs CI needs."""

from __future__ import annotations

from typing import Any

from aws_cdk.assertions import Annotations, Match, Template

from tests.infra.stack_support import flatten, logical_id, make_stack, make_template, only, resources


def _alarms(template: Template) -> dict[str, dict[str, Any]]:
    return {
        alarm["Properties"]["MetricName"]: alarm["Properties"]
        for alarm in resources(template, "AWS::CloudWatch::Alarm")
    }


def test_alarm_on_failed_images_as_powertools_emits_them(default_template: Template) -> None:
    alarm = _alarms(default_template)["ImagesFailed"]
    assert alarm["Namespace"] == "EcrMirror"
    assert alarm["Dimensions"] == [{"Name": "service", "Value": "ecr-mirror"}]
    assert alarm["Statistic"] == "Sum"
    assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["Threshold"] == 1


def test_alarm_on_function_errors(default_template: Template) -> None:
    alarm = _alarms(default_template)["Errors"]
    assert alarm["Namespace"] == "AWS/Lambda"
    function = logical_id(default_template, "AWS::Lambda::Function")
    assert flatten(alarm["Dimensions"][0]["Value"]) == f"${{{function}}}"
    assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["Threshold"] == 1


def test_no_topic_and_no_alarm_actions_without_an_email(default_template: Template) -> None:
    assert resources(default_template, "AWS::SNS::Topic") == []
    assert all("AlarmActions" not in alarm for alarm in _alarms(default_template).values())
    assert "AlarmTopicArn" not in default_template.find_outputs("*")


def test_email_gets_a_topic_that_enforces_tls_and_receives_both_alarms() -> None:
    template = make_template(alarmEmail="ops@example.com")
    topic = logical_id(template, "AWS::SNS::Topic")
    subscription = only(template, "AWS::SNS::Subscription")["Properties"]
    assert subscription["Protocol"] == "email"
    assert subscription["Endpoint"] == "ops@example.com"
    policy = only(template, "AWS::SNS::TopicPolicy")["Properties"]["PolicyDocument"]["Statement"]
    assert any(s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in policy)
    for alarm in _alarms(template).values():
        assert [flatten(action) for action in alarm["AlarmActions"]] == [f"${{{topic}}}"]


def test_outputs_tell_ci_where_to_pull_from(default_template: Template) -> None:
    outputs = default_template.find_outputs("*")
    assert flatten(outputs["RegistryUri"]["Value"]) == (
        "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/mirror"
    )
    function = logical_id(default_template, "AWS::Lambda::Function")
    assert flatten(outputs["FunctionName"]["Value"]) == f"${{{function}}}"
    assert outputs["ParameterName"]["Value"] == "/ecr-mirror/images"


def test_registry_uri_follows_the_prefix() -> None:
    outputs = make_template(prefix="ci-cache").find_outputs("*")
    assert flatten(outputs["RegistryUri"]["Value"]).endswith(".${AWS::URLSuffix}/ci-cache")


def test_images_deferred_on_two_consecutive_runs_alarm(default_template: Template) -> None:
    alarm = _alarms(default_template)["ImagesDeferred"]
    assert (alarm["Namespace"], alarm["Statistic"]) == ("EcrMirror", "Sum")
    assert alarm["Dimensions"] == [{"Name": "service", "Value": "ecr-mirror"}]
    assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["Threshold"] == 1
    assert (alarm["EvaluationPeriods"], alarm["DatapointsToAlarm"]) == (2, 2)
    assert alarm["Period"] == 6 * 3600  # the schedule's period: one run per datapoint
    assert alarm["TreatMissingData"] == "missing"


def test_list_errors_alarm(default_template: Template) -> None:
    alarm = _alarms(default_template)["ListErrors"]
    assert alarm["Namespace"] == "EcrMirror"
    assert alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["Threshold"] == 1


def test_failed_images_keep_alarming_between_runs(default_template: Template) -> None:
    # No data between runs keeps the alarm's state (missing), rather than turning it OK until the next run.
    alarm = _alarms(default_template)["ImagesFailed"]
    assert alarm["TreatMissingData"] == "missing"
    assert alarm["Period"] == 6 * 3600


def test_alarm_period_follows_a_rate_schedule() -> None:
    alarms = _alarms(make_template(schedule="rate(1 day)"))
    assert {alarms[name]["Period"] for name in ("ImagesFailed", "ImagesDeferred", "ListErrors")} == {86400}


def test_email_topic_gets_ok_actions_of_the_run_alarms_too() -> None:
    template = make_template(alarmEmail="ops@example.com")
    topic = logical_id(template, "AWS::SNS::Topic")
    alarms = _alarms(template)
    for name in ("ImagesFailed", "ImagesDeferred", "ListErrors"):
        assert [flatten(action) for action in alarms[name]["OKActions"]] == [f"${{{topic}}}"], name


def test_anonymous_docker_hub_is_a_synth_warning() -> None:
    anonymous = Annotations.from_stack(make_stack())
    anonymous.has_warning("*", Match.string_like_regexp("shared"))
    configured = Annotations.from_stack(make_stack(dockerHubSecret="dockerhub/ci"))
    assert configured.find_warning("*", Match.string_like_regexp("shared")) == []
