"""The ECR control plane: login from GetAuthorizationToken, and creating a repository the registry says is missing."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from ecr_mirror.ecr.login import registry_login
from ecr_mirror.ecr.repositories import RepositoryCreator, RepositorySettings, lifecycle_policy_text
from ecr_mirror.errors import AuthError, ConfigError
from ecr_mirror.function.environment import FunctionSettings
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.oci.credentials import Credentials
from tests.support.proxy import Action, InterposingProxy, Seen

from .conftest import Invoke
from .helpers import (
    ACCOUNT,
    ECR_CREDENTIALS,
    ECR_HOST,
    SCHEDULED_EVENT,
    emf_metrics,
    log_records,
    mirrored,
    target_digest,
)

_WRITE_PATH = re.compile(r"^/v2/(?P<repo>.+)/(?:blobs/uploads/|manifests/)")


def test_registry_login_turns_the_authorization_token_into_basic_credentials(aws: None) -> None:
    host, credentials = registry_login(boto3.client("ecr"))
    assert host == ECR_HOST
    assert credentials == Credentials(*ECR_CREDENTIALS)


class _BadTokenEcr:
    def get_authorization_token(self) -> dict[str, Any]:
        return {
            "authorizationData": [{"authorizationToken": "bm90LWEtcGFpcg==", "proxyEndpoint": f"https://{ECR_HOST}"}]
        }


def test_registry_login_refuses_a_malformed_token_without_quoting_it() -> None:
    with pytest.raises(AuthError, match="not base64 'user:password'") as caught:
        registry_login(_BadTokenEcr())
    assert "bm90LWEtcGFpcg" not in str(caught.value)


def test_an_existing_repository_is_left_as_it_is(aws: None) -> None:
    ecr = boto3.client("ecr")
    ecr.create_repository(repositoryName="mirror/docker-hub/library/alpine", imageTagMutability="IMMUTABLE")
    creator = RepositoryCreator(ecr, RepositorySettings())

    assert creator.create("mirror/docker-hub/library/alpine") is False

    repo = ecr.describe_repositories(repositoryNames=["mirror/docker-hub/library/alpine"])["repositories"][0]
    assert repo["imageTagMutability"] == "IMMUTABLE"
    with pytest.raises(ecr.exceptions.LifecyclePolicyNotFoundException):
        ecr.get_lifecycle_policy(repositoryName="mirror/docker-hub/library/alpine")
    assert creator.created == []


@pytest.fixture
def ecr_without_repositories(ecr_registry: LocalRegistry, aws: None) -> Iterator[tuple[InterposingProxy, list[str]]]:
    """The ECR stand-in behind a proxy that answers NAME_UNKNOWN, as ECR does, for repositories moto lacks."""
    refused: list[str] = []
    lock = threading.Lock()

    def missing_repository(seen: Seen) -> Action | None:
        match = _WRITE_PATH.match(seen.path)
        if not match or seen.method not in ("POST", "PUT"):
            return None
        repo = match["repo"]
        existing = {r["repositoryName"] for r in boto3.client("ecr").describe_repositories()["repositories"]}
        if repo in existing:
            return None
        with lock:
            refused.append(repo)
        body = {"errors": [{"code": "NAME_UNKNOWN", "message": f"The repository with name '{repo}' does not exist "
                            f"in the registry with id '{ACCOUNT}'"}]}  # fmt: skip
        return Action(status=404, body=json.dumps(body).encode(), headers={"Content-Type": "application/json"})

    proxy = InterposingProxy(ecr_registry.host)
    proxy.rules.append(missing_repository)
    with proxy:
        yield proxy, refused


def test_a_repository_ecr_reports_missing_is_created_with_the_mirror_settings(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    ecr_without_repositories: tuple[InterposingProxy, list[str]],
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    proxy, refused = ecr_without_repositories
    function_env(seeded_registry.registry.host, proxy.host)
    monkeypatch.setenv("ECR_MIRROR_UNTAGGED_KEEP", "30")
    put_list("busybox:1.36\n")

    out = invoke(SCHEDULED_EVENT)

    name = mirrored("library/busybox")
    assert out["images"][0]["status"] == "copied", out
    assert set(refused) == {name}  # refused (once per concurrent blob upload), created, then copied
    created = [r for r in log_records(capsys.readouterr().out) if r["message"].startswith("created ECR repository")]
    assert [r["message"] for r in created] == [f"created ECR repository {name}"]
    assert target_digest(ecr_registry, "library/busybox:1.36") == seeded_registry.images["library/busybox:1.36"].digest
    ecr = boto3.client("ecr")
    repo = ecr.describe_repositories(repositoryNames=[name])["repositories"][0]
    assert repo["imageTagMutability"] == "MUTABLE"
    assert repo["imageScanningConfiguration"] == {"scanOnPush": True}
    assert repo["encryptionConfiguration"]["encryptionType"] == "AES256"
    policy = json.loads(ecr.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"])
    selection = policy["rules"][0]["selection"]
    assert selection == {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 30}
    assert policy["rules"][0]["action"] == {"type": "expire"}


def test_the_fallback_gives_the_same_lifecycle_policy_as_the_stack(aws: None) -> None:
    ecr = boto3.client("ecr")
    RepositoryCreator(ecr, RepositorySettings()).create("mirror/docker-hub/library/alpine")
    text = ecr.get_lifecycle_policy(repositoryName="mirror/docker-hub/library/alpine")["lifecyclePolicyText"]
    assert json.loads(text) == json.loads(lifecycle_policy_text(100) or "")


def test_untagged_keep_zero_creates_the_repository_without_a_lifecycle_policy(aws: None) -> None:
    ecr = boto3.client("ecr")
    assert RepositoryCreator(ecr, RepositorySettings(untagged_keep=0)).create("mirror/docker-hub/library/alpine")
    with pytest.raises(ecr.exceptions.LifecyclePolicyNotFoundException):
        ecr.get_lifecycle_policy(repositoryName="mirror/docker-hub/library/alpine")


def test_the_source_pull_budget_defers_images_and_is_reported(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    function_env: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A Docker Hub stand-in announcing 50 pulls left, one fewer per manifest GET; the reserve is 48."""
    gets = 0
    lock = threading.Lock()

    def ratelimit(seen: Seen) -> Action:
        nonlocal gets
        with lock:
            if seen.method == "GET" and "/manifests/" in seen.path:
                gets += 1
            left = 50 - gets
        return Action(headers={"ratelimit-limit": "100;w=21600", "ratelimit-remaining": f"{left};w=21600"})

    with InterposingProxy(seeded_registry.registry.host) as hub:
        hub.rules.append(ratelimit)
        function_env(hub.host, ecr_registry.host)
        monkeypatch.setenv("ECR_MIRROR_RATE_LIMIT_RESERVE", "48")
        out = invoke({"images": ["busybox:1.36", "python:3.12-slim", "alpine:3.20"], "concurrency": 1})

    assert [i["status"] for i in out["images"]] == ["copied", "copied", "deferred"]
    assert "reserve of 48" in out["images"][2]["error"]
    assert out["rate_limit_remaining"] == 48
    metrics = emf_metrics(capsys.readouterr().out)
    assert (metrics["SourceRateLimitRemaining"], metrics["ImagesDeferred"], metrics["ImagesCopied"]) == (48, 1, 2)


