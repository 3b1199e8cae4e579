"""Compose files, Kubernetes and Helm-rendered manifests, GitHub Actions workflows, .gitlab-ci.yml."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.devcontainer import devcontainer_images
from ecr_mirror.choose.discovery.dotenv import parse_dotenv
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.yaml_sources import (
    circleci_images,
    compose_builds,
    compose_images,
    gitpod_images,
    kubernetes_images,
)
from ecr_mirror.errors import ConfigError


def _ok(found: list[Found]) -> list[str]:
    return [f.text for f in found if f.problem is None]


def _problems(found: list[Found]) -> dict[str, str]:
    return {f.text: f.problem for f in found if f.problem is not None}


def test_compose_services_with_anchors_interpolation_and_build_services_left_out() -> None:
    text = """\
x-python: &python
  image: "python:${PY:-3.12}-slim"
  restart: always
services:
  web:
    <<: *python
    command: serve
  worker: *python
  db:
    image: 'postgres:16'
  app:
    build: .
    image: myorg/app:dev
  cache:
    image: redis:${REDIS-7}
  money:
    image: "ghcr.io/org/tool:$$literal"
  secret:
    image: registry.internal/${IMAGE}
"""
    found = compose_images(text, "compose.yaml")
    assert _ok(found) == ["python:3.12-slim", "python:3.12-slim", "postgres:16", "redis:7", "ghcr.io/org/tool:$literal"]
    assert "IMAGE" in _problems(found)["registry.internal/${IMAGE}"]


def test_kubernetes_multi_document_with_anchors_and_image_fields_anywhere() -> None:
    text = """\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: &busy busybox:1.36
      containers:
        - name: app
          image: "nginx:1.27"
        - name: sidecar
          image: *busy
---
# a non-Kubernetes document in the same file is ignored
image: not-this:1
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
spec:
  templates:
    - container:
        image: docker.io/library/alpine:3.20
---
"""
    assert _ok(kubernetes_images(text, "k8s/all.yaml")) == [
        "busybox:1.36",
        "nginx:1.27",
        "busybox:1.36",
        "docker.io/library/alpine:3.20",
    ]


def test_helm_rendered_manifest_and_an_unrendered_template_value() -> None:
    rendered = """\
---
# Source: web/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: release-name-web
  labels:
    helm.sh/chart: web-0.1.0
spec:
  template:
    spec:
      containers:
        - name: web
          image: "quay.io/prometheus/node-exporter:v1.8.2"
          imagePullPolicy: IfNotPresent
"""
    assert _ok(kubernetes_images(rendered, "rendered.yaml")) == ["quay.io/prometheus/node-exporter:v1.8.2"]
    template = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: "{{ .Values.image }}"\n'
    assert "helm template" in _problems(kubernetes_images(template, "t.yaml"))["{{ .Values.image }}"]


def test_workflow_container_services_and_docker_steps() -> None:
    text = """\
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container: node:20-bookworm
    services:
      postgres:
        image: postgres:16
      redis:
        image: redis:7
    steps:
      - uses: actions/checkout@v4
      - uses: docker://alpine:3.20
        with: {args: echo hi}
  build:
    runs-on: ubuntu-latest
    container:
      image: ghcr.io/org/builder:1
      credentials: {username: x, password: y}
    steps:
      - run: make
  matrix:
    runs-on: ubuntu-latest
    container: ${{ matrix.image }}
"""
    found = workflow_images(text, ".github/workflows/ci.yml")
    assert _ok(found) == ["node:20-bookworm", "postgres:16", "redis:7", "alpine:3.20", "ghcr.io/org/builder:1"]
    assert "no matrix" in _problems(found)["${{ matrix.image }}"]


def test_gitlab_image_and_services_as_strings_and_mappings_with_variables() -> None:
    text = """\
variables:
  PY: "3.12"
image: python:${PY}-slim
services:
  - docker:27-dind
default:
  services:
    - name: postgres:16
      alias: db
.base: &base
  image:
    name: alpine:3.20
    entrypoint: [""]
test:
  <<: *base
  variables:
    PY: "3.11"
  script: [pytest]
lint:
  image: python:${PY}
  services:
    - name: redis:7
