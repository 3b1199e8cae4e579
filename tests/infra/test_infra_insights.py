"""Day two in the stack: the behind-since table and its alarm, the dashboard, saved queries, image-updated events."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.settings import SettingsError
from tests.infra.stack_support import (
    fanout_resources,
    flatten,
    logical_id,
    make_template,
    only,
    our_resources,
    resources,
    statements,
)


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
    policies = default_template.find_resources("AWS::IAM::Policy").values()
    every = [s for p in policies for s in p["Properties"]["PolicyDocument"]["Statement"]]
    granted = [s for s in every if "events:PutEvents" in str(s["Action"])]
    assert len(granted) == 2  # the planner and the worker
    for statement in granted:
        assert statement["Action"] == "events:PutEvents"
        assert flatten(statement["Resource"]) == (
            "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"
        )
        # Only events of the mirror's own source: no other service's events can be spoofed on the bus.
        assert statement["Condition"] == {"StringEquals": {"events:source": "ecr-mirror"}}


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


def test_the_status_table_query_has_each_pipe_once(default_template: Template) -> None:
    # Logs Insights separates commands with one pipe
    # (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html): the query as synthesized.
    (dashboard,) = resources(default_template, "AWS::CloudWatch::Dashboard")
    widgets = json.loads(flatten(dashboard["Properties"]["DashboardBody"]))["widgets"]
    groups = sorted(
        logical for logical in our_resources(default_template, "AWS::Logs::LogGroup") if logical.startswith("Mirror")
    ) + sorted(logical for logical in fanout_resources(default_template, "AWS::Logs::LogGroup"))
    assert len(groups) == 2
    sources = " | ".join(f"SOURCE '${{{g}}}'" for g in groups)
    assert widgets[-1]["properties"]["query"] == (
        f"{sources} | fields @timestamp, image.source, image.target, image.digest, image.status, image.error"
        "\n| filter ispresent(image.status)"
        "\n| stats latest(image.status) as status, latest(image.digest) as digest, latest(image.error) as error, "
        "latest(@timestamp) as time by image.source, image.target"
        "\n| sort status asc"
    )


def test_dashboard_url_is_an_output_on_the_console_of_the_stacks_partition(default_template: Template) -> None:
    # One console domain per partition, as cdk.json targets aws and aws-cn (and GovCloud has its own):
    # https://docs.aws.amazon.com/general/latest/gr/mgmt-console.html,
    # https://docs.amazonaws.cn/en_us/aws/latest/userguide/general-info.html,
    # https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-iam.html
    template = default_template.to_json()
    ((mapping_id, mapping),) = [(k, v) for k, v in template["Mappings"].items() if k.startswith("ConsoleDomain")]
    assert mapping == {
        "aws": {"domain": "console.aws.amazon.com"},
        "aws-cn": {"domain": "console.amazonaws.cn"},
        "aws-us-gov": {"domain": "console.amazonaws-us-gov.com"},
    }
    dashboard = logical_id(default_template, "AWS::CloudWatch::Dashboard")
    assert template["Outputs"]["DashboardUrl"]["Value"] == {
        "Fn::Join": [
            "",
            [
                "https://",
                {"Fn::FindInMap": [mapping_id, {"Ref": "AWS::Partition"}, "domain"]},
                "/cloudwatch/home?region=",
                {"Ref": "AWS::Region"},
                "#dashboards:name=",
                {"Ref": dashboard},
            ],
        ]
    }


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
    assert failed == (
        'fields @timestamp, image.source, image.target, image.error\n| filter image.status = "failed"'
        "\n| sort @timestamp desc"
    )
    assert changed == (
        "fields @timestamp, image.source, image.target, image.previous_digest, image.digest, image.bytes"
        '\n| filter image.status = "copied"\n| sort @timestamp desc'
    )
