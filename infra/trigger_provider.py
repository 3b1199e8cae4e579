"""Least privilege for aws-cdk-lib's trigger provider: the stack-wide Lambda function behind `triggers.Trigger`.

CDK gives its role the managed AWSLambdaBasicExecutionRole (logs:CreateLogGroup, and writes to every log group of
the account) and lets Lambda create its log group, kept for ever. Here the managed policy goes, an inline policy
writes to one log group of our own, and that group keeps logs as long as the stack's others. The function is
pointed at it with LoggingConfig.LogGroup, so Lambda never creates a group of its own
(https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-loggroups.html); cdk-nag does not flag
either (tests/infra/test_infra_triggers.py does).
"""

from __future__ import annotations

from aws_cdk import CfnResource, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from constructs import Construct

from .mirror_function import retention_days

PROVIDER_ID = "AWSCDK.TriggerCustomResourceProviderCustomResourceProvider"


def harden_trigger_provider(stack: Stack, *, log_retention_days: int) -> None:
    """Call after the stack's Trigger exists (the provider is created with the first one)."""
    provider = stack.node.find_child(PROVIDER_ID)
    role = provider.node.find_child("Role")
    handler = provider.node.find_child("Handler")
    assert isinstance(provider, Construct) and isinstance(role, CfnResource) and isinstance(handler, CfnResource)
    role.add_property_deletion_override("ManagedPolicyArns")
    scope = Construct(provider, "Logs")
    group = logs.LogGroup(
        scope, "LogGroup", retention=retention_days(log_retention_days), removal_policy=RemovalPolicy.DESTROY
    )
    policy = iam.CfnPolicy(
        scope,
        "Policy",
        policy_name="WriteOwnLogs",
        roles=[role.ref],
        policy_document=iam.PolicyDocument(
            statements=[
                iam.PolicyStatement(
                    sid="WriteOwnLogs",
                    actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                    resources=[group.log_group_arn],
                )
            ]
        ),
    )
    handler.add_property_override("LoggingConfig", {"LogGroup": group.log_group_name})
    handler.add_dependency(policy)
    handler.node.add_dependency(group)
