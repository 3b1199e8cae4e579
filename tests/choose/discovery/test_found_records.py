"""What each YAML reader reports for a reference, whole: text, file, line, problem, use and kind (mutation survivors
of choose/discovery/yaml_sources.py: the earlier tests compared texts only). Each file also holds documents that
are not mappings, values of the wrong type and aliases, which every reader passes over."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.circleci import circleci_images
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild, compose_builds
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_sources import (
    compose_images,
    gitpod_images,
    kubernetes_images,
    okteto_images,
    yaml_images,
)
from ecr_mirror.errors import ConfigError

D = "sha256:" + "a" * 64
K8S = "Kubernetes manifest"
KUSTOMIZE = "images (kustomize)"
BASES = "(not in this file)"


def test_compose_images_are_reported_with_their_file_line_and_use() -> None:
    text = """\
services:
  web:
    image: "python:${PY:-3.12}"
  app:
    build: .
    image: myorg/app
  cache:
    image: "redis:${REDIS_TAG}"
  sidecar: {command: sleep}
  odd: 3
---
- not a mapping
---
services: [web]
"""
    assert compose_images(text, "compose.yaml") == [
        Found("python:3.12", "compose.yaml", 3, None, "image"),
        Found(
            "redis:${REDIS_TAG}",
            "compose.yaml",
            8,
            "${REDIS_TAG} has no default and no value in .env (compose also reads the environment; discover does not)",
            "image",
        ),
    ]


def test_compose_builds_give_the_dockerfile_the_arguments_and_the_image_built() -> None:
    text = """\
services:
  web:
    build:
      context: app
      dockerfile: Containerfile
      args:
        PY: "${PY:-3.12}"
        COST: "$$5"
        MISSING: "${NOPE}"
        BROKEN: "${PY"
    image: "myorg/web:${TAG:-dev}"
  inline:
    build:
      dockerfile_inline: "FROM alpine:3.20"
      args: [A=1, NOT_SET, FROM_ENV]
    image: "myorg/inline:$$1"
  unset:
    build: {context: u, dockerfile_inline: 3}
    image: "myorg/${NOPE}"
  broken:
    build: b
    image: "myorg/${TAG"
  remote:
    build: https://github.com/org/repo.git
  ssh:
    build: git@github.com:org/repo.git
  later:
    build: ./later
  pulled: {image: redis}
  odd: 3
---
- not a mapping
---
services: [web]
"""
    assert compose_builds(text, "compose.yaml", {"FROM_ENV": "e"}) == [
        ComposeBuild("app/Containerfile", None, {"PY": "3.12", "COST": "$5"}, "myorg/web:dev", line=11, service="web"),
        ComposeBuild(
            "./Dockerfile",
            "FROM alpine:3.20",
            {"A": "1", "FROM_ENV": "e"},
            "myorg/inline:$1",
            line=16,
            service="inline",
        ),
        ComposeBuild(
            "u/Dockerfile", None, {}, "myorg/${NOPE}", line=19, service="unset"
        ),  # as written: what it builds, not pulled
        ComposeBuild("b/Dockerfile", None, {}, "myorg/${TAG", line=22, service="broken"),
        ComposeBuild("./later/Dockerfile", None, {}, None, service="later"),
    ]


def test_a_kustomization_reports_the_images_its_transforms_deploy() -> None:
    text = f"""\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
  - name: nginx
    newTag: "1.27"
  - name: redis
    newName: ghcr.io/org/redis
  - name: untouched
  - 3
  - name: app
    newName: registry.example.com/app
    digest: {D}
  - name: busybox
    newTag: "1.36"
---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml]
"""
    expected = [
        Found("nginx:1.27", "k.yaml", 4, None, KUSTOMIZE, K8S),
        Found("ghcr.io/org/redis", "k.yaml", 7, f"the tag is the one the bases give redis {BASES}", KUSTOMIZE, K8S),
        Found(f"registry.example.com/app@{D}", "k.yaml", 11, None, KUSTOMIZE, K8S),
        Found("busybox:1.36", "k.yaml", 13, None, KUSTOMIZE, K8S),
    ]
    assert yaml_images(text, "k.yaml") == expected
    assert kubernetes_images(text, "k.yaml") == expected


def test_kubernetes_images_each_once_from_every_document() -> None:
    text = """\
apiVersion: v1
kind: Pod
spec:
  containers: &containers
    - name: a
      image: alpine:3.20
    - name: b
      image: busybox
      imagePullPolicy: Never
    - name: blank
      image: ""
  initContainers: *containers
---
apiVersion: example.com/v1
kind: ImageSet
images:
  - name: nginx
    newTag: "1.27"
---
apiVersion: apps/v1
kind: Deployment
spec: {template: {spec: {containers: [{name: c, image: "nginx:1.27"}]}}}
"""
    expected = [
        Found("alpine:3.20", "pod.yaml", 6, None, "image", K8S),
        Found("nginx:1.27", "pod.yaml", 22, None, "image", K8S),
    ]
    assert kubernetes_images(text, "pod.yaml") == expected
    assert yaml_images(text, "pod.yaml") == expected


def test_a_manifest_template_is_read_line_by_line_past_documents_whose_image_is_not_pulled() -> None:
    text = """\
kind: Pod
spec:
  containers:
    - image: alpine:3.20
