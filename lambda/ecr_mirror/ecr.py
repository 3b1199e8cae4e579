"""ECR control plane over boto3: log in to the account's registry, create a missing repository.

The registry API itself (blobs, manifests) goes through the engine like any other registry; only the token
and repository creation need the AWS API.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from botocore.exceptions import ClientError

from .credentials import Credentials
from .errors import AuthError, MirrorError

log = logging.getLogger(__name__)

Encryption = Literal["AES256", "KMS"]


def registry_login(ecr_client: Any) -> tuple[str, Credentials]:
    """GetAuthorizationToken -> (registry host, Basic credentials `AWS:<password>`), valid for 12 hours."""
    try:
        data = ecr_client.get_authorization_token()["authorizationData"][0]
    except ClientError as exc:
        raise AuthError(f"ECR GetAuthorizationToken failed: {_aws_error(exc)}", status=401) from exc
    host = urlsplit(data["proxyEndpoint"]).netloc
    try:
        user, sep, password = base64.b64decode(data["authorizationToken"]).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        sep, user, password = "", "", ""
    if not host or not sep or not user or not password:
        # Never quote the token itself: it is a credential.
        raise AuthError("ECR GetAuthorizationToken answered a token that is not base64 'user:password'", status=401)
    return host, Credentials(user, password)


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
            if _code(exc) == "RepositoryAlreadyExistsException":
                return False
            raise MirrorError(f"cannot create ECR repository {repository!r}: {_aws_error(exc)}") from exc
        policy = json.dumps(untagged_expiry_policy(self.settings.untagged_expiry_days), separators=(",", ":"))
        try:
            self.client.put_lifecycle_policy(repositoryName=repository, lifecyclePolicyText=policy)
        except ClientError as exc:
            raise MirrorError(
                f"created ECR repository {repository!r} but could not set its lifecycle policy: {_aws_error(exc)}"
            ) from exc
        log.info("created ECR repository %s", repository)
        self.created.append(repository)
        return True


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def _aws_error(exc: ClientError) -> str:
    error = exc.response.get("Error", {})
    return f"{error.get('Code', 'error')}: {error.get('Message', '')}".rstrip(": ")
