"""The images OpenShift itself pulls from an ImageStream's, an ImageStreamImport's and a BuildConfig's fields: an
ImageStream tag imported from a `DockerImage`, a BuildConfig's strategy base image, and the FROM lines of its inline
Dockerfile (the last one replaced by `dockerStrategy.from`); inside an OpenShift Template with its parameters'
values."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import kubernetes_images, yaml_images
from tests.support.hang_guard import finishes

STREAMS = """\
apiVersion: template.openshift.io/v1
kind: Template
metadata:
  name: billing-api
parameters:
- name: APP_NAME
  value: billing-api
  required: true
- name: BUILD_TAG
  value: latest
- name: METRICS_IMAGE
  required: true
  value: quay.io/prometheus/statsd-exporter:v0.28.0
- name: SCHEDULED
  value: "true"
- name: RELEASE
  required: true
objects:
- apiVersion: image.openshift.io/v1
  kind: ImageStream
  metadata:
    name: ${APP_NAME}
  spec:
    tags:
    - name: ${BUILD_TAG}
      from:
        kind: DockerImage
        name: ghcr.io/acme-bank/${APP_NAME}:${BUILD_TAG}
      referencePolicy:
        type: Local
    - name: metrics
      from:
        kind: DockerImage
        name: ${METRICS_IMAGE}
      importPolicy:
        scheduled: ${{SCHEDULED}}
    - name: stable
      from:
        kind: ImageStreamTag
        name: ${APP_NAME}:${BUILD_TAG}
    - name: mirrored
      from:
        kind: DockerImage
        name: image-registry.openshift-image-registry.svc:5000/acme-build/${APP_NAME}:${BUILD_TAG}
    - name: release
      from:
        kind: DockerImage
        name: ghcr.io/acme-bank/${APP_NAME}:${RELEASE}
- apiVersion: image.openshift.io/v1
  kind: ImageStreamImport
  metadata:
    name: tools
  spec:
    import: true
    images:
    - from:
        kind: DockerImage
        name: docker.io/library/postgres:16.4
      to:
        name: "16"
    - from:
        kind: ImageStreamImage
        name: tools@sha256:0123
"""


def _found(text: str, origin: str = "openshift/billing-api.yml") -> list[tuple[str, int | None, str | None, str]]:
    return [(item.text, item.line, item.problem, item.use) for item in kubernetes_images(text, origin)]


def test_an_image_streams_docker_image_tags_are_read_with_the_templates_values() -> None:
    found = _found(STREAMS)
    assert found == [
        ("ghcr.io/acme-bank/billing-api:latest", 28, None, "spec.tags[].from (ImageStream)"),
        ("quay.io/prometheus/statsd-exporter:v0.28.0", 34, None, "spec.tags[].from (ImageStream)"),
        (
            "image-registry.openshift-image-registry.svc:5000/acme-build/billing-api:latest",
            44,
            None,
            "spec.tags[].from (ImageStream)",
        ),
        (
            "ghcr.io/acme-bank/${APP_NAME}:${RELEASE}",
            48,
            "${RELEASE} is a required parameter of this OpenShift template, given when it is processed"
            " (`oc process -p RELEASE=...`)",
            "spec.tags[].from (ImageStream)",
        ),
        ("docker.io/library/postgres:16.4", 58, None, "spec.images[].from (ImageStreamImport)"),
    ]


def test_an_image_stream_alone_is_read_and_its_own_name_is_no_image() -> None:
    text = """\
kind: ImageStream
apiVersion: v1
metadata:
  name: grafana
spec:
  lookupPolicy:
    local: true
  tags:
  - name: "11.5"
    from: {kind: DockerImage, name: "docker.io/grafana/grafana:11.5.2"}
"""
    assert _found(text) == [("docker.io/grafana/grafana:11.5.2", 10, None, "spec.tags[].from (ImageStream)")]


BUILD = """\
apiVersion: template.openshift.io/v1
kind: Template
metadata:
  name: scanner
parameters:
- name: BASE
  value: registry.access.redhat.com/ubi9/ubi-minimal:9.4
- name: S2I_BUILDER
  value: registry.access.redhat.com/ubi9/python-312:latest
objects:
- apiVersion: build.openshift.io/v1
  kind: BuildConfig
  metadata:
    name: av-scanner
  spec:
    output:
      to: {kind: ImageStreamTag, name: "av-scanner:latest"}
    strategy:
      type: Docker
    source:
      type: Dockerfile
      dockerfile: |
        FROM docker.io/clamav/clamav:1.4_base

        USER 0
        RUN chmod -R 777 /var/lib/clamav
