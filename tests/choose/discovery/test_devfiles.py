"""Devfiles (https://devfile.io): the workspace's container components, pulled by the tool that starts it (Eclipse
Che, OpenShift Dev Spaces, odo), read under any name by their shape; variables substituted."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

DEVFILE = """\
schemaVersion: 2.2.0
metadata:
  name: acme-api
variables:
  TOOLS_TAG: "2.4"
components:
  - name: tools
    container:
      image: quay.io/acme/dev-tools:{{TOOLS_TAG}}
      memoryLimit: 2Gi
  - name: db
    container:
      image: postgres:16-alpine
  - name: editor
    container:
      image: "quay.io/acme/editor:{{EDITOR_TAG}}"
  - name: outerloop-build
    image:
      imageName: acme/api:dev
      dockerfile:
        uri: Dockerfile
  - name: data
    volume:
      size: 1Gi
commands:
  - id: build
    exec:
      component: tools
      commandLine: make
"""

V1 = """\
apiVersion: 1.0.0
metadata:
  generateName: acme-
components:
  - type: chePlugin
    id: redhat/java/latest
  - type: dockerimage
    alias: maven
    image: maven:3.9-eclipse-temurin-21
    memoryLimit: 1Gi
"""

PIPELINE_SPEC = """\
schemaVersion: 2.1.0
sdkVersion: kfp-2.0.0
components:
  comp-train:
    executorLabel: exec-train
"""


def test_the_container_components_of_a_devfile() -> None:
    found = yaml_images(DEVFILE, "editors/acme-editor.yaml")
    assert sorted((item.text, item.line, item.problem is None) for item in found) == [
        ("postgres:16-alpine", 13, True),
        ("quay.io/acme/dev-tools:2.4", 9, True),
        ("quay.io/acme/editor:{{EDITOR_TAG}}", 16, False),
    ]
    assert [item.problem for item in found if item.problem] == [
        "{{EDITOR_TAG}} has no value in the devfile's `variables`"
    ]
    assert {item.kind for item in found} == {"devfile"}


def test_the_dockerimage_components_of_a_version_1_devfile() -> None:
    found = yaml_images(V1, "devfile.yaml")
    assert [(item.text, item.line) for item in found] == [("maven:3.9-eclipse-temurin-21", 9)]


def test_a_pipeline_spec_with_a_schema_version_is_no_devfile() -> None:
    assert yaml_images(PIPELINE_SPEC, "pipeline.yaml") == []


def test_a_devfile_in_a_directory_of_test_inputs_is_not_read() -> None:
    for origin in (
        "pkg/deploy/editors/test-editors-definitions/devfile-1.yaml",
        "pkg/deploy/puller/puller-resources-test/sample_1.yaml",
        "internal/testdata/devfile.yaml",
        "test/fixtures/devfile.yaml",
    ):
        assert yaml_images(DEVFILE, origin) == [], origin
    assert yaml_images(DEVFILE, "contest-editors/devfile.yaml") != []
