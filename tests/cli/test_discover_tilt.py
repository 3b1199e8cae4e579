"""`ecr-mirror discover` on a tree developed with Tilt: the manifests and Helm values name what the Tiltfile builds
(`built-here`), while the Dockerfiles it builds are read as any other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "Tiltfile": (
        "k8s_yaml(helm('deploy/chart'))\n"
        "k8s_yaml(['deploy/test/redis.yaml'])\n"
        "docker_build('shop-api', '.', dockerfile='api/Dockerfile')\n"
        "docker_build(\n  'shop-worker',\n  context='.',\n  dockerfile='worker/Dockerfile',\n)\n"
        "docker_build(REGISTRY + '/shop-admin', './admin')\n"
    ),
    "api/Dockerfile": "# syntax=docker/dockerfile:1.7\nFROM golang:1.23 AS build\nFROM gcr.io/distroless/static\n",
    "worker/Dockerfile": "FROM python:3.12-slim\n",
    "deploy/chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: '1.0.0'\n",
    "deploy/chart/values.yaml": (
        "api:\n  image:\n    repository: shop-api\n    tag: latest\n"
        "worker:\n  image:\n    repository: shop-worker\n    tag: latest\n"
        "cache:\n  image:\n    repository: redis\n    tag: '7.4'\n"
    ),
    "deploy/test/redis.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: test\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: api\n          image: shop-api\n"
        "        - name: redis\n          image: redis:7.4\n"
    ),
}


def test_images_a_tiltfile_builds_are_built_here_and_its_dockerfiles_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    status = {(r["file"], r["line"], r["written"]): r["status"] for r in json.loads(out)}
    assert {key[2] for key, value in status.items() if value == "public"} == {
        "docker/dockerfile:1.7",
        "golang:1.23",
        "gcr.io/distroless/static",
        "python:3.12-slim",
        "redis:7.4",
    }
    assert {key[2] for key, value in status.items() if value == "built-here"} == {
        "shop-api:latest",
        "shop-worker:latest",
        "shop-api",
    }
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert "shop-api" not in out
    assert "shop-api:latest (Tiltfile:3)" in err
    assert "Tiltfile:9: docker_build's image is not a literal string" in err