- apiVersion: build.openshift.io/v1
  kind: BuildConfig
  metadata:
    name: api
  spec:
    strategy:
      type: Docker
      dockerStrategy:
        from:
          kind: DockerImage
          name: ${BASE}
        buildArgs:
        - name: NODE_TAG
          value: "22"
    source:
      dockerfile: |
        ARG NODE_TAG=20
        FROM docker.io/library/node:${NODE_TAG} AS assets
        RUN npm ci
        FROM docker.io/library/debian:bookworm
        COPY --from=assets /app /app
- apiVersion: build.openshift.io/v1
  kind: BuildConfig
  metadata:
    name: web
  spec:
    source:
      git: {uri: "https://github.com/acme-bank/web"}
      images:
      - from: {kind: DockerImage, name: "quay.io/acme-bank/assets:2.1"}
        paths: [{sourcePath: /opt/assets, destinationDir: static}]
    strategy:
      type: Source
      sourceStrategy:
        from:
          kind: DockerImage
          name: ${S2I_BUILDER}
- apiVersion: build.openshift.io/v1
  kind: BuildConfig
  metadata:
    name: custom
  spec:
    strategy:
      customStrategy:
        from: {kind: DockerImage, name: "quay.io/acme-bank/custom-builder:3"}
- apiVersion: build.openshift.io/v1
  kind: BuildConfig
  metadata:
    name: from-stream
  spec:
    strategy:
      dockerStrategy:
        from: {kind: ImageStreamTag, name: "nodejs:20-ubi9", namespace: openshift}
    source:
      dockerfile: "FROM docker.io/library/node:20\\nRUN npm ci\\n"
"""


def test_a_build_configs_base_images_and_inline_dockerfile_are_read() -> None:
    found = _found(BUILD)
    assert found == [
        ("docker.io/clamav/clamav:1.4_base", 23, None, "FROM (BuildConfig dockerfile)"),
        ("registry.access.redhat.com/ubi9/ubi-minimal:9.4", 37, None, "dockerStrategy.from (BuildConfig)"),
        ("docker.io/library/node:22", 44, None, "FROM (BuildConfig dockerfile)"),
        ("quay.io/acme-bank/assets:2.1", 56, None, "source.images[].from (BuildConfig)"),
        ("registry.access.redhat.com/ubi9/python-312:latest", 63, None, "sourceStrategy.from (BuildConfig)"),
        ("quay.io/acme-bank/custom-builder:3", 71, None, "customStrategy.from (BuildConfig)"),
    ]


def test_a_dockerfile_argument_the_template_does_not_declare_stays_the_dockerfiles() -> None:
    text = """\
apiVersion: v1
kind: Template
metadata: {name: t}
parameters:
- {name: REGISTRY, value: quay.io/acme-bank}
objects:
- apiVersion: v1
  kind: BuildConfig
  metadata: {name: b}
  spec:
    source:
      dockerfile: |
        ARG TAG=1.2
        FROM ${REGISTRY}/base:${TAG}
        FROM ${REGISTRY}/runtime:${UNSET}
"""
    found = _found(text)
    assert found[0] == ("quay.io/acme-bank/base:1.2", 14, None, "FROM (BuildConfig dockerfile)")
    assert found[1][0] == "quay.io/acme-bank/runtime:${UNSET}" and found[1][2]


def test_other_documents_fields_named_from_are_not_read() -> None:
    text = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  from: "x"
---
apiVersion: acme.example.com/v1
kind: Mirror
metadata: {name: m}
spec:
  tags:
  - from: {kind: DockerImage, name: "quay.io/acme/not-openshift:1"}
"""
    assert _found(text) == []


def test_a_template_file_is_read_through_yaml_images() -> None:
    assert [item.text for item in yaml_images(STREAMS, "deploy/streams.yml")][:1] == [
        "ghcr.io/acme-bank/billing-api:latest"
    ]


def test_a_huge_inline_dockerfile_is_read_in_linear_time() -> None:
    lines = "".join(f"        FROM docker.io/library/alpine:3.{n} AS s{n}\n" for n in range(100000))
    unclosed = "        RUN <<EOF\n" + "        ${A}${B}\\\n" * 100000
    head = "apiVersion: v1\nkind: BuildConfig\nmetadata: {name: b}\nspec:\n  source:\n    dockerfile: |\n"
    text = head + lines + unclosed
    found = finishes(kubernetes_images, text, "b.yml")
    assert len(found) == 100000


def test_an_import_from_an_image_whose_name_says_it_does_not_exist_is_a_failure_fixture() -> None:
    text = """\
apiVersion: image.openshift.io/v1
kind: ImageStream
metadata: {name: broken-notebook}
spec:
  tags:
  - name: latest
    from: {kind: DockerImage, name: "quay.io/acme/nonexistent-notebook:v999-does-not-exist"}
  - name: good
    from: {kind: DockerImage, name: "quay.io/acme/notebook:2024.2"}
"""
    assert [item[0] for item in _found(text)] == ["quay.io/acme/notebook:2024.2"]
