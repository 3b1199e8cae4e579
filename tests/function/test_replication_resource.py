"""The replication custom resource: the mirror's rule is merged into the registry's one replication configuration,
never replacing the rules already there, and taken out again on delete; limits fail the deploy.

moto refuses configurations of more than one rule ("This feature is disabled") although ECR takes up to 10
(https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_ReplicationConfiguration.html): the merge is tested
against a registry stand-in that keeps the configuration as ECR documents it, the single-rule path against moto."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import boto3
import pytest

from ecr_mirror.function.replication_resource import handle, handler

OURS = [{"region": "eu-west-1", "registryId": "123456789012"}]
THEIRS = {
    "destinations": [{"region": "us-west-2", "registryId": "123456789012"}],
    "repositoryFilters": [{"filter": "team", "filterType": "PREFIX_MATCH"}],
}
OUR_RULE = {"destinations": OURS, "repositoryFilters": [{"filter": "mirror", "filterType": "PREFIX_MATCH"}]}


@pytest.fixture
def answers() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A stand-in for CloudFormation's pre-signed response URL: records every answer."""
    got: list[dict[str, Any]] = []

    class Record(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/answer", got
    server.shutdown()
    server.server_close()


def _event(url: str, kind: str, physical: str | None = None) -> dict[str, Any]:
    event = {
        "RequestType": kind,
        "ResponseURL": url,
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/EcrMirror/x",
        "RequestId": "r-1",
        "LogicalResourceId": "Replication",
        "ResourceProperties": {"Prefix": "mirror", "Destinations": OURS},
    }
    if physical:
        event["PhysicalResourceId"] = physical
    return event


def _rules() -> list[dict[str, Any]]:
    ecr: Any = boto3.client("ecr")
    configuration = ecr.describe_registry().get("replicationConfiguration") or {}
    return [dict(rule) for rule in configuration.get("rules") or []]


class Registry:
    """DescribeRegistry / PutReplicationConfiguration as ECR documents them: one configuration, replaced whole."""

    def __init__(self, rules: list[dict[str, Any]]) -> None:
        self.configuration: dict[str, Any] = {"rules": rules}
        self.puts = 0

    def describe_registry(self) -> dict[str, Any]:
        return {"registryId": "123456789012", "replicationConfiguration": json.loads(json.dumps(self.configuration))}

    def put_replication_configuration(self, replicationConfiguration: dict[str, Any]) -> None:
        assert len(replicationConfiguration["rules"]) <= 10
        self.configuration = replicationConfiguration
        self.puts += 1


def test_the_mirror_rule_joins_the_existing_rules_and_leaves_with_the_stack(
    answers: tuple[str, list[dict[str, Any]]],
) -> None:
    url, got = answers
    registry = Registry([THEIRS])

    handle(_event(url, "Create"), registry)
    assert registry.configuration["rules"] == [THEIRS, OUR_RULE]  # theirs kept, ours added: never replaced
    assert (got[-1]["Status"], got[-1]["PhysicalResourceId"]) == ("SUCCESS", "ecr-replication/mirror")

    handle(_event(url, "Update", "ecr-replication/mirror"), registry)
    assert registry.configuration["rules"] == [THEIRS, OUR_RULE]  # the same rule again, not a second one
    assert registry.puts == 1  # nothing to change: nothing written

    handle(_event(url, "Delete", "ecr-replication/mirror"), registry)
    assert registry.configuration["rules"] == [THEIRS]
    assert got[-1]["Status"] == "SUCCESS"


def test_a_full_configuration_fails_the_deploy_and_changes_nothing(answers: tuple[str, list[dict[str, Any]]]) -> None:
    url, got = answers
    full = [{**THEIRS, "repositoryFilters": [{"filter": f"team{n}", "filterType": "PREFIX_MATCH"}]} for n in range(10)]
    registry = Registry(full)

    handle(_event(url, "Create"), registry)

    assert registry.puts == 0 and registry.configuration["rules"] == full
    assert got[-1]["Status"] == "FAILED"
    assert "already has 10 rules of its own; ECR allows 10" in got[-1]["Reason"]
    # The rollback's delete of the failed resource leaves the configuration alone too.
    handle(_event(url, "Delete", got[-1]["PhysicalResourceId"]), registry)
    assert registry.puts == 0


def test_on_moto_the_rule_is_put_and_removed(aws: None, answers: tuple[str, list[dict[str, Any]]]) -> None:
    url, got = answers
    handler(_event(url, "Create"), None)
    assert _rules() == [OUR_RULE]
    handler(_event(url, "Delete", "ecr-replication/mirror"), None)
    assert _rules() == []
    assert [a["Status"] for a in got] == ["SUCCESS", "SUCCESS"]


@pytest.fixture
def requests_seen() -> Iterator[tuple[str, list[tuple[str, dict[str, str], dict[str, Any]]]]]:
    """Like `answers`, keeping each request's method and headers too."""
    got: list[tuple[str, dict[str, str], dict[str, Any]]] = []

    class Record(BaseHTTPRequestHandler):
        def _record(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            got.append((self.command, {k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
            self.end_headers()

        do_PUT = do_POST = _record

        def log_message(self, *_: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/answer", got
    server.shutdown()
    server.server_close()


def test_the_answer_is_a_put_of_the_whole_response_object(
    requests_seen: tuple[str, list[tuple[str, dict[str, str], dict[str, Any]]]],
) -> None:
    url, got = requests_seen
    handle(_event(url, "Create"), Registry([]))
    method, headers, body = got[-1]
    assert method == "PUT"
    assert headers["content-type"] == ""  # the pre-signed URL was signed without one
    assert body == {
        "Status": "SUCCESS",
        "Reason": "ok",
        "PhysicalResourceId": "ecr-replication/mirror",
        "StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/EcrMirror/x",
        "RequestId": "r-1",
        "LogicalResourceId": "Replication",
    }


def test_a_failure_answers_its_reason_cut_at_3000_characters_under_a_physical_id_of_its_own(
    answers: tuple[str, list[dict[str, Any]]], caplog: pytest.LogCaptureFixture
) -> None:
    url, got = answers

    class Refusing(Registry):
        def put_replication_configuration(self, replicationConfiguration: dict[str, Any]) -> None:
            from botocore.exceptions import ClientError

            raise ClientError({"Error": {"Code": "ValidationException", "Message": "x" * 4000}}, "Put")

    handle(_event(url, "Create"), Refusing([]))
    assert got[-1]["Status"] == "FAILED"
    assert got[-1]["PhysicalResourceId"] == "ecr-replication/mirror/failed"
    reason = got[-1]["Reason"]
    assert len(reason) == 3000
    assert reason.startswith("cannot update the registry's replication configuration: ValidationException")
    # The function's log says the same, whole.
    logged = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert logged == [
        f"replication rule not applied: cannot update the registry's replication configuration: "
        f"ValidationException: {'x' * 4000}"
    ]
    # A delete answers the physical id CloudFormation gave, whatever it is.
    handle(_event(url, "Delete", "ecr-replication/mirror/failed"), Refusing([]))
    assert (got[-1]["Status"], got[-1]["PhysicalResourceId"]) == ("SUCCESS", "ecr-replication/mirror/failed")


def test_an_update_that_changes_the_prefix_moves_the_rule(answers: tuple[str, list[dict[str, Any]]]) -> None:
    url, got = answers
    registry = Registry([THEIRS])
    handle(_event(url, "Create"), registry)
    moved = _event(url, "Update", "ecr-replication/mirror")
    moved["ResourceProperties"] = {"Prefix": "hub", "Destinations": OURS}
    moved["OldResourceProperties"] = {"Prefix": "mirror", "Destinations": OURS}
    handle(moved, registry)
    hub_rule = {"destinations": OURS, "repositoryFilters": [{"filter": "hub", "filterType": "PREFIX_MATCH"}]}
    assert registry.configuration["rules"] == [THEIRS, hub_rule]
    assert (got[-1]["Status"], got[-1]["PhysicalResourceId"]) == ("SUCCESS", "ecr-replication/hub")
    # An update without old properties keeps the prefix it has; without destinations the rule is taken out.
    same = _event(url, "Update", "ecr-replication/hub")
    same["ResourceProperties"] = {"Prefix": "hub"}
    handle(same, registry)
    assert registry.configuration["rules"] == [THEIRS]
    assert got[-1]["Status"] == "SUCCESS"


def test_a_delete_of_another_physical_id_leaves_the_rules_alone(answers: tuple[str, list[dict[str, Any]]]) -> None:
    url, got = answers
    registry = Registry([THEIRS, OUR_RULE])
    handle(_event(url, "Delete", "ecr-replication/other"), registry)
    handle(_event(url, "Delete"), registry)
    assert registry.configuration["rules"] == [THEIRS, OUR_RULE] and registry.puts == 0
    assert [(a["Status"], a["PhysicalResourceId"]) for a in got] == [
        ("SUCCESS", "ecr-replication/other"),
        ("SUCCESS", None),
    ]
    # Without properties the prefix is empty: the physical id says so.
    bare = {k: v for k, v in _event(url, "Create").items() if k != "ResourceProperties"}
    handle(bare, Registry([]))
    assert got[-1]["PhysicalResourceId"] == "ecr-replication/"


def test_the_answer_to_cloudformation_gives_up_after_30_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    # A response URL that never answers must not hold the function until Lambda's own timeout.
    import urllib.request

    opened: list[tuple[str, float | None]] = []

    class Answer:
        def __enter__(self) -> Answer:
            return self

        def __exit__(self, *_: object) -> None:
            return None

        def read(self) -> bytes:
            return b""

    def urlopen(request: urllib.request.Request, timeout: float | None = None) -> Answer:
        opened.append((request.full_url, timeout))
        return Answer()

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    handle(_event("https://cloudformation.example/answer", "Create"), Registry([]))
    assert opened == [("https://cloudformation.example/answer", 30)]
