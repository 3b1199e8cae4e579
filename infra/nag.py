"""Every accepted cdk-nag AwsSolutions finding of the stack, with the reason it is acceptable here."""

from __future__ import annotations

from aws_cdk import Acknowledgment, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import IConstruct

from .mirror_function import MirrorFunction


def acknowledge_findings(
    *,
    roles: list[iam.IRole],
    functions: list[lambda_.IFunction],
    creation_role: iam.IRole | None,
    prefix: str,
    replication: MirrorFunction | None = None,
    organization_pull: list[IConstruct] | None = None,
) -> None:
    for role in roles:
        _acknowledge(
            role,
            "AwsSolutions-IAM5[Resource::*]",
            "Only ecr:GetAuthorizationToken and X-Ray's PutTraceSegments/PutTelemetryRecords have "
            "Resource '*': none of them supports resource-level permissions.",
        )
        _acknowledge(
            role,
            f"AwsSolutions-IAM5[Resource::{_nag_arn('ecr', f'repository/{prefix}/*')}]",
            "Push and pull are limited to the mirror's own prefix; the repositories under it are "
            "created on demand (the image list is edited at run time), so their names are not known.",
        )
    for function in functions:
        _acknowledge(
            function,
            "AwsSolutions-L1",
            "Python 3.13 is deliberate: dependencies are bundled as CPython 3.13 wheels "
            "(infra/bundling.py); change the runtime and PYTHON_VERSION together.",
        )
    for repository in organization_pull or []:
        _acknowledge(
            repository,
            "AwsSolutions-ECR1",
            "Principal '*' is bounded by StringEquals aws:PrincipalOrgID (context pullOrganizationId), and the "
            "statement allows only the three pull actions: no principal outside the organization can pull or write.",
        )
    if replication is not None:
        _acknowledge(
            replication.role,
            "AwsSolutions-IAM5[Resource::*]",
            "ecr:DescribeRegistry and ecr:PutReplicationConfiguration act on the registry and have no resource "
            "type: '*' is the only resource; the function keeps only the mirror's rule in the configuration.",
        )
        _acknowledge(
            replication.function,
            "AwsSolutions-L1",
            "Python 3.13 is deliberate: the same asset as the mirror function (infra/bundling.py).",
        )
    if creation_role is not None:
        _acknowledge(
            creation_role,
            "AwsSolutions-IAM5[Resource::*]",
            "The documented creation-template role policy: ECR creates grants on the AWS managed "
            "key aws/ecr, whose ARN is not known before the first KMS-encrypted repository.",
        )
        _acknowledge(
            creation_role,
            f"AwsSolutions-IAM5[Resource::{_nag_arn('ecr', f'repository/{prefix}/*')}]",
            "ECR may create repositories under the mirror's prefix only.",
        )


def _acknowledge(construct: IConstruct, rule: str, reason: str) -> None:
    Validations.of(construct).acknowledge(Acknowledgment(id=f"AwsSolutions::{rule}", reason=reason))


def _nag_arn(service: str, resource: str) -> str:
    """An ARN of this stack's account and region as cdk-nag prints it in finding ids."""
    return f"arn:<AWS::Partition>:{service}:<AWS::Region>:<AWS::AccountId>:{resource}"
