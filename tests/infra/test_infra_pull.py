"""Pulling from other accounts: pullOrganizationId / pullAccountIds give every repository the mirror owns (the
stack's, the creation template's, those the function creates) a pull-only repository policy, and nothing else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aws_cdk.assertions import Template

from infra.settings import SettingsError
from tests.infra.stack_support import fanout_resources, make_template, only, resources, statements

ORG = "o-a1b2c3d4e5"
ACCOUNTS = ["111122223333", "444455556666"]
PULL = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
BOTH = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "PullFromOrganization",
            "Effect": "Allow",
            "Principal": "*",
            "Action": PULL,
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG}},
        },
        {"Sid": "PullFromAccounts", "Effect": "Allow", "Principal": {"AWS": ACCOUNTS}, "Action": PULL},
    ],
}


@pytest.fixture(scope="module")
def pull_template() -> Template:
    return make_template(pullOrganizationId=ORG, pullAccountIds=ACCOUNTS)


def _env(template: Template) -> dict[str, Any]:
    env: dict[str, Any] = only(template, "AWS::Lambda::Function")["Properties"]["Environment"]["Variables"]
    return env


def test_every_repository_and_the_creation_template_get_the_pull_only_policy(pull_template: Template) -> None:
    repositories = resources(pull_template, "AWS::ECR::Repository")
    assert len(repositories) == 5
    for repo in repositories:
        assert repo["Properties"]["RepositoryPolicyText"] == BOTH
    creation = only(pull_template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert json.loads(creation["RepositoryPolicy"]) == BOTH


def test_the_functions_create_repositories_with_the_same_policy_and_may_set_it(pull_template: Template) -> None:
    env = _env(pull_template)
    assert (env["ECR_MIRROR_PULL_ORGANIZATION"], env["ECR_MIRROR_PULL_ACCOUNTS"]) == (ORG, ",".join(ACCOUNTS))
    (worker,) = fanout_resources(pull_template, "AWS::Lambda::Function").values()
    assert worker["Properties"]["Environment"]["Variables"]["ECR_MIRROR_PULL_ACCOUNTS"] == ",".join(ACCOUNTS)
    (granted,) = [s for s in statements(pull_template) if "ecr:SetRepositoryPolicy" in s["Action"]]
    assert granted["Resource"] == ["arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/mirror/*"]


def test_without_the_settings_no_policy_no_variable_no_permission(default_template: Template) -> None:
    for repo in resources(default_template, "AWS::ECR::Repository"):
        assert "RepositoryPolicyText" not in repo["Properties"]
    assert "RepositoryPolicy" not in only(default_template, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert not {"ECR_MIRROR_PULL_ORGANIZATION", "ECR_MIRROR_PULL_ACCOUNTS"} & set(_env(default_template))
    assert not [s for s in statements(default_template) if "ecr:SetRepositoryPolicy" in s["Action"]]


def test_the_organization_alone_and_accounts_from_the_command_line() -> None:
    org_only = make_template(pullOrganizationId=ORG)
    creation = only(org_only, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
    assert json.loads(creation["RepositoryPolicy"])["Statement"] == [BOTH["Statement"][0]]
    for text in ("111122223333,444455556666", '["111122223333", "444455556666"]'):
        accounts = make_template(pullAccountIds=text)  # -c pullAccountIds=... arrives as a string
        creation = only(accounts, "AWS::ECR::RepositoryCreationTemplate")["Properties"]
        assert json.loads(creation["RepositoryPolicy"])["Statement"] == [BOTH["Statement"][1]]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("pullOrganizationId", "org-123"),
        ("pullOrganizationId", "o-SHOUT12345"),
        ("pullAccountIds", ["12345"]),
        ("pullAccountIds", "111122223333,abc"),
        ("pullAccountIds", '{"a": 1}'),
    ],
)
def test_bad_pull_settings_name_the_key(key: str, value: object) -> None:
    with pytest.raises(SettingsError, match=key):
        make_template(**{key: value})
