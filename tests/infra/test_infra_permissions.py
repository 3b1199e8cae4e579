"""Least privilege: the prefix's repositories, the one parameter, the one secret, nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Template

from tests.infra.stack_support import logical_id, make_template, our_resources, statements

ECR_ACTIONS = {
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
    "ecr:PutImage",
    "ecr:CreateRepository",
    "ecr:PutLifecyclePolicy",
}


def _function_statements(template: Template) -> list[dict[str, Any]]:
    function = our_resources(template, "AWS::Lambda::Function")
    (props,) = (resource["Properties"] for resource in function.values())
    role = f"${{{props['Role']['Fn::GetAtt'][0]}}}"
    found = [statement for statement in statements(template) if role in statement["Roles"]]
    assert found
    return found


def _arn(service: str, resource: str) -> str:
    """An ARN in the stack's own partition, region and account, as `flatten` renders it."""
    return f"arn:${{AWS::Partition}}:{service}:${{AWS::Region}}:${{AWS::AccountId}}:{resource}"


def _granting(found: list[dict[str, Any]], action: str) -> list[dict[str, Any]]:
    return [statement for statement in found if action in statement["Action"]]


def test_ecr_push_and_pull_only_under_the_prefix(default_template: Template) -> None:
    found = _function_statements(default_template)
    ecr = [s for s in found if any(a.startswith("ecr:") for a in s["Action"])]
    scoped = [s for s in ecr if s["Resource"] == [_arn("ecr", "repository/mirror/*")]]
    assert len(scoped) == 1
    assert set(scoped[0]["Action"]) == ECR_ACTIONS
    assert all(s["Effect"] == "Allow" for s in found)


def test_only_get_authorization_token_has_resource_star(default_template: Template) -> None:
    for statement in _function_statements(default_template):
        if "*" in statement["Resource"]:
            assert not [a for a in statement["Action"] if a.startswith("ecr:") and a != "ecr:GetAuthorizationToken"]
            assert set(statement["Action"]) <= {
                "ecr:GetAuthorizationToken",
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
            }
        assert not any(action.endswith("*") for action in statement["Action"]), statement
    (token,) = _granting(_function_statements(default_template), "ecr:GetAuthorizationToken")
    assert token["Resource"] == ["*"]


def test_prefix_scopes_the_ecr_statement() -> None:
    found = _function_statements(make_template(prefix="team/ci"))
    (statement,) = _granting(found, "ecr:PutImage")
    assert statement["Resource"] == [_arn("ecr", "repository/team/ci/*")]


@pytest.mark.parametrize("name", ["/ecr-mirror/images", "ecr-mirror-images"])
def test_reads_only_its_parameter(name: str) -> None:
    ssm = [
        s
        for s in _function_statements(make_template(parameterName=name))
        if any(a.startswith("ssm:") for a in s["Action"])
    ]
    by_action = {action: s["Resource"] for s in ssm for action in s["Action"]}
    assert by_action == {
        "ssm:GetParameter": [_arn("ssm", "parameter/" + name.lstrip("/"))],
        # On the path itself: access to a path covers the parameters below it.
        "ssm:GetParametersByPath": [_arn("ssm", "parameter/ecr-mirror/images")],
    }


def test_no_path_no_path_permission() -> None:
    ssm = [
        s
        for s in _function_statements(make_template(parameterPath="off"))
        if any(a.startswith("ssm:") for a in s["Action"])
    ]
    assert [a for s in ssm for a in s["Action"]] == ["ssm:GetParameter"]


def test_writes_only_its_log_group(default_template: Template) -> None:
    (logs,) = _granting(_function_statements(default_template), "logs:PutLogEvents")
    assert set(logs["Action"]) == {"logs:CreateLogStream", "logs:PutLogEvents"}
    assert logs["Resource"] == [f"${{{logical_id(default_template, 'AWS::Logs::LogGroup')}.Arn}}"]


def test_no_secret_access_without_a_configured_secret(default_template: Template) -> None:
    for statement in statements(default_template):
        assert not [a for a in statement["Action"] if a.startswith("secretsmanager:")]


@pytest.mark.parametrize(
    ("reference", "resource"),
    [
        ("dockerhub/ci", _arn("secretsmanager", "secret:dockerhub/ci-??????")),
        (
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-??????",
        ),
        (
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-AbC123",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-AbC123",
        ),
    ],
)
def test_reads_only_the_configured_secret(reference: str, resource: str) -> None:
    found = _function_statements(make_template(dockerHubSecret=reference))
    secrets = [s for s in found if any(a.startswith("secretsmanager:") for a in s["Action"])]
    assert len(secrets) == 1
    assert secrets[0]["Action"] == ["secretsmanager:GetSecretValue"]
    assert secrets[0]["Resource"] == [resource]
