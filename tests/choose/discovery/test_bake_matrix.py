"""docker-bake.hcl targets with a `matrix`: one target per combination of its values, the values interpolated into
`name`, `args`, `contexts` and `tags`; a matrix this reader cannot evaluate is a warning naming the file and line."""

from __future__ import annotations

from ecr_mirror.choose.discovery.bake import bake_project

MATRIX_HCL = """\
variable "PG_VERSIONS" {
  default = [15, 16]
}

variable "RUNTIME_VERSIONS" {
  default = {
    15 = "3.12"
    16 = "3.13"
  }
}

variable "DISTRO_RELEASE" {
  default = "bookworm"
}

group "default" {
  targets = ["db", "app", "tools"]
}

target "db" {
  matrix = {
    pg      = PG_VERSIONS
    variant = ["", "-alpine"]
  }
  name       = "db-${pg}${variant}"
  dockerfile = "db/Dockerfile"
  args = {
    PG_MAJOR = pg
    VARIANT  = variant
    RELEASE  = DISTRO_RELEASE
  }
  contexts = {
    postgres = "docker-image://postgres:${pg}${variant}"
  }
  tags = ["acme/db:${pg}${variant}"]
}

target "app" {
  matrix = {
    item = [
      { tgt = "api", base = "python:3.13-slim" },
      { tgt = "worker", base = "python:3.13-alpine" },
    ]
  }
  name   = "app-${item.tgt}"
  target = item.tgt
  args   = { BASE_IMAGE = item.base }
  tags   = ["acme/${item.tgt}:dev"]
}

target "tools" {
  matrix = {
    os = supported_os()
  }
  name       = "tools-${os}"
  dockerfile = "tools/Dockerfile"
  tags       = ["acme/tools:${os}"]
}
"""


def test_each_combination_of_a_matrix_is_a_target() -> None:
    project = bake_project([("docker-bake.hcl", MATRIX_HCL)])
    assert sorted((f.text, f.line) for f in project.found) == [
        ("postgres:15", 33),
        ("postgres:15-alpine", 33),
        ("postgres:16", 33),
        ("postgres:16-alpine", 33),
    ]
    builds = sorted((b.dockerfile, tuple(sorted(b.args.items()))) for b in project.builds)
    assert builds == [
        ("Dockerfile", (("BASE_IMAGE", "python:3.13-alpine"),)),
        ("Dockerfile", (("BASE_IMAGE", "python:3.13-slim"),)),
        ("db/Dockerfile", (("PG_MAJOR", "15"), ("RELEASE", "bookworm"), ("VARIANT", ""))),
        ("db/Dockerfile", (("PG_MAJOR", "15"), ("RELEASE", "bookworm"), ("VARIANT", "-alpine"))),
        ("db/Dockerfile", (("PG_MAJOR", "16"), ("RELEASE", "bookworm"), ("VARIANT", ""))),
        ("db/Dockerfile", (("PG_MAJOR", "16"), ("RELEASE", "bookworm"), ("VARIANT", "-alpine"))),
        ("tools/Dockerfile", ()),
    ]
    assert sorted(t.name for t in project.tags) == [
        "acme/api:dev",
        "acme/db:15",
        "acme/db:15-alpine",
        "acme/db:16",
        "acme/db:16-alpine",
        "acme/worker:dev",
    ]
    assert project.warnings == [
        "docker-bake.hcl:53: the `matrix` of target tools is an expression this reader does not evaluate "
        "(`os = supported_os ( )`): its Dockerfile is read once, without the matrix's values"
    ]


def test_number_keys_in_an_object_are_read() -> None:
    text = 'variable "V" {\n  default = {\n    21 = "a"\n    25 = "b"\n  }\n}\ntarget "x" {\n  tags = ["x:1"]\n}\n'
    assert [t.name for t in bake_project([("docker-bake.hcl", text)]).tags] == ["x:1"]


def test_a_target_context_is_no_image_when_a_matrix_the_reader_cannot_evaluate_names_it() -> None:
    text = """\
variable "ARCHES" {
  default = "amd64,arm64"
}

target "base" {
  name = "base-${arch}"
  matrix = {
    arch = split(",", ARCHES)
  }
  tags = ["acme/base:${arch}"]
}

target "app" {
  name = "app-${arch}"
  matrix = {
    arch = split(",", ARCHES)
  }
  contexts = {
    base = "target:base-${arch}"
    assets = "./assets-${arch}"
    runtime = "docker-image://acme/runtime:${arch}"
  }
}
"""
    project = bake_project([("docker-bake.hcl", text)])
    assert [(f.text, f.line, f.problem) for f in project.found] == [
        ("acme/runtime:${arch}", 21, "${arch} is not a variable of the bake files here"),
    ]
