"""`ecr-mirror discover` on trees for issue 20's second round: compose variables with no value, images built in the
tree before they are used, Dockerfiles known by their content, Jenkinsfiles, bake files, unrendered templates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree


def _discover_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[list[dict[str, Any]], str]:
    code = main(["discover", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def test_a_compose_variable_empty_in_env_is_unresolved_naming_file_line_and_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "db/compose.yaml": (
                "services:\n  db:\n    image: postgres:${PG_VERSION}\n  web:\n    image: nginx:${NGINX}\n"
            ),
            "db/.env": "# set by the release script\nPG_VERSION=\nNGINX=1.27\n",
            "other/compose.yaml": "services:\n  db:\n    image: mariadb:${MARIADB_VERSION}\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "nginx:1.27  # db/compose.yaml",
        "# unresolved: mariadb:${MARIADB_VERSION}  # other/compose.yaml:3: ${MARIADB_VERSION} has no default and no "
        "value in .env (compose also reads the environment; discover does not)",
        "# unresolved: postgres:${PG_VERSION}  # db/compose.yaml:3: gives 'postgres:', not an image reference: "
        '${PG_VERSION} is empty in .env (compose substitutes "")',
    ]


TEMPLATES_TREE = {
    "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 1.0.0\nappVersion: '3.1.0'\n",
    "charts/web/values.yaml": "image:\n  repository: ghcr.io/example/web\n  tag: ''\ntests:\n  image: busybox:1.37\n",
    "charts/web/templates/_helpers.tpl": '{{- define "web.name" -}}\n{{ .Chart.Name }}\n{{- end }}\n',
    "charts/web/templates/deployment.yaml": (
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web.name" . }}\nspec:\n'
        "  template:\n    spec:\n      containers:\n        - name: web\n"
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'
        "        - name: exporter\n          image: {{ .Values.exporter.image }}\n"
        "        - name: shell\n          image: alpine:3.20\n"
    ),
    "charts/web/templates/service.yaml": (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels:\n"
        '    {{- include "web.labels" . | nindent 4 }}\n'
    ),
    "charts/web/templates/ingress.yaml": (
        "{{- if .Values.ingress.enabled -}}\napiVersion: networking.k8s.io/v1\nkind: Ingress\n"
        "metadata:\n  name: {{ .Release.Name }}\n{{- end }}\n"
    ),
    "charts/web/templates/tests/connection.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: '{{ .Release.Name }}-test'\nspec:\n  containers:\n"
        "    - name: wget\n      image: {{ .Values.tests.image }}\n"
    ),
    "deploy/app.yaml.j2": "",  # not a YAML name: not read
    "deploy/pod.yaml": (
        "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n{% for name in workers %}\n"
        "    - name: {{ name }}\n      image: {{ worker_image }}\n{% endfor %}\n    - name: db\n"
        "      image: postgres:16\n"
    ),
    "zola/config.yaml": "title: {{ get_env(name='TITLE') }}\nbase: {% raw %}x{% endraw %}\n",
}


def test_unrendered_templates_are_one_summary_line_not_a_warning_or_unresolved_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TEMPLATES_TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    # the chart's images come from its values; literal lines of templates are still read
    assert [line.split()[0] for line in out.splitlines() if not line.startswith("#")] == [
        "alpine:3.20",
        "busybox:1.37",
        "ghcr.io/example/web:3.1.0",
        "postgres:16",
    ]
    # The chart's template expressions are its values (read): no unresolved line for them. A template outside a
    # chart has no values here: its expression stays unresolved, with its line.
    assert [line for line in out.splitlines() if line.startswith("#")] == [
        "# unresolved: {{ worker_image }}  # deploy/pod.yaml:7: a template expression: render the template first "
        "(`helm template` for a Helm chart)"
    ]
    warnings = [line for line in err.splitlines() if "template" in line]
    assert len(warnings) == 1, err
    assert "6 template file(s) not rendered" in warnings[0]
    for name in ("charts/web/templates/deployment.yaml", "charts/web/templates/ingress.yaml"):
        assert name in warnings[0]
    assert "not valid YAML" not in err


CONTENT_TREE = {
    "docker/alpine": "# the musl build\nFROM alpine:3.20\nRUN apk add --no-cache build-base\nCOPY . /src\n",
    "ci/base.df": "ARG GO=1.23\nFROM golang:${GO}-bookworm AS build\nRUN go build ./...\n"
    "FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out /\n",
    "scripts/release": "#!/bin/sh\nset -e\nFROM=v1\necho $FROM\n",  # a script, not a Dockerfile
    "docs/letter": "FROM the desk of the maintainers\nthis is not a build file\n",  # starts like one; is not
    "notes.txt": "FROM python:3.12\n",  # a known extension: not opened
    "LICENSE": "MIT License\n",
    ".hidden-build": "FROM ruby:3.3\n",  # a dot file: not opened
}


def test_a_dockerfile_whose_name_says_nothing_is_read_by_its_content_and_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, CONTENT_TREE)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "tool").write_bytes(b"\x7fELF\x00\x00FROM x\n")  # binary: never read as text
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split("  # ") for line in out.splitlines()] == [
        ["alpine:3.20".ljust(40), "docker/alpine"],
        ["gcr.io/distroless/static-debian12:latest", "ci/base.df"],
        ["golang:1.23-bookworm".ljust(40), "ci/base.df"],
    ]
    assert (
        "read 2 file(s) as Dockerfiles by their content (their names do not say so): ci/base.df, docker/alpine" in err
    )
    # a file that starts with FROM but is not shaped like a Dockerfile is not read, and not left out silently
    assert "1 start with FROM but are not shaped like a Dockerfile (docs/letter)" in err
    # named explicitly, such a file is read too
    assert main(["discover", "docker/alpine"]) == 0
    assert capsys.readouterr().out == "alpine:3.20  # docker/alpine\n"


LOCAL_BUILDS_TREE = {
    "Makefile": (
        "IMAGE ?= acme/proxy\n\n.PHONY: build-test\nbuild-test:\n"
        "\tdocker build --pull -t acme/proxy:test .\n"
        "\tdocker buildx build --platform linux/amd64 --tag=acme/proxy:test-debian -f Dockerfile.debian .\n"
        "\tdocker build -t $(IMAGE):dev .\n"
    ),
    "Dockerfile": "FROM nginx:1.27-alpine\n",
    "Dockerfile.debian": "FROM debian:12-slim\n",
    "scripts/fixtures.sh": (
        "#!/usr/bin/env bash\nset -euo pipefail\ndocker build -t web-fixture ./fixtures && docker tag web-fixture "
        "acme/web:ci\npodman build --tag local-tool:1 -f tool/Containerfile tool\n"
        'docker tag "$SRC" acme/from-variable:1\n'
    ),
    "fixtures/Dockerfile": "FROM python:3.12-alpine\n",
    "tool/Containerfile": "FROM local-tool:0\n",
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  cli:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
        "          docker build \\\n            --build-arg X=1 \\\n            -t acme/cli:ci .\n"
        "      - run: docker compose -f tests/compose.yaml up --exit-code-from sut\n"
    ),
    "tests/compose.yaml": (
        "services:\n"
        "  proxy: {image: 'acme/proxy:test'}\n"
        "  proxy-debian: {image: 'docker.io/acme/proxy:test-debian'}\n"
        "  dev: {image: 'acme/proxy:dev'}\n"
        "  web: {image: web-fixture}\n"
        "  webci: {image: 'acme/web:ci'}\n"
        "  cli: {image: 'acme/cli:ci'}\n"
        "  variable: {image: 'acme/from-variable:1'}\n"
        "  sut: {image: 'curlimages/curl:8.10.1'}\n"
    ),
    "k8s/job.yaml": "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n"
    "        - {name: tool, image: 'local-tool:1'}\n",
}


def test_images_a_makefile_script_or_ci_step_builds_are_built_here_not_public(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, LOCAL_BUILDS_TREE)
    monkeypatch.chdir(tmp_path)
    # `local-tool` stays bare (a bare name built here is never a published one: every use of its built tag is built
    # here), and is named public, since a bare name no official image has is left out otherwise (docker_official.py)
    records, _ = _discover_json([".", "--public-registry", "docker.io/library/local-tool"], capsys)
    public = sorted({r["reference"] for r in records if r["status"] == "public"})
    assert public == [
        "acme/proxy:dev",  # `-t $(IMAGE):dev`: only literal names count
        "curlimages/curl:8.10.1",
        "debian:12-slim",
        "local-tool:0",
        "nginx:1.27-alpine",
        "python:3.12-alpine",
    ]
    built = {(r["file"], r["reference"], r["reason"]) for r in records if r["status"] == "built-here"}
    assert built == {
        ("tests/compose.yaml", "acme/proxy:test", "built in this tree: docker build -t at Makefile:5"),
        ("tests/compose.yaml", "acme/proxy:test-debian", "built in this tree: docker buildx build -t at Makefile:6"),
        ("tests/compose.yaml", "web-fixture:latest", "built in this tree: docker build -t at scripts/fixtures.sh:3"),
        ("tests/compose.yaml", "acme/web:ci", "built in this tree: docker tag at scripts/fixtures.sh:3"),
        ("tests/compose.yaml", "acme/cli:ci", "built in this tree: docker build -t at .github/workflows/ci.yml:7"),
        ("k8s/job.yaml", "local-tool:1", "built in this tree: podman build -t at scripts/fixtures.sh:4"),
        # `docker tag "$SRC" NAME`: whatever the source, NAME is a local name once the script ran
        ("tests/compose.yaml", "acme/from-variable:1", "built in this tree: docker tag at scripts/fixtures.sh:5"),
    }
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert "acme/proxy:test" not in out and "acme/proxy:dev" in out
    assert "not listed: 7 image(s) built in this tree before they are used (docker build -t, docker tag" in err
    assert "acme/cli:ci (.github/workflows/ci.yml:7), acme/from-variable:1 (scripts/fixtures.sh:5)" in err


JENKINS_TREE = {
    "Jenkinsfile": (
        "pipeline {\n  agent { dockerfile true }\n  environment { PY = 'python:3.13-slim' }\n  stages {\n"
        "    stage('test') {\n      agent { docker { image \"${PY}\" } }\n      steps { sh 'pytest' }\n    }\n"
        "    stage('image') {\n      steps {\n        sh 'docker build -t acme/site:ci .'\n"
        "        script {\n          docker.build('acme/tools:ci', 'tools')\n"
        "          docker.image('acme/tools:ci').inside { sh 'make lint' }\n        }\n      }\n    }\n  }\n}\n"
    ),
    "Dockerfile": "FROM nginx:1.27-alpine\n",
    "tests/compose.yaml": "services:\n  site: {image: 'acme/site:ci'}\n",
    "jenkins/vars/deploy.groovy": (
        "def call() {\n  docker.image('bitnami/kubectl:1.31').inside { sh 'kubectl get pods' }\n}\n"
    ),
    "buildSrc/src/main/groovy/Versions.groovy": "class Versions {\n  static String image = 'not-an-image:1'\n}\n",
}


def test_jenkinsfiles_and_pipeline_groovy_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, JENKINS_TREE)
    monkeypatch.chdir(tmp_path)
    records, _ = _discover_json(["."], capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("Dockerfile", 1, "nginx:1.27-alpine", "public"),  # `agent { dockerfile true }` builds it: read as any
        ("Jenkinsfile", 6, "python:3.13-slim", "public"),
        ("Jenkinsfile", 14, "acme/tools:ci", "built-here"),
        ("jenkins/vars/deploy.groovy", 2, "bitnami/kubectl:1.31", "public"),
        ("tests/compose.yaml", 2, "acme/site:ci", "built-here"),
    ]
    assert {r["kind"] for r in records if r["file"] == "Jenkinsfile"} == {"Jenkinsfile"}


BAKE_TREE = {
    "docker-bake.hcl": (
        'variable "GO_VERSION" {\n  default = "1.23"\n}\nvariable "ALPINE" {\n  default = "3.20"\n}\n'
        'group "default" {\n  targets = ["app", "docs"]\n}\n'
        'target "app" {\n  dockerfile = "build/app.Dockerfile"\n  args = {\n    GO_VERSION = "${GO_VERSION}"\n  }\n'
        '  contexts = {\n    alpine = "docker-image://alpine:${ALPINE}"\n    src = "target:src"\n  }\n'
        '  tags = ["acme/app:local"]\n}\n'
        'target "src" {\n  dockerfile = "src.Dockerfile"\n}\n'
        'target "docs" {\n  context = "docs"\n  args = { PY = "3.13" }\n}\n'
    ),
    "docker-bake.override.hcl": 'variable "ALPINE" {\n  default = "3.21"\n}\n',
    "build/app.Dockerfile": "ARG GO_VERSION\nFROM golang:${GO_VERSION} AS build\nFROM src AS code\nFROM alpine\n",
    "src.Dockerfile": "FROM busybox:1.37\n",
    "docs/Dockerfile": "ARG PY=3.12\nFROM python:${PY}-slim\n",
    "compose.yaml": "services:\n  app: {image: 'acme/app:local'}\n",
    "broken/docker-bake.hcl": 'target "x" {\n  context = "."\n',
}


def test_a_bake_project_gives_its_contexts_builds_with_args_and_built_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, BAKE_TREE)
    monkeypatch.chdir(tmp_path)
    records, err = _discover_json(["."], capsys)
    public = sorted({(r["reference"], r["file"]) for r in records if r["status"] == "public"})
    assert public == [
        ("alpine:3.21", "docker-bake.hcl"),  # the named context, with the override's default
        ("busybox:1.37", "src.Dockerfile"),
        ("golang:1.23", "build/app.Dockerfile"),  # the bake target's argument
        ("python:3.12-slim", "docs/Dockerfile"),  # read alone (docker build), and
        ("python:3.13-slim", "docs/Dockerfile"),  # with the target's args (bake)
    ]
    # `FROM src` and `FROM alpine` are the target's named contexts, not images of their own
    assert not any(r["written"] in ("src", "alpine") for r in records)
    assert [(r["reference"], r["status"]) for r in records if r["file"] == "compose.yaml"] == [
        ("acme/app:local", "built-here")
    ]
    assert "broken/docker-bake.hcl: not read as a bake file: line 1: a block without its closing '}'; skipped" in err
