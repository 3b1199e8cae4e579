"""`ecr-mirror discover` leaves out a bare Docker Hub name that is no official image: Docker Hub's `library/`
namespace holds only the official images (choose/discovery/docker_official.py), so `docker run auth` after
`docker build -t $REPO/$NAME .`, a compose service's `image: controller:latest` or a test's `foo:1.2.3` names no image
any registry serves. It is reported on stderr, with the way to list it; an official image beside it is listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

PACKAGE = """\
{
  "name": "@acme/auth-service",
  "scripts": {
    "docker:build": "docker build -t $IMAGE_REPO_NAME/$npm_package_name:$npm_package_version .",
    "docker:run": "docker run -p 3000:3000 -d auth",
    "db": "docker run -d -p 5432:5432 postgres:16-alpine"
  }
}
"""

COMPOSE = """\
services:
  controller:
    image: controller:latest
  cache:
    image: redis:7.4
  legacy:
    image: centos:7
"""


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[dict[str, str], str]:
    write_tree(tmp_path, {"package.json": PACKAGE, "compose.yaml": COMPOSE})
    code = main(["discover", str(tmp_path), "--json", *options])
    out, err = capsys.readouterr()
    assert code == 0, err
    records = json.loads(out)
    (auth,) = [record for record in records if record["written"] == "auth"]
    assert "auth is no Docker Hub official image" in (auth["reason"] or "") or auth["status"] == "public"
    return {record["written"]: record["status"] for record in records}, err


def test_a_bare_name_no_official_image_has_is_left_out_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statuses, _ = _run(tmp_path, capsys)
    assert statuses == {
        "auth": "left-out",
        "postgres:16-alpine": "public",
        "controller:latest": "left-out",
        "redis:7.4": "public",
        "centos:7": "public",  # deprecated, still an official image Docker Hub serves
    }
    assert main(["discover", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["centos:7", "postgres:16-alpine", "redis:7.4"]
    assert "left out 2 images named as Docker Hub official images but no official image: auth:latest, " in err
    assert "controller:latest" in err and "--public-registry docker.io/library/NAME" in err
    assert "not known to be public" not in err  # Docker Hub is public; the name is the problem


def test_a_name_the_caller_lists_as_public_is_listed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statuses, _ = _run(tmp_path, capsys, "--public-registry", "docker.io/library/controller")
    assert statuses["controller:latest"] == "public"
    assert statuses["auth"] == "left-out"
