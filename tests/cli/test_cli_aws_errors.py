"""`--ecr` without working AWS access: one line naming what to do, exit 2 (a setup error), never a traceback.

Run as a user runs it (`ecr-mirror` in a subprocess, with an environment holding only what each case sets), and
against a stand-in for the ECR API answering AWS's errors (refused keys, missing permissions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import boto3
import pytest

from ecr_mirror.ecr.repositories import RepositoryCreator, RepositorySettings
from ecr_mirror.errors import MirrorError
from ecr_mirror.lab.registry import free_port

ECR_HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"
COPY = ["copy", "alpine:3.20", f"{ECR_HOST}/mirror/alpine", "--ecr"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No AWS settings but `extra`; no Docker login for ECR; botocore never asks an instance metadata service."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "DOCKER_", "REGISTRY_AUTH"))}
    env = keep | {
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "REGISTRY_AUTH_FILE": str(tmp_path / "no-docker-config.json"),
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
    }
    return env | extra


def _run(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ecr-mirror", *argv], env=env, capture_output=True, text=True, timeout=120, check=False)


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


def test_no_credentials_is_one_line_naming_where_credentials_come_from(tmp_path: Path) -> None:
    done = _run(COPY, _env(tmp_path))
    line = _one_line(done.stderr)
    assert done.returncode == 2
    assert line.startswith(f"ecr-mirror: --ecr: cannot log in to {ECR_HOST}: no AWS credentials found")
    assert "AWS_PROFILE" in line and "aws configure" in line


def test_an_unknown_profile_is_one_line_naming_it(tmp_path: Path) -> None:
    done = _run(COPY, _env(tmp_path, AWS_PROFILE="nosuchprofile"))
    line = _one_line(done.stderr)
    assert done.returncode == 2
    assert "nosuchprofile" in line and "AWS_PROFILE" in line


def test_an_unreachable_endpoint_is_one_line_naming_region_and_endpoint(tmp_path: Path) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    env = _env(tmp_path, AWS_ACCESS_KEY_ID="AKIDUMMY", AWS_SECRET_ACCESS_KEY="dummy", AWS_ENDPOINT_URL_ECR=endpoint)
    env |= {"AWS_MAX_ATTEMPTS": "1"}
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\n")
    done = _run(["sync", "--images", str(images), "--to", f"{ECR_HOST}/mirror", "--ecr"], env)
    line = _one_line(done.stderr)
    assert done.returncode == 2
    assert "cannot reach the ECR API" in line and endpoint in line
    assert "eu-west-1" in line and "AWS_ENDPOINT_URL" in line


class _EcrApiStandIn(BaseHTTPRequestHandler):
    """Answers every ECR API call with one error, shaped as ECR's JSON protocol answers it (`__type`, `message`);
    moto answers these in XML, which ECR never does."""

    answer: tuple[int, str, str] = (400, "", "")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status, code, message = self.answer
        body = json.dumps({"__type": code, "message": message}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def ecr_api() -> Iterator[Callable[[int, str, str], str]]:
    servers: list[ThreadingHTTPServer] = []

    def serve(status: int, code: str, message: str) -> str:
        handler = type("Answer", (_EcrApiStandIn,), {"answer": (status, code, message)})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def _keys(tmp_path: Path, endpoint: str) -> dict[str, str]:
    return _env(tmp_path, AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY="dummy") | {
        "AWS_ENDPOINT_URL_ECR": endpoint,
        "AWS_MAX_ATTEMPTS": "1",
    }


def test_refused_keys_are_one_line_saying_to_check_them(
    tmp_path: Path, ecr_api: Callable[[int, str, str], str]
) -> None:
    endpoint = ecr_api(403, "UnrecognizedClientException", "The security token included in the request is invalid.")
    done = _run(COPY, _keys(tmp_path, endpoint))
    line = _one_line(done.stderr)
    assert done.returncode == 2
    assert line.startswith(f"ecr-mirror: --ecr: cannot log in to {ECR_HOST}: AWS refused the credentials")
    assert "AWS_ACCESS_KEY_ID" in line


def test_expired_credentials_say_to_refresh_them(tmp_path: Path, ecr_api: Callable[[int, str, str], str]) -> None:
    endpoint = ecr_api(400, "ExpiredTokenException", "The security token included in the request is expired")
    done = _run(COPY, _keys(tmp_path, endpoint))
    assert done.returncode == 2
    assert "the AWS credentials have expired" in _one_line(done.stderr)


def test_a_missing_permission_names_the_action_needed(tmp_path: Path, ecr_api: Callable[[int, str, str], str]) -> None:
    denied = (
        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecr:GetAuthorizationToken on "
        "resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action"
    )
    done = _run(COPY, _keys(tmp_path, ecr_api(400, "AccessDeniedException", denied)))
    line = _one_line(done.stderr)
    assert done.returncode == 2
    assert "not allowed" in line and "the AWS identity needs ecr:GetAuthorizationToken" in line


@pytest.fixture
def aws_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-aws-credentials"))
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")


def test_repository_creation_that_cannot_reach_aws_fails_the_image_in_one_line(
    aws_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_ECR", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    creator = RepositoryCreator(boto3.client("ecr", region_name="eu-west-1"), RepositorySettings())
    with pytest.raises(MirrorError, match=r"^cannot create ECR repository 'mirror/x': cannot reach the ECR API"):
        creator.create("mirror/x")


def test_ref_needs_no_aws_access(tmp_path: Path) -> None:
    done = _run(["ref", "python:3.12-slim", "--to", f"{ECR_HOST}/mirror"], _env(tmp_path))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"{ECR_HOST}/mirror/docker-hub/library/python:3.12-slim\n"
