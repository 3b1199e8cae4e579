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

from botocore.exceptions import ClientError

from ecr_mirror.ecr.aws_errors import aws_error, error_code
from ecr_mirror.errors import MirrorError

log = logging.getLogger(__name__)

Encryption = Literal["AES256", "KMS"]


def untagged_expiry_policy(days: int) -> dict[str, Any]:
    """The lifecycle policy the stack gives its repositories (same document as infra/repositories.py)."""
    return {
        "rules": [
            {
                "rulePriority": 1,
                "description": f"Expire untagged images {days} days after push",
                "selection": {
                    "tagStatus": "untagged",
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": days,
                },
                "action": {"type": "expire"},
            }
        ]
    }


@dataclass(frozen=True)
class RepositorySettings:
    """What a mirror repository looks like: the stack's settings for the repositories it creates."""

    untagged_expiry_days: int = 7
    encryption: Encryption = "AES256"
    scan_on_push: bool = True


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
        policy = json.dumps(untagged_expiry_policy(self.settings.untagged_expiry_days), separators=(",", ":"))
        try:
            self.client.put_lifecycle_policy(repositoryName=repository, lifecyclePolicyText=policy)
        except ClientError as exc:
            raise MirrorError(
                f"created ECR repository {repository!r} but could not set its lifecycle policy: {aws_error(exc)}"
            ) from exc
        log.info("created ECR repository %s", repository)
        self.created.append(repository)
        return True
