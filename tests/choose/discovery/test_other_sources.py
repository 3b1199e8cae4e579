"""Compose .env and builds, CircleCI, dev containers, Gitpod, manifest templates, Kustomize, not-pulled kinds."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.circleci import circleci_images
from ecr_mirror.choose.discovery.compose_build_specs import compose_builds
from ecr_mirror.choose.discovery.devcontainer import devcontainer_images
from ecr_mirror.choose.discovery.dotenv import parse_dotenv
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_values import helm_values_images
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.yaml_sources import compose_images, gitpod_images


def _ok(found: list[Found]) -> list[str]:
    return [f.text for f in found if f.problem is None]


def _problems(found: list[Found]) -> dict[str, str]:
    return {f.text: f.problem for f in found if f.problem is not None}


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
    parameters: {tag: {type: string}}
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


CLOUDBUILD = """\
substitutions:
  _NODE: "22"
  _TOOLS: gcr.io/cloud-builders
steps:
  - name: node:${_NODE}-bookworm
    entrypoint: npm
    args: [ci]
  - name: $_TOOLS/docker
    args: [build, -t, "europe-docker.pkg.dev/$PROJECT_ID/apps/web:$SHORT_SHA", .]
  - name: 'bash'
    script: echo done
  - name: gcr.io/$PROJECT_ID/deployer
    args: [rollout]
images: ["europe-docker.pkg.dev/$PROJECT_ID/apps/web:$SHORT_SHA"]
options: {machineType: E2_HIGHCPU_8}
"""


def test_cloud_build_step_images_with_their_substitutions() -> None:
    found = images_in(Kind.CLOUDBUILD, CLOUDBUILD, "cloudbuild.yaml")
    assert [(f.text, f.line, f.problem) for f in found] == [
        ("node:22-bookworm", 5, None),
        ("gcr.io/cloud-builders/docker", 8, None),
        ("bash", 10, None),
        ("gcr.io/$PROJECT_ID/deployer", 12, "$PROJECT_ID is set by Cloud Build when the build runs"),
    ]
    assert {f.kind for f in found} == {"Cloud Build config"}


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("cloudbuild.yaml", Kind.CLOUDBUILD),
        ("ci/cloudbuild-release.yml", Kind.CLOUDBUILD),
        ("deploy/cloudbuild.json", Kind.CLOUDBUILD),
        ("ci/release.yaml", Kind.YAML),
    ],
)
def test_cloud_build_files_by_name(path: str, kind: Kind) -> None:
    assert kind_of(path) is kind


def test_a_yaml_file_shaped_like_a_cloud_build_config_is_read_as_one() -> None:
    text = "steps:\n  - name: python:3.13-slim\n    args: [-m, pytest]\n    id: tests\ntimeout: 1200s\n"
    found = images_in(Kind.YAML, text, ".ci/test.yaml")
    assert [(f.text, f.kind) for f in found] == [("python:3.13-slim", "Cloud Build config")]
    drone = "kind: pipeline\nsteps:\n  - name: test\n    image: golang:1.23\n    commands: [go test ./...]\n"
    assert images_in(Kind.YAML, drone, ".drone.yml") == []


def test_a_stack_file_shaped_like_compose_is_read_as_compose() -> None:
    stack = """\
version: "3.8"
services:
  web:
    image: "traefik/whoami:v1.10"
    deploy: {replicas: 2}
  db:
    image: postgres:${PG_TAG:-17}-alpine
  tool:
    build: ./tool
    image: me/tool:dev
