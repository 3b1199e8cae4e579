"""Least privilege, exactly: every AWS action granted to the function is one its code performs, and vice versa.

The AWS API calls are found in the function's code (function/, ecr/) by matching method names against the
botocore models of the services it uses; the registry API the engine speaks to ECR (Docker Registry HTTP API
V2) maps to the ECR actions AWS documents for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import botocore.session
from botocore import xform_name

from tests.infra.stack_support import ROOT, make_template, our_resources, statements

CODE = [ROOT / "lambda/ecr_mirror/function", ROOT / "lambda/ecr_mirror/ecr"]
# botocore name -> IAM prefix
SERVICES = {
    "ecr": "ecr",
    "ssm": "ssm",
    "secretsmanager": "secretsmanager",
    "dynamodb": "dynamodb",
    "events": "events",
    "sqs": "sqs",
}
# Batch APIs authorised by the single action
# (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-api-permissions-reference.html).
BATCH_ACTIONS = {"sqs:SendMessageBatch": "sqs:SendMessage"}
# What ECR checks for each registry API request the engine makes
# (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html, image-pull-iam.html):
REGISTRY_API = {
    "token for docker login": "ecr:GetAuthorizationToken",
    "HEAD/GET manifest, GET referrers": "ecr:BatchGetImage",
    "GET blob": "ecr:GetDownloadUrlForLayer",
    "HEAD blob": "ecr:BatchCheckLayerAvailability",
    "POST blob upload": "ecr:InitiateLayerUpload",
    "PATCH blob upload": "ecr:UploadLayerPart",
    "PUT blob upload": "ecr:CompleteLayerUpload",
    "PUT manifest": "ecr:PutImage",
}
_CALL = re.compile(r"\.get_paginator\(\s*\"(?P<paginated>[a-z_]+)\"|\.(?P<method>[a-z_]+)\(")


def _operations() -> dict[str, set[str]]:
    """snake_case method name -> IAM actions ("ssm:GetParameter") of every operation of the services used."""
    session = botocore.session.get_session()
    out: dict[str, set[str]] = {}
    for service, prefix in SERVICES.items():
        for operation in session.get_service_model(service).operation_names:
            action = f"{prefix}:{operation}"
            out.setdefault(xform_name(operation), set()).add(BATCH_ACTIONS.get(action, action))
    return out


# The replication custom resource's code runs in a function of its own, with a role of its own (checked below).
REPLICATION_CODE = {"replication_resource.py", "replication.py"}


def _called_actions(*, replication: bool = False) -> set[str]:
    operations = _operations()
    found: set[str] = set()
    for directory in CODE:
        for path in sorted(Path(directory).rglob("*.py")):
            if (path.name in REPLICATION_CODE) != replication:
                continue
            for match in _CALL.finditer(path.read_text(encoding="utf-8")):
                found |= operations.get(match["method"] or match["paginated"], set())
    return found


def _granted_actions(**context: str) -> set[str]:
    template = make_template(dockerHubSecret="dockerhub/ci", **context)
    (function,) = our_resources(template, "AWS::Lambda::Function").values()
    role = f"${{{function['Properties']['Role']['Fn::GetAtt'][0]}}}"
    return {
        action
        for statement in statements(template)
        if role in statement["Roles"]
        for action in statement["Action"]
        if action.split(":")[0] in SERVICES.values()
    }


def test_the_code_calls_what_the_scan_expects() -> None:
    # Guards the scan itself: these calls exist, so a scan finding none of them would prove nothing.
    assert {
        "ssm:GetParameter",
        "ssm:GetParametersByPath",
        "ecr:GetAuthorizationToken",
        "ecr:CreateRepository",
        "ecr:PutLifecyclePolicy",
        "secretsmanager:GetSecretValue",
    } <= _called_actions()


def test_every_granted_action_is_used_and_every_used_action_granted() -> None:
    used = _called_actions() | set(REGISTRY_API.values())
    granted = _granted_actions(pullAccountIds="111122223333")  # with every optional call switched on
    assert granted - used == set(), "granted but never used"
    assert used - granted == set(), "used but not granted"


def test_setting_a_pull_policy_is_granted_only_when_one_is_configured() -> None:
    assert "ecr:SetRepositoryPolicy" in _called_actions()
    assert "ecr:SetRepositoryPolicy" not in _granted_actions()


def test_the_replication_function_may_do_exactly_what_its_code_calls() -> None:
    template = make_template(replicateTo='[{"region": "eu-west-1"}]')
    functions = template.find_resources("AWS::Lambda::Function")
    (function,) = [f for logical, f in functions.items() if logical.startswith("Replication")]
    role = f"${{{function['Properties']['Role']['Fn::GetAtt'][0]}}}"
    policies = [p for p in template.find_resources("AWS::IAM::Policy").values()]
    granted = {
        action
        for policy in policies
        if role in [str(r) for r in [f"${{{x['Ref']}}}" for x in policy["Properties"].get("Roles", [])]]
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        for action in (statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]])
        if action.startswith("ecr:")
    }
    assert _called_actions(replication=True) == {"ecr:DescribeRegistry", "ecr:PutReplicationConfiguration"}
    assert granted == _called_actions(replication=True)