apiVersion: v1
---
apiVersion: image.toolkit.fluxcd.io/v1beta2
kind: ImageRepository
spec:
  image: ghcr.io/org/scanned
---
kind: Pod
metadata: {name: {{ .name }}}
spec:
  containers:
    - image: "nginx:{{ .tag }}"
    - image: busybox:1.36  # pinned
apiVersion: "apps/v1"
---
apiVersion: 'skaffold/v4beta6'
build:
  artifacts:
    - image: built
"""
    line = "image (template line)"
    assert yaml_images(text, "t.yaml") == [
        Found("alpine:3.20", "t.yaml", 4, None, line, K8S),
        Found(
            "nginx:{{ .tag }}",
            "t.yaml",
            16,
            "a template expression: render the template first (`helm template` for a Helm chart)",
            line,
            K8S,
        ),
        Found("busybox:1.36", "t.yaml", 17, None, line, K8S),
    ]


def test_a_file_that_is_not_yaml_is_refused_naming_it() -> None:
    for read in (compose_images, compose_builds, kubernetes_images, circleci_images, gitpod_images, okteto_images):
        with pytest.raises(ConfigError) as caught:
            read("a: [b\n", "dir/file.yaml")
        assert str(caught.value).startswith("dir/file.yaml: not valid YAML: ")
    with pytest.raises(ConfigError) as caught:
        yaml_images("a: [b\n", "dir/file.yaml")
    assert str(caught.value).startswith("dir/file.yaml: not valid YAML: ")


def test_circleci_docker_images_once_each_with_parameters_unresolved() -> None:
    text = """\
version: 2.1
executors:
  py:
    docker:
      - image: cimg/python:<< parameters.v >>
      - image: cimg/postgres:16.2
      - 3
      - {auth: {username: x}}
jobs:
  build: &build
    machine: {image: "ubuntu-2204:current"}
    docker:
      - image: cimg/node:22.0
    steps: [checkout, {run: make}]
    notify: [{image: not-a-container}]
  again: *build
---
- not a mapping
"""
    why = "a CircleCI parameter (`<< ... >>`), known only when the pipeline runs"
    assert circleci_images(text, "config.yml") == [
        Found("cimg/python:<< parameters.v >>", "config.yml", 5, why, "docker image"),
        Found("cimg/postgres:16.2", "config.yml", 6, None, "docker image"),
        Found("cimg/node:22.0", "config.yml", 13, None, "docker image"),
    ]


def test_gitpod_images_of_every_document() -> None:
    text = """\
image: gitpod/workspace-full:2024
---
- not a mapping
---
image: {file: .gitpod.Dockerfile}
---
image: "custom:1"
"""
    assert gitpod_images(text, ".gitpod.yml") == [
        Found("gitpod/workspace-full:2024", ".gitpod.yml", 1, None, "image"),
        Found("custom:1", ".gitpod.yml", 7, None, "image"),
    ]


def test_okteto_dev_container_images_with_their_variables() -> None:
    text = """\
dev:
  api:
    image: "okteto/golang:${GO:-1}"
    command: bash
  web:
    image: "${REGISTRY}/web:1"
  worker: 3
  price:
    image: "ghcr.io/org/app:$$x"
---
image: python:3.12
---
- not a mapping
"""
    assert okteto_images(text, "okteto.yml") == [
        Found("okteto/golang:1", "okteto.yml", 3, None, "image"),
        Found(
            "${REGISTRY}/web:1",
            "okteto.yml",
            6,
            "${REGISTRY} is set by Okteto or the environment when the manifest is used",
            "image",
        ),
        Found("ghcr.io/org/app:$x", "okteto.yml", 9, None, "image"),
        Found("python:3.12", "okteto.yml", 11, None, "image"),
    ]


def test_yaml_read_by_its_shape_keeps_the_file_and_says_which_kind_it_was_read_as() -> None:
    stack = "services:\n  web:\n    image: nginx:1.27\n"
    assert yaml_images(stack, "stack.yml") == [Found("nginx:1.27", "stack.yml", 3, None, "image", "compose file")]
    build = "steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, .]\n"
    assert yaml_images(build, "build.yaml") == [
        Found("gcr.io/cloud-builders/docker", "build.yaml", 2, None, "step", "Cloud Build config")
    ]
    gitlab = "test:\n  image: python:3.12\n  script: [pytest]\n"
    assert yaml_images(gitlab, "ci/test.yml") == [
        Found("python:3.12", "ci/test.yml", 2, None, "image", "GitLab CI file")
    ]
    # a manifest whose keys look like a GitLab job is still a manifest
    manifest = "apiVersion: v1\nkind: ConfigMap\njob:\n  script: run\n  image: alpine:3.20\n"
    assert yaml_images(manifest, "cm.yaml") == [Found("alpine:3.20", "cm.yaml", 5, None, "image", K8S)]


def test_other_yaml_is_not_read_even_when_a_value_is_named_image() -> None:
    assert yaml_images("retries: 3\nname: script\napp:\n  image: nginx:1.27\n", "values.yaml") == []
    pod = "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: alpine:3.20}]\n---\nfoo: bar\n"
    assert yaml_images(pod, "pod.yaml") == [Found("alpine:3.20", "pod.yaml", 4, None, "image", K8S)]
