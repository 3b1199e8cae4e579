"""`ecr-mirror discover` reads the images a Skaffold config's builders pull (https://skaffold.dev/docs/references/yaml/):
a jib or ko artifact's `fromImage` (the base image), a buildpacks artifact's `builder` and `runImage`, a kaniko
artifact's `image` and `initImage`, Google Cloud Build's step images (`dockerImage`, `gradleImage`, ...), also where
a profile's JSON patch adds or replaces one (`path: /build/artifacts/0/ko/fromImage`, `value: IMAGE`). The artifact's
own `image` is what Skaffold builds (also where a builder names it: `runImage: stack-base`, an artifact of the
config), and a patch that removes or tests a value gives none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SKAFFOLD = """\
apiVersion: skaffold/v4beta11
kind: Config
build:
  artifacts:
  - image: app-jib
    jib:
      fromImage: gcr.io/distroless/java21-debian12:debug
  - image: app-ko
    ko:
      fromImage: gcr.io/distroless/static-debian11:nonroot
  - image: app-pack
    buildpacks:
      builder: "gcr.io/buildpacks/builder:v1"
      runImage: gcr.io/buildpacks/gcp/run:v1
  - image: app-kaniko
    kaniko:
      image: gcr.io/kaniko-project/executor:v1.23.0
  - image: stack-base
    context: base
  - image: app-run
    buildpacks:
      runImage: stack-base
  googleCloudBuild:
    gradleImage: gradle:jdk21-corretto
profiles:
- name: sync
  patches:
  - op: add
    path: /build/artifacts/1/ko/fromImage
    value: gcr.io/distroless/base-debian11:debug
  - op: test
    path: /build/artifacts/0/jib/fromImage
    value: eclipse-temurin:17
  - op: replace
    path: /build/artifacts/0/image
    value: app-jib-sync
"""


def test_the_images_a_skaffold_configs_builders_pull_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"skaffold.yaml": SKAFFOLD})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("skaffold.yaml", 7, "gcr.io/distroless/java21-debian12:debug", "public"),
        ("skaffold.yaml", 10, "gcr.io/distroless/static-debian11:nonroot", "public"),
        ("skaffold.yaml", 13, "gcr.io/buildpacks/builder:v1", "public"),
        ("skaffold.yaml", 14, "gcr.io/buildpacks/gcp/run:v1", "public"),
        ("skaffold.yaml", 17, "gcr.io/kaniko-project/executor:v1.23.0", "public"),
        ("skaffold.yaml", 24, "gradle:jdk21-corretto", "public"),
        ("skaffold.yaml", 30, "gcr.io/distroless/base-debian11:debug", "public"),
    ]


def test_a_skaffold_configs_custom_action_containers_are_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    actions = (
        "customActions:\n- name: greet\n  containers:\n  - name: hello\n    image: alpine:3.15.4\n"
        "    command: [echo, hi]\n"
    )
    write_tree(tmp_path, {"skaffold.yaml": SKAFFOLD + actions})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert ("skaffold.yaml", 41, "alpine:3.15.4", "public") in {
        (r["file"], r["line"], r["reference"], r["status"]) for r in records
    }


def test_a_skaffold_verify_container_with_only_a_name_and_an_image_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`verify[].container` and `customActions[].containers[]` are Kubernetes containers by Skaffold's schema
    (https://skaffold.dev/docs/verify/), read without the other keys a container spec elsewhere needs."""
    config = (
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: localtask\n"
        "verify:\n- name: hello\n  container:\n    name: hello\n    image: docker.io/hello-world:latest\n"
        "profiles:\n- name: local\n  verify:\n  - name: own\n    container: {name: own, image: localtask}\n"
        "  customActions:\n  - name: ping\n    containers:\n    - {name: ping, image: 'busybox:1.36'}\n"
        "settings:\n  container:\n    name: not-skaffold\n    image: acme/settings-sample:1\n"
    )
    write_tree(tmp_path, {"skaffold.yaml": config})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records) == [
        ("skaffold.yaml", 10, "hello-world:latest", "public"),
        ("skaffold.yaml", 15, "localtask:latest", "built-here"),
        ("skaffold.yaml", 19, "busybox:1.36", "public"),
    ]
