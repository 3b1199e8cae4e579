"""The Lambda function's settings, read from its environment (the names are a contract with infra/stack.py).

A bad value fails the invocation with a ConfigError naming the variable.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ecr_mirror.choose.naming import split_destination
from ecr_mirror.ecr.repositories import DEFAULT_UNTAGGED_KEEP, MAX_UNTAGGED_KEEP, Encryption, RepositorySettings
from ecr_mirror.errors import ConfigError, ReferenceError_
from ecr_mirror.oci.reference import parse_reference

ENV_PARAMETER = "ECR_MIRROR_IMAGES_PARAMETER"
ENV_PATH = "ECR_MIRROR_IMAGES_PATH"  # every parameter under it is a list too (one per team)
ENV_PREFIX = "ECR_MIRROR_REPOSITORY_PREFIX"
ENV_SECRET = "ECR_MIRROR_DOCKER_HUB_SECRET"  # noqa: S105 - a variable name, not a password
ENV_UNTAGGED_KEEP = "ECR_MIRROR_UNTAGGED_KEEP"
ENV_ENCRYPTION = "ECR_MIRROR_ENCRYPTION"
# Other principals that may pull from the repositories the function creates (infra: pullOrganizationId, ...).
ENV_PULL_ORGANIZATION = "ECR_MIRROR_PULL_ORGANIZATION"
ENV_PULL_ACCOUNTS = "ECR_MIRROR_PULL_ACCOUNTS"
ENV_RATE_LIMIT_RESERVE = "ECR_MIRROR_RATE_LIMIT_RESERVE"
ENV_TIME_MARGIN = "ECR_MIRROR_TIME_MARGIN_SECONDS"
# Fan-out (infra/work_queue.py): the queue's URL switches it on.
ENV_WORK_QUEUE = "ECR_MIRROR_WORK_QUEUE_URL"
ENV_FANOUT_ABOVE = "ECR_MIRROR_FANOUT_ABOVE_IMAGES"
ENV_PULLS_PER_IMAGE = "ECR_MIRROR_FANOUT_PULLS_PER_IMAGE"
ENV_PLAN_CONCURRENCY = "ECR_MIRROR_PLAN_CONCURRENCY"
# Tests and the lab only: contact other hosts than the registries' real ones, over plain HTTP on loopback.
ENV_ENDPOINTS = "ECR_MIRROR_ENDPOINTS"
ENV_PLAIN_HTTP = "ECR_MIRROR_PLAIN_HTTP"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True, kw_only=True)
class FunctionSettings:
    parameter_name: str | None = None
    parameter_path: str | None = None
    prefix: str = "mirror"
    docker_hub_secret: str | None = None
    repository: RepositorySettings = field(default_factory=RepositorySettings)
    rate_limit_reserve: int = 10
    time_margin: float = 90.0
    endpoints: Mapping[str, str] = field(default_factory=dict)
    plain_http: bool = False
    work_queue_url: str | None = None
    fanout_above_images: int = 20  # more images needing work than this go to the queue
    pulls_per_image: int = 10  # the Docker Hub pulls the planner budgets per queued image
    # Image checks (HEAD requests only) at once while planning: each check is a HEAD at the source then one at the
    # target, so 64 keep the transport's 32 connections per registry busy (BENCHMARKS.md, planning at scale).
    plan_concurrency: int = 64

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> FunctionSettings:
        env = os.environ if environ is None else environ
        return cls(
            parameter_name=env.get(ENV_PARAMETER) or None,
            parameter_path=_path(env.get(ENV_PATH, "")),
            prefix=_prefix(env.get(ENV_PREFIX, "mirror")),
            docker_hub_secret=env.get(ENV_SECRET) or None,
            repository=RepositorySettings(
                untagged_keep=_int(env, ENV_UNTAGGED_KEEP, DEFAULT_UNTAGGED_KEEP, 0, MAX_UNTAGGED_KEEP),
                encryption=_encryption(env.get(ENV_ENCRYPTION, "AES256")),
                pull_organization=_organization(env.get(ENV_PULL_ORGANIZATION, "")),
                pull_accounts=_accounts(env.get(ENV_PULL_ACCOUNTS, "")),
            ),
            rate_limit_reserve=_int(env, ENV_RATE_LIMIT_RESERVE, 10, 0, 100_000),
            time_margin=float(_int(env, ENV_TIME_MARGIN, 90, 0, 900)),
            endpoints=_endpoints(env.get(ENV_ENDPOINTS, "")),
            plain_http=_bool(env, ENV_PLAIN_HTTP),
            work_queue_url=env.get(ENV_WORK_QUEUE) or None,
            fanout_above_images=_int(env, ENV_FANOUT_ABOVE, 20, 0, 100_000),
            pulls_per_image=_int(env, ENV_PULLS_PER_IMAGE, 10, 1, 1000),
            plan_concurrency=_int(env, ENV_PLAN_CONCURRENCY, 64, 1, 512),
        )

    def require_parameter(self) -> str:
        if not self.parameter_name:
            raise ConfigError(f"environment variable {ENV_PARAMETER} is not set: it names the image list parameter")
        return self.parameter_name


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ConfigError(f"environment variable {name}={text!r} is not a whole number") from None
    if not low <= value <= high:
        raise ConfigError(f"environment variable {name}={value} is out of range {low}..{high}")
    return value


def _path(text: str) -> str | None:
    """An SSM hierarchy such as /ecr-mirror/images/, always ending in '/' (so /a/b never matches /a/bc)."""
    path = text.strip()
    if not path:
        return None
    if not path.startswith("/"):
        raise ConfigError(f"environment variable {ENV_PATH}={text!r} must be an SSM path starting with '/'")
    return path.rstrip("/") + "/"


def _bool(env: Mapping[str, str], name: str) -> bool:
    text = env.get(name, "").strip().lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise ConfigError(f"environment variable {name}={text!r} is not a boolean (1/0, true/false)")


def _prefix(text: str) -> str:
    prefix = text.strip().strip("/")
    try:
        split_destination(f"registry.invalid/{prefix}")
    except ReferenceError_ as exc:
        raise ConfigError(f"environment variable {ENV_PREFIX}={text!r} is not a repository path: {exc}") from exc
    return prefix


def _encryption(text: str) -> Encryption:
    value = text.strip().upper()
    if value == "AES256":
        return "AES256"
    if value == "KMS":
        return "KMS"
    raise ConfigError(f"environment variable {ENV_ENCRYPTION}={text!r} must be AES256 or KMS")


ORGANIZATION_RE = re.compile(r"^o-[a-z0-9]{10,32}$")  # AWS Organizations' id grammar
ACCOUNT_RE = re.compile(r"^[0-9]{12}$")


def _organization(text: str) -> str | None:
    value = text.strip()
    if value and not ORGANIZATION_RE.match(value):
        raise ConfigError(f"environment variable {ENV_PULL_ORGANIZATION}={text!r} is not an organization id (o-...)")
    return value or None


def _accounts(text: str) -> tuple[str, ...]:
    values = tuple(v.strip() for v in text.split(",") if v.strip())
    bad = [v for v in values if not ACCOUNT_RE.match(v)]
    if bad:
        raise ConfigError(f"environment variable {ENV_PULL_ACCOUNTS}: {', '.join(bad)} not 12-digit account ids")
    return values


def _endpoints(text: str) -> dict[str, str]:
    """JSON {"<registry name>": "host:port"}, e.g. {"docker.io": "127.0.0.1:5000"}."""
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        raise ConfigError(f"environment variable {ENV_ENDPOINTS} is not JSON") from None
    if not isinstance(data, dict):
        raise ConfigError(f"environment variable {ENV_ENDPOINTS} must be a JSON object {{registry: host:port}}")
    out: dict[str, str] = {}
    for name, host in data.items():
        if not isinstance(host, str) or not host or "/" in host or not name:
            raise ConfigError(f"environment variable {ENV_ENDPOINTS}: {name!r} must map to 'host[:port]'")
        try:
            out[parse_reference(f"{name}/x").registry] = host
        except ReferenceError_ as exc:
            raise ConfigError(f"environment variable {ENV_ENDPOINTS}: {name!r} is not a registry name") from exc
    return out
