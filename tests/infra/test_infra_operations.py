"""Alarms, the optional e-mail topic, and the outputs CI needs."""

from __future__ import annotations

from typing import Any

from aws_cdk.assertions import Template

from tests.infra.stack_support import flatten, logical_id, make_template, only, resources


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
    assert alarm["TreatMissingData"] == "notBreaching"


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
