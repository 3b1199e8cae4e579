"""replicateTo: ECR replication of the mirror's prefix, as one rule merged into the registry's one replication
configuration by a custom resource (never CloudFormation's whole-registry resource, which would replace others')."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.settings import SettingsError
from tests.infra.stack_support import flatten, make_template

DESTINATIONS = [{"region": "eu-west-1"}, {"region": "us-east-1", "account": "111122223333"}]


@pytest.fixture(scope="module")
def replicated() -> Template:
    return make_template(replicateTo=DESTINATIONS)


def _rule(template: Template) -> dict[str, Any]:
    (rule,) = template.find_resources("Custom::EcrReplication").values()
    return dict(rule)


def test_one_rule_for_the_prefix_to_every_destination(replicated: Template) -> None:
    rule = _rule(replicated)["Properties"]
    (function,) = [k for k in replicated.find_resources("AWS::Lambda::Function") if k.startswith("Replication")]
    assert flatten(rule["ServiceToken"]) == f"${{{function}.Arn}}"
    assert rule["Prefix"] == "mirror"
    assert [{k: flatten(v) for k, v in d.items()} for d in rule["Destinations"]] == [
        {"region": "eu-west-1", "registryId": "${AWS::AccountId}"},
        {"region": "us-east-1", "registryId": "111122223333"},
    ]
    # Never the whole-registry resource: it would replace a configuration someone else keeps.
    assert replicated.find_resources("AWS::ECR::ReplicationConfiguration") == {}
    handler = replicated.find_resources("AWS::Lambda::Function")[function]["Properties"]["Handler"]
    assert handler == "ecr_mirror.function.replication_resource.handler"


def test_the_mirrors_own_registry_is_refused_as_a_destination(replicated: Template) -> None:
    rules = {k: v for k, v in replicated.to_json()["Rules"].items() if k != "CheckBootstrapVersion"}
    assert rules == {
        "ReplicateElsewhere": {
            "Assertions": [
                {
                    "Assert": {"Fn::Not": [{"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}]},
                    "AssertDescription": "replicateTo names eu-west-1 without an account: that is the mirror's own "
                    "registry; replicate to another region or account",
                }
            ]
        }
    }


def test_the_replication_role_may_create_only_ecrs_replication_service_linked_role(replicated: Template) -> None:
    statements = [
        s
        for p in replicated.find_resources("AWS::IAM::Policy").values()
        for s in p["Properties"]["PolicyDocument"]["Statement"]
        if s.get("Sid") == "ReplicationServiceLinkedRole"
    ]
    (statement,) = statements
    assert statement["Condition"] == {"StringEquals": {"iam:AWSServiceName": "replication.ecr.amazonaws.com"}}
    assert flatten(statement["Resource"]) == (
        "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/replication.ecr.amazonaws.com/"
        "AWSServiceRoleForECRReplication"
    )


def test_no_replication_by_default(default_template: Template) -> None:
    assert default_template.find_resources("Custom::EcrReplication") == {}
    assert "ReplicateElsewhere" not in default_template.to_json()["Rules"]


def test_replicate_to_from_the_command_line_as_json() -> None:
    template = make_template(replicateTo='[{"region":"ap-southeast-2"}]')
    assert [d["region"] for d in _rule(template)["Properties"]["Destinations"]] == ["ap-southeast-2"]


@pytest.mark.parametrize(
    "value",
    [
        [{"region": "Europe"}],
        [{"region": "eu-west-1", "account": "12"}],
        [{"zone": "eu-west-1"}],
        [{"region": "eu-west-1"}, {"region": "eu-west-1"}],
        '[{"region": "eu-west-1"',
    ],
)
def test_bad_destinations_name_the_key(value: object) -> None:
    with pytest.raises(SettingsError, match="replicateTo"):
        make_template(replicateTo=value)
