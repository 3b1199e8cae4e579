"""ECR replication of the mirror's prefix to other regions and accounts (context `replicateTo`).

A registry has one replication configuration, and CloudFormation's AWS::ECR::ReplicationConfiguration writes it
whole (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-replicationconfiguration.html,
PutReplicationConfiguration "creates or updates"): it would silently replace rules someone else keeps there.
So a small custom resource (function/replication_resource.py) merges the mirror's one rule into what exists and
takes it out again on delete, refusing (and failing the deploy, nothing written) past ECR's 10 rules.
A destination equal to the source registry (same region, same account) is refused by a template rule: replication
there would replicate the mirror onto itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from aws_cdk import Aws, CfnRule, CfnRuleAssertion, CustomResource, Fn, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .mirror_function import MirrorFunction

REPLICATION_HANDLER = "ecr_mirror.function.replication_resource.handler"
Destination = tuple[str, str | None]  # (region, account or None for this account)


class MirrorReplication(Construct):
    """`function` (its role may only read and write the registry's replication configuration) and `rule`."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        code: lambda_.Code,
        prefix: str,
        destinations: Sequence[Destination],
        log_retention_days: int,
    ) -> None:
        super().__init__(scope, construct_id)
        self.function = MirrorFunction(
            self,
            "Function",
            code=code,
            memory_size=256,
            reserved_concurrency=None,
            log_retention_days=log_retention_days,
            environment={},
            handler=REPLICATION_HANDLER,
            description="ecr-mirror: keeps the mirror's rule in the registry's replication configuration",
        )
        role = self.function.role
        # Registry-level actions have no resource type: "*"
        # (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerregistry.html).
        role.add_to_principal_policy(
            iam.PolicyStatement(
                sid="RegistryReplication",
                actions=["ecr:DescribeRegistry", "ecr:PutReplicationConfiguration"],
                resources=["*"],
            )
        )
        # The first PutReplicationConfiguration creates ECR's replication service-linked role
        # (https://docs.aws.amazon.com/AmazonECR/latest/userguide/using-service-linked-roles.html).
        role.add_to_principal_policy(
            iam.PolicyStatement(
                sid="ReplicationServiceLinkedRole",
                actions=["iam:CreateServiceLinkedRole"],
                resources=[
                    Stack.of(self).format_arn(
                        service="iam",
                        region="",
                        resource="role",
                        resource_name="aws-service-role/replication.ecr.amazonaws.com/AWSServiceRoleForECRReplication",
                    )
                ],
                conditions={"StringEquals": {"iam:AWSServiceName": "replication.ecr.amazonaws.com"}},
            )
        )
        self.rule = CustomResource(
            self,
            "Rule",
            service_token=self.function.function.function_arn,
            resource_type="Custom::EcrReplication",
            properties={
                "Prefix": prefix,
                "Destinations": [{"region": r, "registryId": a or Aws.ACCOUNT_ID} for r, a in destinations],
            },
        )
        self.rule.node.add_dependency(role)
        same_account = [region for region, account in destinations if account is None]
        if same_account:
            CfnRule(
                Stack.of(self),
                "ReplicateElsewhere",
                assertions=[
                    CfnRuleAssertion(
                        assert_=Fn.condition_not(Fn.condition_equals(Aws.REGION, region)),
                        assert_description=f"replicateTo names {region} without an account: that is the mirror's "
                        "own registry; replicate to another region or account",
                    )
                    for region in same_account
                ],
            )
