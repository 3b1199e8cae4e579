"""Bake `tags` made by a function of the bake file (`tags = tag("admin")`, its result a list of templates)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.bake import bake_project

BAKE = """\
variable "ORG" {
  default = "acme"
}
variable "VERSION" {
  default = "release"
}
function "tag" {
  params = [image]
  result = [notequal("release", VERSION) ? "${ORG}/${image}:pinned" : "",
            "${ORG}/${image}:${VERSION}",
            "${ORG}/${image}:latest"]
}
function "odd" {
  params = [image]
  result = { name = image }
}
target "admin" {
  tags = tag("admin")
}
target "other" {
  tags = odd("other")
}
"""


def test_tags_a_function_makes_are_built_and_its_empty_entries_left_out() -> None:
    project = bake_project([("build.hcl", BAKE)])
    assert [(tag.name, tag.line) for tag in project.tags] == [("acme/admin:release", 18), ("acme/admin:latest", 18)]
    assert project.warnings == [
        "build.hcl:21: `tags` of target other is an expression this reader does not evaluate; not read"
    ]