networks: {front: {}}
x-defaults: &defaults {restart: always}
"""
    found = images_in(Kind.YAML, stack, "deploy/stack.yml")
    assert [(f.text, f.line, f.kind) for f in found] == [
        ("traefik/whoami:v1.10", 4, "compose file"),
        ("postgres:17-alpine", 7, "compose file"),
    ]
    # Not compose: GitLab's top-level `services` is a list; a config whose `services` are not containers.
    assert images_in(Kind.YAML, "services: [redis:7]\ntest:\n  script: [make]\n", ".ci/jobs.yml") != []
    assert images_in(Kind.YAML, "services:\n  api:\n    url: http://x\n    image: logo.png\n", "app.yml") == []


def test_a_file_in_a_dockerfiles_directory_is_read_only_when_it_starts_like_a_dockerfile() -> None:
    def texts(text: str, origin: str) -> list[str]:
        return [f.text for f in images_in(Kind.DOCKERFILE, text, origin)]

    assert texts("# CI image\n\nARG RELEASE=41\nFROM fedora:${RELEASE}\n", ".dockerfiles/fedora") == ["fedora:41"]
    assert texts("MIT License\n\nFrom the authors of this project.\n", "dockerfiles/LICENSE") == []
    assert texts("all:\n\tdocker build --file alpine .\n", "dockerfiles/Makefile") == []
    assert texts("from alpine:3.20\n", "Dockerfile") == ["alpine:3.20"]  # named as one: read as BuildKit would


def test_azure_pipelines_steps_with_names_are_not_cloud_build_steps() -> None:
    azure = "trigger: [main]\npool: {vmImage: ubuntu-latest}\nsteps:\n  - script: make test\n    name: unittests\n"
    assert images_in(Kind.YAML, azure, "azure-pipelines.yml") == []
    template = "steps:\n  - bash: ./build.sh\n    name: build\n    displayName: Build\n"
    assert images_in(Kind.YAML, template, "ci/steps.yml") == []


HELM_VALUES = """\
image:
  repository: ghcr.io/example/web
  pullPolicy: IfNotPresent
  tag: ""
worker:
  image:
    registry: docker.io
    repository: example/worker
    tag: 2.4.1
postgresql:
  image:
    repository: bitnamilegacy/postgresql
    tag: 16
cache:
  image:
    repository: valkey/valkey
    pullPolicy: Always
sidecars:
  - name: shipper
    image: fluent/fluent-bit:3.1
gitSync:
  repository: https://github.com/example/config.git
  tag: v1
"""
SCAFFOLD = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'


def test_helm_values_of_a_chart_give_its_images() -> None:
    found = helm_values_images(HELM_VALUES, "chart/values.yaml", app_version="1.8.0", templates=SCAFFOLD)
    assert [(f.text, f.line, f.problem is None) for f in found] == [
        ("ghcr.io/example/web:1.8.0", 2, True),  # the empty tag: the template defaults it to the appVersion
        ("docker.io/example/worker:2.4.1", 8, True),
        ("bitnamilegacy/postgresql:16", 12, True),
        ("valkey/valkey", 16, False),
        ("fluent/fluent-bit:3.1", 20, True),
    ]
    assert {f.kind for f in found} == {"Helm values"}
    unknown = helm_values_images(HELM_VALUES, "chart/values.yaml", app_version="1.8.0", templates="")
    assert [f.text for f in unknown if f.problem is not None] == ["ghcr.io/example/web", "valkey/valkey"]
    # a chart-testing values file for an image CI loads into the cluster itself: never pulled
    local = "image:\n  repository: example/web\n  pullPolicy: Never\n"
    assert helm_values_images(local, "chart/ci/kind-values.yaml", app_version="1.8.0", templates=SCAFFOLD) == []


def test_okteto_dev_containers() -> None:
    text = (
        "build:\n  api:\n    context: api\n"
        "dev:\n  api:\n    image: golang:1.23\n    command: bash\n  web:\n    image: ${OKTETO_BUILD_API_IMAGE}\n"
        "  docs:\n    command: hugo server\n"
    )
    assert kind_of("okteto.yml") is Kind.OKTETO and kind_of("services/okteto.yaml") is Kind.OKTETO
    found = images_in(Kind.OKTETO, text, "okteto.yml")
    assert [(f.text, f.line, f.problem is None) for f in found] == [
        ("golang:1.23", 6, True),
        ("${OKTETO_BUILD_API_IMAGE}", 9, False),
    ]
    legacy = "name: api\nimage: okteto/python:3\ncommand: bash\n"
    assert [f.text for f in images_in(Kind.OKTETO, legacy, "okteto.yml")] == ["okteto/python:3"]


def test_helm_values_name_an_image_under_repo_as_under_repository() -> None:
    from ecr_mirror.choose.discovery.helm_values import helm_values_images

    text = """\
cartsdb:
  image:
    repo: mongo
    tag: 4.4.0
zipkin:
  enabled: false
  image:
    repo: openzipkin/zipkin
    tag: 2.21
  cron:
    repo: https://github.com/acme/cron.git
    tag: v1
"""
    found = helm_values_images(text, "chart/values.yaml", app_version=None, templates="")
    assert [(item.text, item.line) for item in found] == [("mongo:4.4.0", 3), ("openzipkin/zipkin:2.21", 8)]
