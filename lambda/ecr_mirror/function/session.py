"""What every handler of the function needs before the engine runs: the ECR login, Docker Hub's credentials if
configured, and the engine's options from the settings and the invocation's remaining time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from ecr_mirror.ecr.login import registry_login
from ecr_mirror.ecr.repositories import RepositoryCreator
from ecr_mirror.function.dockerhub_secret import docker_hub_credentials
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.function.observability import logger
from ecr_mirror.mirror.run import MirrorOptions
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.reference import DOCKER_HUB

# Seconds kept back from the invocation's remaining time when the run's hard deadline is set: enough to log the
# report and flush the metrics before Lambda ends the invocation at its timeout.
FLUSH_MARGIN = 30.0


def credentials(settings: FunctionSettings, ecr_client: Any) -> tuple[str, CredentialStore]:
    """The account's ECR registry host and a store with its token and, if configured, Docker Hub's."""
    host, ecr_credentials = registry_login(ecr_client)
    store = CredentialStore({host: ecr_credentials})
    if settings.docker_hub_secret:
        store.add(DOCKER_HUB, docker_hub_credentials(boto3.client("secretsmanager"), settings.docker_hub_secret))
        logger.info("using Docker Hub credentials from Secrets Manager")
    else:
        logger.info("no Docker Hub secret configured: pulling anonymously")
    return host, store


def time_left(context: LambdaContext) -> Callable[[], float]:
    return lambda: context.get_remaining_time_in_millis() / 1000.0


def mirror_options(
    settings: FunctionSettings,
    ecr_client: Any,
    context: LambdaContext,
    *,
    concurrency: int,
    dry_run: bool = False,
) -> MirrorOptions:
    left = time_left(context)
    return MirrorOptions(
        image_concurrency=concurrency,
        dry_run=dry_run,
        plain_http=settings.plain_http,
        rate_limit_reserve=settings.rate_limit_reserve,
        time_left=left,
        image_time_margin=settings.time_margin,
        deadline=max(0.0, left() - FLUSH_MARGIN),
        endpoints=settings.endpoints,
        create_repository=RepositoryCreator(ecr_client, settings.repository),
    )
