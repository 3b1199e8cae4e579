"""What each reader's findings are, compared whole where the earlier tests compared some fields: the verdicts of
`classify` (status, reference, reason), the use of a workflow's service images, docker's refusal of an unknown
option written with values, and Helm values images (file, use, kind) with tags the templates give, merged over the
defaults, blank or keyed `repo` where the path names no image."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images
from ecr_mirror.choose.discovery.helm_values import helm_values_images
from ecr_mirror.choose.discovery.listing import Verdict, classify
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

PUBLIC = frozenset({"docker.io"})


def test_verdicts_whole() -> None:
    def verdict(item: Found) -> Verdict:
        return classify(item, public=PUBLIC)

    assert verdict(Found("a:${T}", "f", 1, "T is not set")) == Verdict("unresolved", reason="T is not set")
    placeholder = "`placeholder` names no image: a value the build or deployment is given in its place"
    assert verdict(Found("placeholder", "f", 1)) == Verdict("unresolved", reason=placeholder)
    with pytest.raises(ReferenceError_) as malformed:
        parse_reference("Not A Reference")
    assert verdict(Found("Not A Reference", "f", 1)) == Verdict("unresolved", reason=str(malformed.value))
    assert verdict(Found("web:1", "f", 1, built="docker build -t at Makefile:2")) == Verdict(
        "built-here", parse_reference("web:1"), "built in this tree: docker build -t at Makefile:2"
    )
    private = "registry.example.com/app:1"
    why = "registry.example.com is not a registry known to be public (--public-registry registry.example.com lists"
    why += " its images)"
    assert verdict(Found(private, "f", 1)) == Verdict("left-out", parse_reference(private), why)
    assert verdict(Found("redis:7", "f", 1)) == Verdict("public", parse_reference("redis:7"))


def test_a_service_image_is_used_as_a_service() -> None:
    text = (
        "jobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    services:\n      db: postgres:16\n      cache:\n        image: redis:7\n"
    )
    found = workflow_images(text, ".github/workflows/test.yaml")
    assert [(item.text, item.use) for item in found] == [("postgres:16", "services"), ("redis:7", "services")]


def test_an_unknown_option_with_values_is_refused_by_its_name() -> None:
    for word in ("--bogus=1", "--bogus=a=b"):
        [item] = docker_runs(f"docker run {word} redis:7\n", "run.sh")
        assert (item.text, item.problem) == (word, "docker and podman have no option --bogus: they refuse the command")


DEFAULTS = "server:\n  repository: nginx\n  tag: '1.25'\n"
TEMPLATES = "{{ .Values.app.image.tag | default .Chart.AppVersion }}\n"


def test_helm_values_images_whole() -> None:
    text = """\
app:
  image:
    repository: ghcr.io/acme/app
    pullPolicy: IfNotPresent
unset:
  image:
    repository: ghcr.io/acme/unset
    tag: ""
plain:
  image: "busybox:1.36"
blank:
  image: ""
server:
  repo: other
  tag: "2"
"""
    found = helm_values_images(text, "chart/values.yaml", app_version="3.1.0", templates=TEMPLATES, defaults=DEFAULTS)
    kind = "Helm values"
    why = "the tag is the one the chart's templates give (render the chart with `helm template`)"
    assert found == [
        Found("ghcr.io/acme/app:3.1.0", "chart/values.yaml", 3, None, "values image", kind),
        Found("ghcr.io/acme/unset", "chart/values.yaml", 7, why, "values image", kind),
        Found("busybox:1.36", "chart/values.yaml", 10, None, "values image", kind),
    ]


def test_an_override_whose_tag_is_a_number_is_at_the_line_of_its_other_value() -> None:
    found = helm_values_images(
        "server:\n  tag: 2\n  pullPolicy: Always\n", "ci/values.yaml", app_version=None, templates="", defaults=DEFAULTS
    )
    assert found == [Found("nginx:2", "ci/values.yaml", 3, None, "values image", "Helm values")]
