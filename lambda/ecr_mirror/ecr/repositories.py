"""ECR repositories as the mirror makes them: the stack's settings, lifecycle policy, and creation of a missing one.

The registry API itself (blobs, manifests) goes through the engine like any other registry; only the token
and repository creation need the AWS API.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any, Literal

from botocore.exceptions import BotoCoreError, ClientError

from ecr_mirror.ecr.aws_errors import aws_error, error_code, explain
from ecr_mirror.errors import MirrorError

log = logging.getLogger(__name__)

Encryption = Literal["AES256", "KMS"]


# Untagged images are expired by count, never by age since push: ECS resolves a tag to a digest at deploy time
# and starts every later task of the service from that digest
# (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html#deployment-container-image-stability),
# while a mirrored tag moves whenever upstream moves it. `sinceImagePushed` counts from the push, not from
# the moment the tag left: an index pushed months ago becomes untagged today and is deleted at the next
# lifecycle pass, under a running service. `imageCountMoreThan` keeps the newest K untagged images
# (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_examples.html); `sinceImagePulled`
# is documented only with the `transition` (archive) action, and archived images cannot be pulled.
DEFAULT_UNTAGGED_KEEP = 100
MAX_UNTAGGED_KEEP = 10_000  # ECR's default quota of images per repository


def untagged_retention_policy(keep: int) -> dict[str, Any] | None:
    """The lifecycle policy of every mirror repository; None (no policy: nothing expires) when `keep` is 0."""
    if keep == 0:
        return None
    return {
        "rules": [
            {
                "rulePriority": 1,
                "description": f"Keep the newest {keep} untagged images, expire older untagged ones",
                "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": keep},
                "action": {"type": "expire"},
            }
        ]
    }


def lifecycle_policy_text(keep: int) -> str | None:
    """The policy as the JSON text ECR and CloudFormation take (the same bytes everywhere a repository is made)."""
    policy = untagged_retention_policy(keep)
    return None if policy is None else json.dumps(policy, separators=(",", ":"))


# Pulling needs exactly these three on the repository (https://docs.aws.amazon.com/AmazonECR/latest/userguide/
# repository-policy-examples.html); ecr:GetAuthorizationToken is granted by the puller's own account.
PULL_ACTIONS = ("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")


def pull_policy(organization: str | None, accounts: tuple[str, ...]) -> dict[str, Any] | None:
    """The repository policy letting an organization's principals (aws:PrincipalOrgID) and/or whole accounts pull,
    nothing else; None when neither is given. Account ids as principals need no partition in the text
    (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html)."""
    statements: list[dict[str, Any]] = []
    if organization:
        statements.append(
            {
                "Sid": "PullFromOrganization",
                "Effect": "Allow",
                "Principal": "*",
                "Action": list(PULL_ACTIONS),
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": organization}},
            }
        )
    if accounts:
        statements.append(
            {
                "Sid": "PullFromAccounts",
                "Effect": "Allow",
                "Principal": {"AWS": list(accounts)},
                "Action": list(PULL_ACTIONS),
            }
        )
    return {"Version": "2012-10-17", "Statement": statements} if statements else None


def pull_policy_text(organization: str | None, accounts: tuple[str, ...]) -> str | None:
    """The policy as the JSON text ECR takes (the same bytes for the stack, the template and the function)."""
    policy = pull_policy(organization, accounts)
    return None if policy is None else json.dumps(policy, separators=(",", ":"))


@dataclass(frozen=True)
class RepositorySettings:
    """What a mirror repository looks like: the stack's settings for the repositories it creates."""

    untagged_keep: int = DEFAULT_UNTAGGED_KEEP
    encryption: Encryption = "AES256"
    scan_on_push: bool = True
    pull_organization: str | None = None  # an o-... id whose principals may pull
    pull_accounts: tuple[str, ...] = ()  # account ids whose principals may pull


class RepositoryCreator:
    """`MirrorOptions.create_repository`: creates a repository the target reported missing (NAME_UNKNOWN).

    An existing repository (created concurrently, or by the stack) is left exactly as it is.
    """

    def __init__(self, ecr_client: Any, settings: RepositorySettings) -> None:
        self.client = ecr_client
        self.settings = settings
        self.created: list[str] = []

    async def __call__(self, repository: str) -> None:
        await asyncio.to_thread(self.create, repository)

    def create(self, repository: str) -> bool:
        """Create `repository` with the mirror settings; False when it already existed."""
        try:
            self.client.create_repository(
                repositoryName=repository,
                imageTagMutability="MUTABLE",
                imageScanningConfiguration={"scanOnPush": self.settings.scan_on_push},
                encryptionConfiguration={"encryptionType": self.settings.encryption},
            )
        except ClientError as exc:
            if error_code(exc) == "RepositoryAlreadyExistsException":
                return False
            raise MirrorError(f"cannot create ECR repository {repository!r}: {aws_error(exc)}") from exc
        except BotoCoreError as exc:  # a one-line reason for the image's report, never a traceback
            region = self.client.meta.region_name
            reason = explain(exc, region=region, needs="ecr:CreateRepository")
            raise MirrorError(f"cannot create ECR repository {repository!r}: {reason}") from exc
        policy = lifecycle_policy_text(self.settings.untagged_keep)
        if policy is not None:
            try:
                self.client.put_lifecycle_policy(repositoryName=repository, lifecyclePolicyText=policy)
            except ClientError as exc:
                raise MirrorError(
                    f"created ECR repository {repository!r} but could not set its lifecycle policy: {aws_error(exc)}"
                ) from exc
        pull = pull_policy_text(self.settings.pull_organization, self.settings.pull_accounts)
        if pull is not None:
            try:
                self.client.set_repository_policy(repositoryName=repository, policyText=pull)
            except ClientError as exc:
                raise MirrorError(
                    f"created ECR repository {repository!r} but could not set its pull policy: {aws_error(exc)}"
                ) from exc
        log.info("created ECR repository %s", repository)
        self.created.append(repository)
        return True
