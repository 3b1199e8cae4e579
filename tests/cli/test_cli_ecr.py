"""`--ecr`: log in with AWS credentials (moto's ECR) and create missing repositories, pushing to a real registry
standing in for the ECR endpoint (Basic auth with moto's token)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from ecr_mirror.cli.main import main
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.lab.skopeo import inspect_digest

ACCOUNT, REGION = "123456789012", "eu-west-1"
ECR_HOST = f"{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com"
MOTO_LOGIN = ("AWS", f"{ACCOUNT}-auth-token")  # what moto's GetAuthorizationToken hands out


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for name in ("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("REGISTRY_AUTH_FILE", str(tmp_path / "no-config.json"))  # no Docker login for ECR
    with mock_aws():
        yield


def test_ecr_flag_logs_in_and_creates_missing_repositories(
    aws: None,
    seeded_registry: Seeded,
    registry_factory: Callable[..., LocalRegistry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ecr = registry_factory(htpasswd={MOTO_LOGIN[0]: MOTO_LOGIN[1]})
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nbusybox:1.36\n")
    argv = ["sync", "--images", str(images), "--to", f"{ECR_HOST}/mirror", "--plain-http", "--json", "--ecr"]
    endpoints = ["--registry-endpoint", f"docker.io={seeded_registry.registry.host}"]
    endpoints += ["--registry-endpoint", f"{ECR_HOST}={ecr.host}"]
    # No Docker login for ECR_HOST: the pushes succeed only with the token --ecr fetched. (The stand-in creates
    # repositories on push rather than answering NAME_UNKNOWN, so creation is checked in the next test.)
    assert main([*argv, *endpoints]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [i["status"] for i in report["images"]] == ["copied", "copied"]
    alpine = seeded_registry.images["library/alpine:3.20"]
    assert inspect_digest(f"{ecr.host}/mirror/docker-hub/library/alpine:3.20", creds=MOTO_LOGIN) == alpine.digest


def test_ecr_flag_creates_a_repository_the_registry_reports_missing(aws: None) -> None:
    import asyncio

    from ecr_mirror.ecr.destination import prepare_ecr
    from ecr_mirror.oci.credentials import CredentialStore

    store = CredentialStore()
    create = prepare_ecr(ECR_HOST, store)
    login = store.get(ECR_HOST)
    assert login is not None and (login.username, login.password) == MOTO_LOGIN

    async def twice() -> None:
        await create("mirror/docker-hub/library/alpine")
        await create("mirror/docker-hub/library/alpine")  # already there: left as it is

    asyncio.run(twice())
    repos = boto3.client("ecr", region_name=REGION).describe_repositories()["repositories"]
    assert [
        (r["repositoryName"], r["imageTagMutability"], r["imageScanningConfiguration"]["scanOnPush"]) for r in repos
    ] == [("mirror/docker-hub/library/alpine", "MUTABLE", True)]
    policy = boto3.client("ecr", region_name=REGION).get_lifecycle_policy(repositoryName=repos[0]["repositoryName"])
    assert json.loads(policy["lifecyclePolicyText"])["rules"][0]["selection"] == {
        "tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 100,
    }  # fmt: skip


@pytest.mark.parametrize("to", ["registry.example.com/mirror", "123.dkr.ecr.eu-west-1.amazonaws.com"])
def test_ecr_flag_needs_an_ecr_destination(
    aws: None, to: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\n")
    assert main(["sync", "--images", str(images), "--to", to, "--ecr"]) == 2
    assert "--ecr needs an ECR destination" in capsys.readouterr().err