proxied:
  image: ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20
stages: [test]
"""
    found = gitlab_images(text, ".gitlab-ci.yml")
    assert sorted(_ok(found)) == sorted(
        ["python:3.12-slim", "docker:27-dind", "postgres:16", "alpine:3.20", "python:3.12", "redis:7"]
    )
    assert "GitLab" in _problems(found)["${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/node:20"]


def test_invalid_yaml_is_a_config_error_naming_the_file() -> None:
    with pytest.raises(ConfigError, match=r"compose\.yaml"):
        compose_images("services: [\n", "compose.yaml")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("Dockerfile", Kind.DOCKERFILE),
        ("app/Dockerfile.prod", Kind.DOCKERFILE),
        ("build/api.Dockerfile", Kind.DOCKERFILE),
        ("Containerfile", Kind.DOCKERFILE),
        ("Containerfile.dev", Kind.DOCKERFILE),
        ("tools/Dockerfile-chroot", Kind.DOCKERFILE),
        (".gitlab-ci/fedora.Dockerfile", Kind.DOCKERFILE),
        ("Dockerfile_ci", Kind.DOCKERFILE),
        ("api.containerfile", Kind.DOCKERFILE),
        ("Dockerfile-chroot.dockerignore", None),
        (".circleci/config.yml", Kind.CIRCLECI),
        (".devcontainer/devcontainer.json", Kind.DEVCONTAINER),
        (".devcontainer.json", Kind.DEVCONTAINER),
        (".gitpod.yml", Kind.GITPOD),
        (".github/actions/lint/action.yml", Kind.ACTION),
        ("ci/build.gitlab-ci.yml", Kind.GITLAB),
        ("Dockerfile.dockerignore", None),
        ("compose.yaml", Kind.COMPOSE),
        ("compose.override.yml", Kind.COMPOSE),
        ("docker-compose.yml", Kind.COMPOSE),
        ("docker-compose.prod.yaml", Kind.COMPOSE),
        ("repo/.github/workflows/ci.yml", Kind.WORKFLOW),
        (".github/workflows/release.yaml", Kind.WORKFLOW),
        (".github/dependabot.yml", Kind.YAML),
        (".gitlab-ci.yml", Kind.GITLAB),
        ("k8s/deploy.yaml", Kind.YAML),
        ("README.md", None),
        ("main.py", None),
    ],
)
def test_file_kinds_from_their_names(path: str, kind: Kind | None) -> None:
    assert kind_of(path) is kind


def test_images_in_dispatches_by_kind() -> None:
    assert _ok(images_in(Kind.DOCKERFILE, "FROM alpine:3.20\n", "Dockerfile")) == ["alpine:3.20"]
    assert _ok(images_in(Kind.COMPOSE, "services: {a: {image: redis:7}}\n", "compose.yaml")) == ["redis:7"]


def test_compose_reads_the_dotenv_values_and_gives_its_builds() -> None:
    text = """\
services:
  snuba:
    image: "$SNUBA_IMAGE"
  db:
    image: postgres:${PG:-16}
  clickhouse:
    image: clickhouse-local
    build:
      context: ./clickhouse
      args:
        BASE_IMAGE: "altinity/clickhouse-server:${CH_VERSION}"
  web:
    image: sentry-local
    build:
      context: ./sentry
      dockerfile: web.Dockerfile
      args: [SENTRY_IMAGE, "MODE=prod", UNSET]
  inline:
    build:
      dockerfile_inline: "FROM busybox:1.36"
  remote:
    build: https://github.com/org/repo.git#main
