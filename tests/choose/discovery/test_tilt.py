"""Tilt: the images a Tiltfile builds (`docker_build`, `custom_build`) are the project's own wherever a manifest or
Helm values name them, whatever the tag (Tilt matches by name)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.tilt import tilt_builds, tilt_marked

TILTFILE = """\
# -*- mode: Python -*-
load('ext://restart_process', 'docker_build_with_restart')
if config.tilt_subcommand == 'ci':
  custom_build(
    'orders-db',
    'docker build -t $EXPECTED_REF -f db/Dockerfile db',
    ['./db/'],
    disable_push=True,
  )
else:
  docker_build(
    'orders-db',
    context='./db',
  )
docker_build("registry.example.com/shop/api", "./api", dockerfile="./api/Dockerfile.dev")
docker_build(ref='web:dev', context='./web')
# docker_build('commented-out', '.')
docker_build(IMAGE_PREFIX + '/worker', './worker')
docker_build('worker-' + suffix, './worker')
def docker_build_all():
  pass
k8s_yaml(helm('./chart', values=['./chart/values-dev.yaml']))
"""


def test_a_tiltfile_is_known_by_name_and_pulls_nothing_itself() -> None:
    assert kind_of("Tiltfile") is Kind.TILT
    assert kind_of("deploy/dev.tiltfile") is Kind.TILT
    assert images_in(Kind.TILT, TILTFILE, "Tiltfile") == []


def test_the_literal_names_a_tiltfile_builds_and_a_warning_for_the_others() -> None:
    builds = tilt_builds(TILTFILE, "Tiltfile")
    assert [(b.name, b.line, b.how) for b in builds.builds] == [
        ("orders-db", 5, "Tiltfile custom_build"),
        ("orders-db", 12, "Tiltfile docker_build"),
        ("registry.example.com/shop/api", 15, "Tiltfile docker_build"),
        ("web:dev", 16, "Tiltfile docker_build"),
    ]
    assert builds.warnings == [
        "Tiltfile:18: docker_build's image is not a literal string; the manifests that use it are still listed",
        "Tiltfile:19: docker_build's image is not a literal string; the manifests that use it are still listed",
    ]


def test_manifests_naming_a_tilt_build_are_built_here_whatever_their_tag() -> None:
    builds = tilt_builds(TILTFILE, "Tiltfile").builds
    found = [
        Found("orders-db:latest", "chart/values.yaml", 4, use="image"),
        Found("docker.io/library/orders-db", "k8s/db.yaml", 20, use="image"),
        Found("registry.example.com/shop/api:1.4.2", "k8s/api.yaml", 18, use="image"),
        Found("web:dev", "k8s/web.yaml", 9, use="image"),
        Found("web:prod", "k8s/web-prod.yaml", 9, use="image"),  # Tilt built web:dev, not web:prod
        Found("postgres:16", "k8s/db.yaml", 30, use="image"),
        Found("orders-db:${TAG}", "k8s/db.yaml", 31, "${TAG} has no value", use="image"),
    ]
    marked = tilt_marked(found, builds)
    assert [item.built for item in marked] == [
        "Tiltfile custom_build at Tiltfile:5",
        "Tiltfile custom_build at Tiltfile:5",
        "Tiltfile docker_build at Tiltfile:15",
        "Tiltfile docker_build at Tiltfile:16",
        None,
        None,
        None,
    ]


def test_an_earlier_build_of_the_tree_is_kept() -> None:
    item = Found("orders-db:latest", "k8s/db.yaml", 3, use="image", built="docker build -t at Makefile:2")
    assert tilt_marked([item], tilt_builds(TILTFILE, "Tiltfile").builds) == [item]


def test_a_ci_pipeline_naming_a_tilt_build_with_another_tag_pulls_the_published_image() -> None:
    """Tilt runs on a developer's machine: a workflow scanning `orders-db:main` pulls the image the project
    published, which no Tiltfile replaces; the same tag as the Tiltfile's is still the build's."""
    builds = tilt_builds(TILTFILE, "Tiltfile").builds
    found = [
        Found("docker.io/library/orders-db:main", ".github/workflows/scan.yml", 12, kind="GitHub Actions workflow"),
        Found("orders-db:main", ".gitlab-ci.yml", 4, kind="GitLab CI file"),
        Found("web:dev", ".github/workflows/e2e.yml", 30, kind="GitHub Actions workflow"),
        Found("orders-db:main", "k8s/db.yaml", 20, kind="YAML manifest"),
    ]
    assert [item.built for item in tilt_marked(found, builds)] == [
        None,
        None,
        "Tiltfile docker_build at Tiltfile:16",
        "Tiltfile custom_build at Tiltfile:5",
    ]
