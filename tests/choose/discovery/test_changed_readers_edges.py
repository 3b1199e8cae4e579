"""Edges of readers changed after 9fad4c5: a Flux HelmRelease's values, Buildkite pipeline names, compose documents'
shape, and which uses of an image the tree builds are pulls whatever it builds."""

from __future__ import annotations

from ecr_mirror.choose.discovery.compose_shape import compose_services
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import LocalBuild, marked_built
from ecr_mirror.choose.discovery.yaml_sources import yaml_images

RELEASES = """apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: x
spec:
  values:
    image:
      repository: ghcr.io/acme/app
      tag: "1.2"
    other: [1, 2]
---
apiVersion: other.io/v1
kind: HelmRelease
spec:
  values:
    image:
      repository: ghcr.io/acme/not
      tag: "1"
---
kind: HelmRelease
spec: 3
"""


def test_only_a_flux_helm_release_s_values_are_read() -> None:
    assert yaml_images(RELEASES, "r.yaml") == [
        Found("ghcr.io/acme/app:1.2", "r.yaml", 8, None, "values image", "Kubernetes manifest")
    ]


def test_buildkite_pipelines_by_name_and_by_directory() -> None:
    for path in ("buildkite.yml", "buildkite.yaml", "ci/buildkite.yml", ".buildkite/pipeline.yml"):
        assert kind_of(path) is Kind.BUILDKITE, path
    assert kind_of("ci/pipeline.yml") is Kind.YAML


def test_a_compose_document_with_a_version_or_nothing_has_no_services() -> None:
    assert compose_services({}) is None
    assert compose_services({"version": {"image": "a"}}) is None  # a version key: not the legacy format
    assert compose_services({"web": {"image": "a"}}) == {"web": {"image": "a"}}


def test_uses_that_pull_whatever_the_tree_builds() -> None:
    build = LocalBuild("app:1", "Makefile", 1, "docker build -t")
    pulled = [
        Found("app:1", "c.yml", 2, None, "docker image", "CircleCI config"),
        Found("app:1", "w.yml", 3, None, "services", "GitHub Actions workflow"),
    ]
    assert marked_built(pulled, [build]) == pulled
    used = [
        Found("app:1", "c.yml", 2, None, "image", "CircleCI config"),
        Found("app:1", "g.yml", 3, None, "services", "GitLab CI file"),
        Found("app:1", "x.yml", 4, None, "docker image", "YAML file"),
    ]
    assert [item.built for item in marked_built(used, [build])] == [build.where] * 3
