"""`ecr-mirror ref IMAGE... --to REGISTRY[/PREFIX]`: the engine's naming, for scripts."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.naming import target_for
from ecr_mirror.cli.main import main
from ecr_mirror.oci.reference import parse_reference

ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"


def test_ref_prints_one_mirrored_reference_per_source(capsys: pytest.CaptureFixture[str]) -> None:
    digest = "sha256:" + "d" * 64
    sources = ["python:3.12-slim", "ghcr.io/astral-sh/uv:0.5.0", f"postgres@{digest}", "registry.example.com:8443/a/b"]
    assert main(["ref", *sources, "--to", f"{ECR}/mirror"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"{ECR}/mirror/docker-hub/library/python:3.12-slim",
        f"{ECR}/mirror/ghcr/astral-sh/uv:0.5.0",
        f"{ECR}/mirror/docker-hub/library/postgres@{digest}",
        f"{ECR}/mirror/registry-example-com-8443/a/b:latest",
    ]
    assert out.splitlines() == [str(target_for(parse_reference(s), f"{ECR}/mirror")) for s in sources]


def test_ref_without_a_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ref", "alpine", "--to", ECR]) == 0
    assert capsys.readouterr().out == f"{ECR}/docker-hub/library/alpine:latest\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ref", "alpine:3.20", "Bad/Name", "--to", ECR], "'Bad/Name'"),
        (["ref", "alpine:3.20", "--to", "https://x"], "'https://x'"),
        (["ref", "alpine:3.20", "--to", "notahost/mirror"], "'notahost/mirror'"),
    ],
)
def test_a_bad_reference_or_destination_is_an_error_naming_it_and_prints_nothing(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err


def test_pull_login_prints_the_login_command_first_for_an_ecr_mirror(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ref", "python:3.12-slim", "--to", f"{ECR}/mirror", "--pull-login"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"aws ecr get-login-password --region eu-west-1 | docker login --username AWS --password-stdin {ECR}",
        f"{ECR}/mirror/docker-hub/library/python:3.12-slim",
    ]


def test_pull_login_for_a_registry_that_is_not_ecr_is_an_error_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ref", "alpine", "--to", "registry.example.com/mirror", "--pull-login"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "--pull-login needs an ECR mirror" in err and "registry.example.com" in err
