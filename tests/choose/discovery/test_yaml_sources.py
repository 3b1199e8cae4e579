"""Compose files, Kubernetes and Helm-rendered manifests, GitHub Actions workflows, .gitlab-ci.yml."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.choose.discovery.gitlab_ci import gitlab_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.yaml_sources import (
    compose_images,
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


def test_a_container_with_image_pull_policy_never_pulls_nothing() -> None:
    text = """\
apiVersion: v1
kind: Pod
spec:
  containers:
    - name: probe
      image: local/probe:dev
      imagePullPolicy: Never
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      imagePullPolicy: IfNotPresent
"""
    assert _ok(kubernetes_images(text, "test/pod.yaml")) == ["envoyproxy/envoy:v1.31.0"]


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
        (".dockerfiles/debian-stable", Kind.DOCKERFILE),  # built with `docker build --file .dockerfiles/$NAME`
        ("ci/dockerfiles/fedora-41", Kind.DOCKERFILE),
        ("ci/dockerfiles/README.md", None),
        ("ci/dockerfiles/.gitkeep", None),
        ("docker/alpine", None),
        ("README.md", None),
        ("main.py", None),
    ],
)
def test_file_kinds_from_their_names(path: str, kind: Kind | None) -> None:
    assert kind_of(path) is kind


def test_images_in_dispatches_by_kind() -> None:
    assert _ok(images_in(Kind.DOCKERFILE, "FROM alpine:3.20\n", "Dockerfile")) == ["alpine:3.20"]
    assert _ok(images_in(Kind.COMPOSE, "services: {a: {image: redis:7}}\n", "compose.yaml")) == ["redis:7"]


def test_compose_variable_empty_in_env_or_by_default_is_unresolved_naming_it() -> None:
    # compose substitutes "" for an unset variable with a warning (`postgres:` is then no image); an empty value in
    # `.env` or an empty default gives the same text. Each is unresolved, naming the variable, not a parse error.
    text = """\
services:
  db:
    image: postgres:${PG_VERSION}
  cache:
    image: "redis:${REDIS_TAG:-}"
  queue:
    image: rabbitmq:${MQ_TAG:-3.13}-management
  search:
    image: ${SEARCH_IMAGE}
"""
    found = compose_images(text, "compose.yaml", {"PG_VERSION": "", "MQ_TAG": "", "SEARCH_IMAGE": ""})
    assert _ok(found) == ["rabbitmq:3.13-management"]
    problems = _problems(found)
    assert set(problems) == {"postgres:${PG_VERSION}", "redis:${REDIS_TAG:-}", "${SEARCH_IMAGE}"}
    assert "${PG_VERSION} is empty in .env" in problems["postgres:${PG_VERSION}"]
    assert "'postgres:'" in problems["postgres:${PG_VERSION}"]
    assert "${REDIS_TAG} has no value" in problems["redis:${REDIS_TAG:-}"]
    assert "${SEARCH_IMAGE} is empty in .env" in problems["${SEARCH_IMAGE}"]
    assert [f.line for f in found if f.problem] == [3, 5, 9]
    unset = compose_images("services:\n  db:\n    image: postgres:${PG_VERSION}\n", "compose.yaml")
    assert "${PG_VERSION} has no default and no value in .env" in _problems(unset)["postgres:${PG_VERSION}"]
