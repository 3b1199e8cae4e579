"""Day two in the stack: the behind-since table and its alarm, the dashboard, saved queries, image-updated events."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.settings import SettingsError
from tests.infra.stack_support import flatten, logical_id, make_template, only, resources, statements


def _alarm(template: Template, metric: str) -> dict[str, Any]:
    (alarm,) = [
        a["Properties"]
        for a in resources(template, "AWS::CloudWatch::Alarm")
        if a["Properties"].get("MetricName") == metric
    ]
    found: dict[str, Any] = alarm
    return found


def _function_env(template: Template) -> dict[str, Any]:
    env: dict[str, Any] = only(template, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    return env


def test_behind_alarm_fires_after_24_hours_by_default_and_keeps_its_state_between_runs(
    default_template: Template,
) -> None:
    alarm = _alarm(default_template, "OldestBehindSeconds")
    assert (alarm["Namespace"], alarm["Statistic"]) == ("EcrMirror", "Maximum")
    assert alarm["Dimensions"] == [{"Name": "service", "Value": "ecr-mirror"}]
    assert alarm["Threshold"] == 24 * 3600
    assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
    assert alarm["TreatMissingData"] == "ignore"


def test_behind_alarm_hours_come_from_context_and_notify_the_topic_both_ways() -> None:
    template = make_template(behindAlarmHours=6, alarmEmail="ops@example.com")
    alarm = _alarm(template, "OldestBehindSeconds")
    assert alarm["Threshold"] == 6 * 3600
    topic = logical_id(template, "AWS::SNS::Topic")
    assert flatten(alarm["AlarmActions"]) == [f"${{{topic}}}"]
    assert flatten(alarm["OKActions"]) == [f"${{{topic}}}"]


@pytest.mark.parametrize("value", [0, "soon", 9000])
def test_bad_behind_alarm_hours_name_the_key(value: object) -> None:
    with pytest.raises(SettingsError, match="behindAlarmHours"):
        make_template(behindAlarmHours=value)


def test_the_function_records_behind_entries_in_its_own_table_only(default_template: Template) -> None:
    table = logical_id(default_template, "AWS::DynamoDB::GlobalTable")
    assert flatten(_function_env(default_template)["ECR_MIRROR_BEHIND_TABLE"]) == f"${{{table}}}"
    granted = [s for s in statements(default_template) if any(a.startswith("dynamodb:") for a in s["Action"])]
    assert len(granted) == 1
    assert sorted(granted[0]["Action"]) == [
        "dynamodb:DeleteItem",
        "dynamodb:PutItem",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",  # first sightings of minAge on the same items
    ]
    assert granted[0]["Resource"] == [f"${{{table}.Arn}}"]


def test_image_updated_events_go_to_the_default_bus_with_put_events_scoped_to_it(default_template: Template) -> None:
    assert _function_env(default_template)["ECR_MIRROR_EVENT_BUS"] == "default"
    (granted,) = [s for s in statements(default_template) if "events:PutEvents" in s["Action"]]
    assert granted["Action"] == ["events:PutEvents"]
    (resource,) = granted["Resource"]
    assert resource.endswith(":event-bus/default") and ":events:" in resource


def test_a_configured_bus_or_none() -> None:
    template = make_template(eventBusName="builds")
    assert _function_env(template)["ECR_MIRROR_EVENT_BUS"] == "builds"
    off = make_template(eventBusName="off")
    assert "ECR_MIRROR_EVENT_BUS" not in _function_env(off)
    assert not [s for s in statements(off) if "events:PutEvents" in s["Action"]]


def test_dashboard_shows_runs_behind_pulls_duration_and_the_latest_status_table(default_template: Template) -> None:
    body = flatten(only(default_template, "AWS::CloudWatch::Dashboard")["Properties"]["DashboardBody"])
    widgets = json.loads(body)["widgets"]
    titles = [w["properties"].get("title") for w in widgets]
    assert titles == [
        "Images per run",
        "Behind upstream",
        "Bytes copied",
        "Docker Hub pulls",
        "Run duration against the timeout",
        "Latest status of every image",
    ]
    metrics = json.dumps([w["properties"].get("metrics") for w in widgets])
    for name in ("ImagesCopied", "ImagesFailed", "ImagesDeferred", "ImagesBehind", "OldestBehindSeconds"):
        assert name in metrics
    for name in ("BytesCopied", "SourcePulls", "SourceRateLimitRemaining", "Duration"):
        assert name in metrics
    table = widgets[-1]["properties"]
    assert table["view"] == "table"
    assert "latest(image.status)" in table["query"] and "by image.source, image.target" in table["query"]


def test_dashboard_url_is_an_output(default_template: Template) -> None:
    outputs = default_template.to_json()["Outputs"]
    url = flatten(outputs["DashboardUrl"]["Value"])
    assert "#dashboards:name=" in url and "cloudwatch" in url


def test_saved_queries_for_failures_and_changes(default_template: Template) -> None:
    queries = {
        q["Properties"]["Name"]: q["Properties"] for q in resources(default_template, "AWS::Logs::QueryDefinition")
    }
    assert set(queries) == {
        "ecr-mirror/failed images (run over the last 7 days)",
        "ecr-mirror/what changed (run over last night)",
    }
    failed = queries["ecr-mirror/failed images (run over the last 7 days)"]["QueryString"]
    changed = queries["ecr-mirror/what changed (run over last night)"]["QueryString"]
    assert 'filter image.status = "failed"' in failed
    assert 'filter image.status = "copied"' in changed and "image.previous_digest" in changed
