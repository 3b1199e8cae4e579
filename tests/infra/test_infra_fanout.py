"""Fan-out in the stack: the FIFO work queue and its dead-letter queue, the worker function and its mapping,
and permissions scoped to the queue (the planner may only send; the worker consumes through the mapping)."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.settings import SettingsError
from tests.infra.stack_support import fanout_resources, flatten, make_template, only

# What Lambda's event source mapping needs of the queue (CDK's grant_consume_messages).
CONSUME = {
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
}


def _one(template: Template, kind: str) -> tuple[str, dict[str, Any]]:
    found = fanout_resources(template, kind)
    assert len(found) == 1, f"expected one fan-out {kind}, found {len(found)}"
    ((logical, resource),) = found.items()
    return logical, resource


def _queues(template: Template) -> tuple[tuple[str, dict[str, Any]], tuple[str, dict[str, Any]]]:
    found = fanout_resources(template, "AWS::SQS::Queue")
    (work,) = [(k, v) for k, v in found.items() if "RedrivePolicy" in v["Properties"]]
    (dead,) = [(k, v) for k, v in found.items() if "RedrivePolicy" not in v["Properties"]]
    return work, dead


def _role_actions(template: Template, role_logical: str) -> dict[str, list[str]]:
    """Action -> flattened resources, over every policy statement attached to one role."""
    out: dict[str, list[str]] = {}
    for policy in template.find_resources("AWS::IAM::Policy").values():
        roles = [flatten(r) for r in policy["Properties"].get("Roles", [])]
        if f"${{{role_logical}}}" not in roles:
            continue
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            found = flatten(statement["Resource"])
            for action in actions:
                out.setdefault(action, []).extend(found if isinstance(found, list) else [found])
    return out


def test_the_work_queue_is_fifo_with_visibility_six_times_the_timeout_and_a_fifo_dead_letter_queue(
    default_template: Template,
) -> None:
    (_, work), (dead_id, dead) = _queues(default_template)
    props = work["Properties"]
    assert props["FifoQueue"] is True and dead["Properties"]["FifoQueue"] is True
    assert "ContentBasedDeduplication" not in props  # the planner sets target + upstream digest as the id
    assert props["VisibilityTimeout"] == 6 * 900
    assert props["SqsManagedSseEnabled"] is True and dead["Properties"]["SqsManagedSseEnabled"] is True
    redrive = props["RedrivePolicy"]
    assert redrive["maxReceiveCount"] == 3
    assert flatten(redrive["deadLetterTargetArn"]) == f"${{{dead_id}.Arn}}"


def test_the_worker_consumes_one_message_at_a_time_reporting_partial_failures(default_template: Template) -> None:
    (work_id, _), _ = _queues(default_template)
    _, mapping = _one(default_template, "AWS::Lambda::EventSourceMapping")
    props = mapping["Properties"]
    assert props["BatchSize"] == 1
    assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert props["ScalingConfig"] == {"MaximumConcurrency": 5}
    assert flatten(props["EventSourceArn"]) == f"${{{work_id}.Arn}}"
    worker_id, worker = _one(default_template, "AWS::Lambda::Function")
    assert flatten(props["FunctionName"]) == f"${{{worker_id}}}"
    assert worker["Properties"]["Handler"] == "ecr_mirror.function.worker.handler"
    assert worker["Properties"]["Timeout"] == 900
    assert "ReservedConcurrentExecutions" not in worker["Properties"]


def test_worker_concurrency_comes_from_context_and_is_checked() -> None:
    _, mapping = _one(make_template(workerConcurrency=12), "AWS::Lambda::EventSourceMapping")
    assert mapping["Properties"]["ScalingConfig"] == {"MaximumConcurrency": 12}
    with pytest.raises(SettingsError, match="workerConcurrency"):
        make_template(workerConcurrency=1)


def test_the_planner_may_only_send_to_the_queue_and_knows_its_url_and_thresholds(default_template: Template) -> None:
    (work_id, _), _ = _queues(default_template)
    planner = only(default_template, "AWS::Lambda::Function")["Properties"]
    env = planner["Environment"]["Variables"]
    assert flatten(env["ECR_MIRROR_WORK_QUEUE_URL"]) == f"${{{work_id}}}"
    assert (env["ECR_MIRROR_FANOUT_ABOVE_IMAGES"], env["ECR_MIRROR_FANOUT_PULLS_PER_IMAGE"]) == ("20", "10")
    actions = _role_actions(default_template, planner["Role"]["Fn::GetAtt"][0])
    sqs = {a: r for a, r in actions.items() if a.startswith("sqs:")}
    assert sqs == {"sqs:SendMessage": [f"${{{work_id}.Arn}}"]}


def test_the_worker_copies_with_the_planners_rights_but_consumes_instead_of_sending(default_template: Template) -> None:
    (work_id, _), _ = _queues(default_template)
    planner = only(default_template, "AWS::Lambda::Function")["Properties"]
    _, worker = _one(default_template, "AWS::Lambda::Function")
    planner_actions = _role_actions(default_template, planner["Role"]["Fn::GetAtt"][0])
    worker_actions = _role_actions(default_template, worker["Properties"]["Role"]["Fn::GetAtt"][0])
    assert {a for a in worker_actions if a.startswith("sqs:")} == CONSUME
    assert all(worker_actions[a] == [f"${{{work_id}.Arn}}"] for a in CONSUME)
    copying = {a for a in planner_actions if not a.startswith(("sqs:", "logs:", "ssm:"))}
    assert copying == {a for a in worker_actions if not a.startswith(("sqs:", "logs:"))}
    assert not [a for a in worker_actions if a.startswith("ssm:")]  # its image comes in its message
    env = dict(worker["Properties"]["Environment"]["Variables"])
    assert "ECR_MIRROR_WORK_QUEUE_URL" not in env
    assert env["ECR_MIRROR_REPOSITORY_PREFIX"] == "mirror" and "ECR_MIRROR_BEHIND_TABLE" in env


def _fanout_alarms(template: Template) -> dict[str, dict[str, Any]]:
    alarms = [a["Properties"] for a in fanout_resources(template, "AWS::CloudWatch::Alarm").values()]
    return {a["MetricName"]: a for a in alarms}


def test_a_message_in_the_dead_letter_queue_raises_an_alarm(default_template: Template) -> None:
    _, (dead_id, _) = _queues(default_template)
    alarm = _fanout_alarms(default_template)["ApproximateNumberOfMessagesVisible"]
    assert flatten(alarm["Dimensions"][0]["Value"]) == f"${{{dead_id}.QueueName}}"
    assert alarm["Threshold"] == 1


def test_fanout_off_deploys_no_queue_and_no_worker() -> None:
    template = make_template(fanout=False)
    assert template.find_resources("AWS::SQS::Queue") == {}
    assert fanout_resources(template, "AWS::Lambda::Function") == {}
    env = only(template, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    assert "ECR_MIRROR_WORK_QUEUE_URL" not in env


def test_the_dashboard_table_reads_the_worker_log_too(default_template: Template) -> None:
    body = flatten(only(default_template, "AWS::CloudWatch::Dashboard")["Properties"]["DashboardBody"])
    assert body.count("SOURCE '") == 2


@pytest.mark.parametrize("metric", ["Errors", "Throttles"])
def test_a_worker_crash_timeout_or_throttle_alarms_at_once(default_template: Template, metric: str) -> None:
    # Not only through the dead-letter queue, three receives x 90 minutes later.
    worker, _ = _one(default_template, "AWS::Lambda::Function")
    alarm = _fanout_alarms(default_template)[metric]
    assert alarm["Namespace"] == "AWS/Lambda"
    assert [(d["Name"], flatten(d["Value"])) for d in alarm["Dimensions"]] == [("FunctionName", f"${{{worker}}}")]
    assert (alarm["Statistic"], alarm["Period"], alarm["EvaluationPeriods"]) == ("Sum", 900, 1)
    assert (alarm["ComparisonOperator"], alarm["Threshold"]) == ("GreaterThanOrEqualToThreshold", 1)
    assert alarm["TreatMissingData"] == "notBreaching"
    assert "AlarmActions" not in alarm


def test_the_worker_alarms_notify_the_topic() -> None:
    template = make_template(alarmEmail="ops@example.com")
    (topic,) = template.find_resources("AWS::SNS::Topic")
    alarms = _fanout_alarms(template)
    assert set(alarms) == {"ApproximateNumberOfMessagesVisible", "Errors", "Throttles"}
    for alarm in alarms.values():
        assert [flatten(a) for a in alarm["AlarmActions"]] == [f"${{{topic}}}"]
