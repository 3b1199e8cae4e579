"""`--ecr` on the command line: an Amazon ECR destination with nothing but AWS credentials.

Logs in with GetAuthorizationToken when Docker's config.json has no entry for the registry, and creates missing
repositories with the same settings the stack gives its own (mutable tags, scan on push, the newest 100
untagged images kept).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from ecr_mirror.errors import AuthError, MirrorError
from ecr_mirror.oci.credentials import CredentialStore

ECR_HOST_RE = re.compile(r"^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$")


def ecr_region(host: str) -> str | None:
    """`123456789012.dkr.ecr.eu-west-1.amazonaws.com` -> `eu-west-1`; None for any other host."""
    match = ECR_HOST_RE.match(host)
    return match.group(2) if match else None


def prepare_ecr(host: str, credentials: CredentialStore) -> Callable[[str], Awaitable[None]]:
    """Log in to `host` if needed (adding to `credentials`); return the repository creator for MirrorOptions."""
    region = ecr_region(host)
    if region is None:
        raise MirrorError(f"--ecr needs an ECR destination (ACCOUNT.dkr.ecr.REGION.amazonaws.com), not {host!r}")
    try:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError

        from ecr_mirror.ecr.login import registry_login
        from ecr_mirror.ecr.repositories import RepositoryCreator, RepositorySettings
    except ImportError as exc:
        raise MirrorError("--ecr needs boto3: pip install boto3") from exc
    try:
        # A firewalled endpoint fails in seconds, not after botocore's 60 s connect timeout per attempt.
        client = boto3.client("ecr", region_name=region, config=Config(connect_timeout=10))
        login = None if host in credentials else registry_login(client)
    except (BotoCoreError, AuthError) as exc:
        raise MirrorError(f"--ecr: cannot log in to {host}: {_explained(exc, region)}") from exc
    if login is not None:
        login_host, secret = login
        if login_host != host:
            raise MirrorError(f"the AWS credentials log in to {login_host}, not to {host}: check the account")
        credentials.add(host, secret)
    return RepositoryCreator(client, RepositorySettings())


def _explained(exc: Exception, region: str) -> str:
    """One line saying what to do: the AWS error under a failed login, with its hint."""
    from botocore.exceptions import BotoCoreError, ClientError

    from ecr_mirror.ecr.aws_errors import explain

    cause = exc.__cause__ if isinstance(exc, AuthError) else exc
    if isinstance(cause, BotoCoreError | ClientError):
        return explain(cause, region=region, needs="ecr:GetAuthorizationToken")
    return str(exc)