"""
    dotenv = {"SNUBA_IMAGE": "ghcr.io/getsentry/snuba:nightly", "CH_VERSION": "25.8", "SENTRY_IMAGE": "ghcr.io/x/y:1"}
    assert _ok(compose_images(text, "compose.yaml", dotenv)) == ["ghcr.io/getsentry/snuba:nightly", "postgres:16"]
    builds = compose_builds(text, "compose.yaml", dotenv)
    assert [(b.dockerfile, b.inline, b.args, b.built) for b in builds] == [
        ("./clickhouse/Dockerfile", None, {"BASE_IMAGE": "altinity/clickhouse-server:25.8"}, "clickhouse-local"),
        ("./sentry/web.Dockerfile", None, {"SENTRY_IMAGE": "ghcr.io/x/y:1", "MODE": "prod"}, "sentry-local"),
        ("./Dockerfile", "FROM busybox:1.36", {}, None),
    ]
    assert "no value in .env" in _problems(compose_images(text, "compose.yaml"))["$SNUBA_IMAGE"]


def test_dotenv_lines_as_compose_reads_them() -> None:
    text = "# comment\nexport A=1\nB='lit $A'\nC=\"x-${A}\"\nD=plain # note\nbad line\n"
    assert parse_dotenv(text) == {"A": "1", "B": "lit $A", "C": "x-1", "D": "plain"}


def test_circleci_docker_images_not_machine_images_and_parameters_unresolved() -> None:
    text = """\
version: 2.1
executors:
  py:
    docker:
      - image: cimg/python:3.12
      - image: cimg/postgres:16.4
jobs:
  build:
    machine:
      image: ubuntu-2204:current
  test:
    parameters: {tag: {type: string, default: "3.12"}}
    docker:
      - image: cimg/python:<< parameters.tag >>
"""
    found = circleci_images(text, ".circleci/config.yml")
    assert _ok(found) == ["cimg/python:3.12", "cimg/postgres:16.4"]
    assert "CircleCI parameter" in _problems(found)["cimg/python:<< parameters.tag >>"]


def test_devcontainer_json_with_comments_and_trailing_commas() -> None:
    text = (
        '{\n  // the image\n  "name": "x // not a comment",\n'
        '  "image": "mcr.microsoft.com/devcontainers/python:1-3.12",\n}\n'
    )
    assert [(f.text, f.line) for f in devcontainer_images(text, ".devcontainer/devcontainer.json")] == [
        ("mcr.microsoft.com/devcontainers/python:1-3.12", 4)
    ]
    assert devcontainer_images('{"build": {"dockerfile": "Dockerfile"}}', "devcontainer.json") == []


def test_gitpod_workspace_image() -> None:
    assert _ok(gitpod_images("image: gitpod/workspace-full\ntasks: []\n", ".gitpod.yml")) == ["gitpod/workspace-full"]
    assert gitpod_images("image:\n  file: .gitpod.Dockerfile\n", ".gitpod.yml") == []


def test_a_manifest_template_that_is_not_yaml_is_read_line_by_line() -> None:
    text = """\
apiVersion: v1
kind: Namespace
metadata:
  name: {{ .ns }}
---
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - image: busybox:1.36
        - image: "{{ .Values.image }}"
---
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImageRepository
spec:
  image: ghcr.io/org/scanned-not-pulled
"""
    found = images_in(Kind.YAML, text, "testdata/deploy.yaml")
    assert [(f.text, f.line, f.problem is None) for f in found] == [
        ("busybox:1.36", 12, True),
        ("{{ .Values.image }}", 13, False),
    ]


def test_flux_image_repositories_and_skaffold_artifacts_are_not_images_to_pull() -> None:
    text = "apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageRepository\nspec:\n  image: ghcr.io/org/app\n"
    assert images_in(Kind.YAML, text, "flux/image-repo.yaml") == []
    skaffold = "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: gcr.io/org/app\n"
    assert images_in(Kind.YAML, skaffold, "skaffold.yaml") == []


def test_kustomization_image_transforms_name_the_image_that_is_deployed() -> None:
    text = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../base]
images:
  - name: nginx
    newTag: "1.27.3"
  - name: app
    newName: ghcr.io/org/app
    newTag: "2.1"
    digest: sha256:%s
  - name: busybox
    newName: registry.k8s.io/e2e-test-images/busybox
  - name: untouched
""" % ("a" * 64)
    found = images_in(Kind.YAML, text, "overlays/prod/kustomization.yaml")
    assert [(f.text, f.line, f.problem) for f in found] == [
        ("nginx:1.27.3", 5, None),
        (f"ghcr.io/org/app:2.1@sha256:{'a' * 64}", 8, None),
        ("registry.k8s.io/e2e-test-images/busybox", 12, "the tag is the one the bases give busybox (not in this file)"),
    ]
