"""`ecr-mirror discover` on script classes held-out sets H, J and K showed missed: a Dockerfile a script writes in
a heredoc, image variables defaulted from the environment, a PowerShell build script, the build arguments a CI
job or a Makefile passes to a Dockerfile, and a Makefile's variables handed to compose."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _discover(tree: dict[str, str], root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    write_tree(root, tree)  # the tests chdir to `root` with monkeypatch
    code = main(["discover", ".", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    records: list[dict[str, Any]] = json.loads(out)
    return records


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


HEREDOC_TREE = {
    "hack/e2e.sh": (
        '#!/bin/bash\nset -e\nPROBE_BASE="3.21"\n\n'
        "docker build -t probe:v1 -f - . <<EOF\nFROM alpine:${PROBE_BASE}\nRUN apk add --no-cache curl\nEOF\n"
        "docker run --rm probe:v1 dig example.com\n"
    ),
}


def test_a_dockerfile_in_a_scripts_heredoc_is_read_and_its_image_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = _discover(HEREDOC_TREE, tmp_path, capsys)
    assert _public(records) == {("hack/e2e.sh", 6, "alpine:3.21")}
    assert {(r["reference"], r["status"]) for r in records if r["line"] == 9} == {("probe:v1", "built-here")}


POWERSHELL_TREE = {
    "win/build.ps1": (
        "$root = $pwd\n\n# the builder image, then the app\ncd $root\\docker\\app\n"
        "docker build -t shop-app-builder -f Dockerfile.builder .\n"
        "docker run --rm -v $pwd\\out:c:\\out `\n  -v $root\\src:c:\\src `\n"
        "  mcr.microsoft.com/dotnet/sdk:8.0 c:\\src\\build.ps1\n"
        "docker build `\n  -t shop-app .\n"
        '$Cache = "mcr.microsoft.com/windows/servercore:ltsc2022"\n'
        "docker pull $Cache\n"
        'Write-Host "docker run not/echoed:1"\n'
        "# docker run not/commented:2\n"
    ),
    "win/docker-compose.yml": "services:\n  app:\n    image: shop-app\n  builder:\n    image: shop-app-builder\n",
}


def test_a_powershell_script_builds_and_pulls_as_a_shell_script_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = _discover(POWERSHELL_TREE, tmp_path, capsys)
    assert _public(records) == {
        ("win/build.ps1", 6, "mcr.microsoft.com/dotnet/sdk:8.0"),
        ("win/build.ps1", 12, "mcr.microsoft.com/windows/servercore:ltsc2022"),
    }
    assert {(r["file"], r["reference"], r["status"]) for r in records if r["file"].endswith(".yml")} == {
        ("win/docker-compose.yml", "shop-app:latest", "built-here"),
        ("win/docker-compose.yml", "shop-app-builder:latest", "built-here"),
    }


MAKE_COMPOSE_TREE = {
    "Makefile": (
        "COMPOSE_FILE=test/env/docker-compose.yml\n"
        "# the server image the tests run against\n"
        "IMAGE?=valkey/valkey:8.1\n"
        "export IMAGE\n"
        "SENTINEL_TAG := 7.4\n\n"
        "start:\n"
        "\tdocker compose -f $(COMPOSE_FILE) up -d --wait\n"
        "sentinel:\n"
        "\tSENTINEL_TAG=$(SENTINEL_TAG) docker compose -f $(COMPOSE_FILE) up -d sentinel\n"
        "stop:\n"
        "\tdocker compose -f $(COMPOSE_FILE) down\n"
    ),
    "test/env/docker-compose.yml": (
        "services:\n"
        "  server:\n    image: ${IMAGE:-valkey/valkey:latest}\n"
        "  sentinel:\n    image: example/sentinel:${SENTINEL_TAG:-7.0}\n"
        "  tools:\n    image: example/tools:${TOOLS_TAG:-1}\n"
    ),
}


def test_a_makefiles_exported_and_prefixed_variables_reach_the_compose_file_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = _discover(MAKE_COMPOSE_TREE, tmp_path, capsys)
    compose = "test/env/docker-compose.yml"
    assert _public(records) == {
        (compose, 3, "valkey/valkey:latest"),
        (compose, 5, "example/sentinel:7.0"),
        (compose, 7, "example/tools:1"),
        (compose, 3, "valkey/valkey:8.1"),
        (compose, 5, "example/sentinel:7.4"),
    }
    uses = {r["reference"]: r["use"] for r in records}
    assert uses["valkey/valkey:8.1"] == "image (with the env of Makefile:8)"
    assert uses["example/sentinel:7.4"] == "image (with the env of Makefile:10)"


BUILD_ARGS_TREE = {
    ".gitlab-ci.yml": (
        "build-images:\n"
        '  image:\n    name: gcr.io/kaniko-project/executor:v1.23.2-debug\n    entrypoint: [""]\n'
        "  script:\n"
        "    - /kaniko/executor --context $CI_PROJECT_DIR --dockerfile $CI_PROJECT_DIR/docker/Dockerfile"
        " --destination $CI_REGISTRY_IMAGE:$CI_COMMIT_TAG\n"
        '    - executor --context "${CI_PROJECT_DIR}" --dockerfile "${CI_PROJECT_DIR}/docker/Dockerfile"'
        " --destination $CI_REGISTRY_IMAGE:$CI_COMMIT_TAG-slim --build-arg NODE_FLAVOR=slim\n"
    ),
    "docker/Dockerfile": "ARG NODE_FLAVOR=alpine\nFROM node:22-${NODE_FLAVOR} AS deps\nFROM node:22-${NODE_FLAVOR}\n",
    "docker/Dockerfile.tool": "ARG TOOL_BASE\nFROM ${TOOL_BASE}\n",
    "scripts/release.sh": (
        "#!/bin/sh\nset -e\nBASE=example/tool-base:2\n"
        "docker buildx build --platform linux/amd64 --build-arg TOOL_BASE=$BASE -t tool:dev"
        " -f docker/Dockerfile.tool .\n"
        "docker build --build-arg=NODE_FLAVOR=bookworm -f docker/Dockerfile --build-arg UNUSED docker\n"
    ),
}


def test_build_arguments_on_a_command_line_reach_the_dockerfile_it_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = _discover(BUILD_ARGS_TREE, tmp_path, capsys)
    assert _public(records) == {
        (".gitlab-ci.yml", 3, "gcr.io/kaniko-project/executor:v1.23.2-debug"),
        ("docker/Dockerfile", 2, "node:22-alpine"),
        ("docker/Dockerfile", 3, "node:22-alpine"),
        ("docker/Dockerfile", 2, "node:22-slim"),
        ("docker/Dockerfile", 3, "node:22-slim"),
        ("docker/Dockerfile", 2, "node:22-bookworm"),
        ("docker/Dockerfile", 3, "node:22-bookworm"),
        ("docker/Dockerfile.tool", 2, "example/tool-base:2"),
    }
    assert not [r for r in records if r["status"] == "unresolved"]
    uses = {(r["reference"], r["line"]): r["use"] for r in records}
    assert uses[("node:22-slim", 2)] == "FROM (built by .gitlab-ci.yml:7)"
    assert uses[("example/tool-base:2", 2)] == "FROM (built by scripts/release.sh:4)"


PER_ARCH_TREE = {
    "Dockerfile": (
        "ARG BUILD_IMAGE=debian:stable-slim\nARG RUN_IMAGE=gcr.io/distroless/static-debian12:nonroot\n"
        "FROM --platform=$BUILDPLATFORM ${BUILD_IMAGE} AS build\nRUN true\nFROM ${RUN_IMAGE}\n"
        "COPY --from=build /bin/true /true\n"
    ),
    "Makefile.images": (
        "ARCHES:=amd64 arm64 riscv64 s390x\n\n"
        "images:\n"
        "\tfor arch in $(ARCHES); do \\\n"
        "\t    cp Dockerfile out/images/$${arch} ; \\\n"
        '\t    BUILD_OPTS=""; \\\n'
        '\t    if [ "$${arch}" = "riscv64" ]; then \\\n'
        '\t        BUILD_OPTS="--build-arg=BUILD_IMAGE=debian:sid-slim'
        ' --build-arg=RUN_IMAGE=example/static:riscv64"; \\\n'
        "\t    fi; \\\n"
        '\t    if [ "$${arch}" = "s390x" ]; then \\\n'
        '\t        BUILD_OPTS="--build-arg=RUN_IMAGE=example/static:s390x"; \\\n'
        "\t    fi; \\\n"
        "\t    docker build --platform=$${arch} -t example/app:$${arch} $${BUILD_OPTS} out/images/$${arch} ;\\\n"
        "\tdone\n"
    ),
    "Makefile.in": "all:\n\tdocker run --rm not/read:1\n",
}


def test_per_architecture_build_arguments_of_a_makefile_loop_reach_the_dockerfile_it_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = _discover(PER_ARCH_TREE, tmp_path, capsys)
    assert {ref for _, _, ref in _public(records)} == {
        "debian:stable-slim",
        "gcr.io/distroless/static-debian12:nonroot",
        "debian:sid-slim",
        "example/static:riscv64",
        "example/static:s390x",
    }
    uses = {r["reference"]: r["use"] for r in records}
    assert uses["example/static:s390x"] == "FROM (built by Makefile.images:4)"
