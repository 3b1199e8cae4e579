"""`ecr-mirror discover` on trees for issue 20's set F: images run or pulled by commands (`docker run`, `docker
pull`) in Makefiles, scripts (also without an extension, by their `#!` line) and CI steps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _discover_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code = main(["discover", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return list(json.loads(out))


COMMANDS_TREE = {
    "Makefile": (
        "LINT_IMAGE = quay.io/acme/chart-lint:v3.1.0\n\nlint:\n"
        "\tdocker run ${DOCKER_ARGS} --rm -v $(CURDIR):/charts -w /charts $(LINT_IMAGE) lint\n"
        "build:\n\tdocker build -t acme/app:dev .\n\tdocker run --rm acme/app:dev selftest\n"
        "qemu:\n\tdocker run --rm --privileged multiarch/qemu-user-static --reset -p yes\n"
    ),
    "tools/format": '#!/usr/bin/env bash\nset -e\nexec docker run --rm -v "$PWD:/src" acme/formatter:2.0 "$@"\n',
    "tools/README": "docker run --rm not/a-script:1\n",
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: docker pull ghcr.io/acme/docs:1\n"
        "      - run: |\n          docker run --rm -e CI=1 \\\n            node:22-alpine npm test\n"
    ),
}


def test_docker_run_and_pull_in_makefiles_scripts_and_workflow_steps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, COMMANDS_TREE)
    monkeypatch.chdir(tmp_path)
    records = _discover_json(["."], capsys)
    got = {(r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"]) for r in records}
    assert got == {
        ("Makefile", 4, "Makefile", "docker run", "quay.io/acme/chart-lint:v3.1.0", "public"),
        ("Makefile", 7, "Makefile", "docker run", "acme/app:dev", "built-here"),
        ("Makefile", 9, "Makefile", "docker run", "multiarch/qemu-user-static:latest", "public"),
        ("tools/format", 3, "shell script", "docker run", "acme/formatter:2.0", "public"),
        (".github/workflows/ci.yml", 6, "GitHub Actions workflow", "docker pull", "ghcr.io/acme/docs:1", "public"),
        (".github/workflows/ci.yml", 8, "GitHub Actions workflow", "docker run", "node:22-alpine", "public"),
    }


def test_docker_hub_under_another_host_name_is_docker_hub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"Dockerfile": "ARG RUBY_VERSION=3.3.6\nFROM registry.docker.com/library/ruby:$RUBY_VERSION-slim AS base\n"},
    )
    monkeypatch.chdir(tmp_path)
    (record,) = _discover_json(["."], capsys)
    assert (record["written"], record["reference"], record["status"]) == (
        "registry.docker.com/library/ruby:3.3.6-slim",
        "ruby:3.3.6-slim",
        "public",
    )


def test_aws_task_definitions_by_name_and_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "deploy/eb/Dockerrun.aws.json": '{"AWSEBDockerrunVersion": "1", "Image": {"Name": "acme/shop"}}\n',
            "deploy/ecs/web.json": '{"family": "web", "containerDefinitions": [{"image": "nginx:1.27"}]}\n',
            "deploy/ecs/settings.json": '{"containerDefinitions": "not an ECS file, no family"}\n',
            "infra/stack.yaml": (
                "Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n"
                "      ContainerDefinitions:\n        - Image: redis:7.4\n"
            ),
        },
    )
    monkeypatch.chdir(tmp_path)
    got = {(r["file"], r["line"], r["kind"], r["reference"]) for r in _discover_json(["."], capsys)}
    assert got == {
        ("deploy/eb/Dockerrun.aws.json", 1, "Elastic Beanstalk Dockerrun file", "acme/shop:latest"),
        ("deploy/ecs/web.json", 1, "ECS task definition", "nginx:1.27"),
        ("infra/stack.yaml", 6, "CloudFormation template", "redis:7.4"),
    }
