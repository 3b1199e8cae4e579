"""ECR repositories for the initial image list, and a creation template for every image added later.

Both carry the same settings as the repositories the function creates itself (ecr_mirror/ecr/repositories.py):
encryption, MUTABLE tags (a mirrored tag moves when upstream re-tags), and a lifecycle rule keeping the newest
K untagged images (that module says why not an age). The template (CREATE_ON_PUSH) makes ECR create a missing
repository under the prefix when the function first pushes to it, so an image added to the parameter needs no
redeploy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_iam as iam
from constructs import Construct

from ecr_mirror.ecr.repositories import lifecycle_policy_text, pull_policy_text

from .settings import Encryption


def construct_id_for(repository_name: str) -> str:
    """A readable, stable construct id: adding or removing an image never renames the others."""
    return repository_name.replace("/", "_")


class MirrorRepositories(Construct):
    """`repositories` maps each pre-created repository name to its Repository; `template` is the L1."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        prefix: str,
        names: Iterable[str],
        encryption: Encryption,
        untagged_keep: int,
        destroy: bool,
        pull_organization: str | None = None,
        pull_accounts: tuple[str, ...] = (),
    ) -> None:
        super().__init__(scope, construct_id)
        self.prefix = prefix
        self.repositories: dict[str, ecr.Repository] = {}
        policy = lifecycle_policy_text(untagged_keep)
        # Pull-only access for other accounts: the same text on the stack's repositories, the creation template's
        # and those the function creates (ecr_mirror/ecr/repositories.py).
        pull = pull_policy_text(pull_organization, pull_accounts)
        for name in names:
            repository = self.repositories[name] = ecr.Repository(
                self,
                construct_id_for(name),
                repository_name=name,
                encryption=ecr.RepositoryEncryption.KMS if encryption == "KMS" else ecr.RepositoryEncryption.AES_256,
                image_tag_mutability=ecr.TagMutability.MUTABLE,
                image_scan_on_push=True,
                # RetainExceptOnCreate: kept on update and delete, but a create that rolls back removes it, so
                # the retry of a failed first deploy does not fail with "already exists".
                removal_policy=RemovalPolicy.DESTROY if destroy else RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
                empty_on_delete=True if destroy else None,
            )
            if policy is not None:
                # The policy document itself rather than CDK's LifecycleRule: the same text as the creation
                # template's and the function's own (ecr_mirror.ecr.repositories).
                cfn = repository.node.default_child
                assert isinstance(cfn, ecr.CfnRepository)
                cfn.lifecycle_policy = ecr.CfnRepository.LifecyclePolicyProperty(lifecycle_policy_text=policy)
            if pull is not None:
                cfn = repository.node.default_child
                assert isinstance(cfn, ecr.CfnRepository)
                cfn.repository_policy_text = json.loads(pull)
        self.creation_role = self._creation_role() if encryption == "KMS" else None
        self.template = ecr.CfnRepositoryCreationTemplate(
            self,
            "CreationTemplate",
            prefix=prefix,
            applied_for=["CREATE_ON_PUSH"],
            description=f"ecr-mirror: settings for repositories created on push under {prefix}/",
            encryption_configuration=ecr.CfnRepositoryCreationTemplate.EncryptionConfigurationProperty(
                encryption_type=encryption
            ),
            image_tag_mutability="MUTABLE",
            lifecycle_policy=policy,
            repository_policy=pull,
            custom_role_arn=self.creation_role.role_arn if self.creation_role else None,
        )

    def repository_arn_pattern(self) -> str:
        """`arn:aws:ecr:REGION:ACCOUNT:repository/<prefix>/*`: every repository the mirror may use."""
        return Stack.of(self).format_arn(service="ecr", resource="repository", resource_name=f"{self.prefix}/*")

    def _creation_role(self) -> iam.Role:
        # ECR assumes a custom role for templates that use KMS (AWS docs, "Create an IAM role for
        # repository creation templates"); the policy is the documented one, scoped to our prefix.
        role = iam.Role(
            self,
            "CreationRole",
            assumed_by=iam.ServicePrincipal("ecr.amazonaws.com"),
            description="ecr-mirror: lets ECR create KMS-encrypted repositories from the creation template",
        )
        role.add_to_principal_policy(
            iam.PolicyStatement(
                sid="CreateMirrorRepositories",
                actions=["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"],
                resources=[self.repository_arn_pattern()],
            )
        )
        role.add_to_principal_policy(
            iam.PolicyStatement(
                sid="UseEcrKmsKey",
                actions=["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
                resources=["*"],
            )
        )
        return role