def test_a_new_repository_costs_one_source_get_per_manifest(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    ecr_without_repositories: tuple[InterposingProxy, list[str]],
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    invoke: Invoke,
) -> None:
    """Creating the repository the target reports missing must not fetch the image from Docker Hub again."""
    proxy, refused = ecr_without_repositories
    with InterposingProxy(seeded_registry.registry.host) as hub:
        function_env(hub.host, proxy.host)
        put_list("python:3.12-slim\n")  # a multi-platform index: the top and every child are manifest GETs

        out = invoke(SCHEDULED_EVENT)

    assert out["images"][0]["status"] == "copied", out
    assert refused, "the target never reported the repository missing"
    pushed = seeded_registry.images["library/python:3.12-slim"]
    gets = [s.path.rsplit("/", 1)[-1] for s in hub.requests("GET", "/manifests/")]
    assert sorted(gets) == sorted(pushed.manifest_digests), gets  # each manifest once, by digest


PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]


def test_a_created_repository_gets_the_pull_only_policy_for_the_organization_and_accounts(
    seeded_registry: Seeded,
    ecr_registry: LocalRegistry,
    ecr_without_repositories: tuple[InterposingProxy, list[str]],
    function_env: Callable[[str, str], None],
    put_list: Callable[[str], None],
    monkeypatch: pytest.MonkeyPatch,
    invoke: Invoke,
) -> None:
    proxy, _ = ecr_without_repositories
    function_env(seeded_registry.registry.host, proxy.host)
    monkeypatch.setenv("ECR_MIRROR_PULL_ORGANIZATION", "o-a1b2c3d4e5")
    monkeypatch.setenv("ECR_MIRROR_PULL_ACCOUNTS", "111122223333,444455556666")
    put_list("busybox:1.36\n")

    assert invoke(SCHEDULED_EVENT)["images"][0]["status"] == "copied"

    text = boto3.client("ecr").get_repository_policy(repositoryName=mirrored("library/busybox"))["policyText"]
    assert json.loads(text) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PullFromOrganization",
                "Effect": "Allow",
                "Principal": "*",
                "Action": PULL_ACTIONS,
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
            },
            {
                "Sid": "PullFromAccounts",
                "Effect": "Allow",
                "Principal": {"AWS": ["111122223333", "444455556666"]},
                "Action": PULL_ACTIONS,
            },
        ],
    }


def test_without_pull_settings_a_created_repository_has_no_policy(aws: None) -> None:
    ecr = boto3.client("ecr")
    assert RepositoryCreator(ecr, RepositorySettings()).create("mirror/docker-hub/library/alpine")
    with pytest.raises(ecr.exceptions.RepositoryPolicyNotFoundException):
        ecr.get_repository_policy(repositoryName="mirror/docker-hub/library/alpine")


@pytest.mark.parametrize(
    ("name", "value"),
    [("ECR_MIRROR_PULL_ORGANIZATION", "org-1"), ("ECR_MIRROR_PULL_ACCOUNTS", "1234,444455556666")],
)
def test_bad_pull_settings_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        FunctionSettings.from_environment({name: value})
