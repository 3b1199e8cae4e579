"""docker-bake.hcl / docker-bake.json: the images named build contexts pull, the Dockerfiles targets build with
their arguments, the tags they build (not pulled); what the small HCL reader cannot read is said, never a crash."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.bake import bake_project
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.errors import ConfigError

BAKE_HCL = """\
# Build everything: docker buildx bake
variable "ALPINE_VERSION" {
  default = "3.20"
}
variable "GO_VERSION" {
  default = "1.23"
}
variable "TAG" {
  default = "dev"
}
variable "REGISTRY" {}  // no default: given in the environment

group "default" {
  targets = ["app", "tools"]
}

target "_common" {
  args = {
    GO_VERSION = "${GO_VERSION}"
  }
}

target "app" {
  inherits = ["_common"]
  context = "."
  dockerfile = "build/app.df"
  contexts = {
    alpine = "docker-image://alpine:${ALPINE_VERSION}"
    src = "target:src"
    assets = "./assets"
  }
  tags = ["acme/app:${TAG}", "ghcr.io/acme/app:latest"]
  platforms = ["linux/amd64", "linux/arm64"]
  cache-from = ["type=registry,ref=acme/app:cache"]
}

target "src" {
  dockerfile = "Dockerfile.src"
}

target "tools" {
  context = "tools"
  args = {
    BASE = "debian:bookworm-slim"
    "QUOTED" = 1
  }
  tags = ["${REGISTRY}/tools:1"]
  contexts = {
    golang = "docker-image://golang:${upper(GO_VERSION)}"
  }
}

target "fancy" {
  dockerfile-inline = <<EOT
FROM nginx:1.27-alpine
COPY site /usr/share/nginx/html
EOT
  tags = [for v in ["a", "b"] : "acme/fancy:${v}"]
}
"""

OVERRIDE = 'variable "ALPINE_VERSION" {\n  default = "3.21"\n}\ntarget "src" {\n  args = { X = "1" }\n}\n'


def test_contexts_builds_and_tags_of_a_bake_file_and_its_override() -> None:
    project = bake_project([("docker-bake.hcl", BAKE_HCL), ("docker-bake.override.hcl", OVERRIDE)])
    assert [(f.text, f.line, f.problem, f.use, f.kind) for f in project.found] == [
        ("alpine:3.21", 28, None, "contexts", "bake file"),  # the override's default wins
        ("golang:1.23", 49, None, "contexts", "bake file"),  # `${upper(GO_VERSION)}`, a function bake has
    ]
    builds = {(b.dockerfile, b.inline, tuple(sorted(b.args.items())), b.named_contexts) for b in project.builds}
    assert builds == {
        ("build/app.df", None, (("GO_VERSION", "1.23"),), frozenset({"alpine", "src", "assets"})),
        ("Dockerfile.src", None, (("X", "1"),), frozenset()),
        ("tools/Dockerfile", None, (("BASE", "debian:bookworm-slim"), ("QUOTED", "1")), frozenset({"golang"})),
        ("Dockerfile", "FROM nginx:1.27-alpine\nCOPY site /usr/share/nginx/html\n", (), frozenset()),
    }  # `_common` is inherited and in no group: not built on its own
    assert sorted((t.name, t.origin, t.line) for t in project.tags) == [
        ("acme/app:dev", "docker-bake.hcl", 32),
        ("ghcr.io/acme/app:latest", "docker-bake.hcl", 32),
    ]
    assert project.warnings == [
        "docker-bake.hcl:58: `tags` of target fancy is an expression this reader does not evaluate; not read"
    ]


def test_bake_json_is_read_alike() -> None:
    text = """{
  "variable": {"NODE": {"default": "22"}},
  "target": {
    "web": {
      "context": "web",
      "contexts": {"node": "docker-image://node:${NODE}-alpine"},
      "tags": ["acme/web:local"]
    }
  }
}
"""
    project = bake_project([("docker-bake.json", text)])
    assert [(f.text, f.line) for f in project.found] == [("node:22-alpine", 6)]
    assert [b.dockerfile for b in project.builds] == ["web/Dockerfile"]
    assert [t.name for t in project.tags] == ["acme/web:local"]


@pytest.mark.parametrize(
    "text",
    ['target "x" {\n  context = "."\n', 'target "x" {\n  = "."\n}\n', "variable {{{\n", '{"target": [1]}'],
)
def test_what_the_reader_cannot_read_is_a_config_error_naming_the_file(text: str) -> None:
    name = "docker-bake.json" if text.startswith("{") else "docker-bake.hcl"
    with pytest.raises(ConfigError, match=name.replace(".", r"\.")):
        bake_project([(name, text)])


def test_bake_file_names() -> None:
    for name in ("docker-bake.hcl", "docker-bake.json", "docker-bake.override.hcl", "ci/docker-bake.release.hcl"):
        assert kind_of(name) is Kind.BAKE, name
    assert kind_of("terraform/main.hcl") is None
