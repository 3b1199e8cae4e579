"""Container definitions combined by `concat` and `merge` inside `jsonencode`: the images of the literal
arguments are read, an argument known only from the module's caller adds nothing."""

from __future__ import annotations

from ecr_mirror.choose.discovery.terraform import terraform_module

MAIN = """\
resource "aws_ecs_task_definition" "t" {
  container_definitions = jsonencode(concat(
    [{ name = "a", image = "nginx:1" }],
    var.extra,
  ))
}
resource "aws_ecs_task_definition" "u" {
  container_definitions = jsonencode(merge(var.more, {
    app = { name = "b", image = "redis:7" }
  }))
}
"""


def test_definitions_combined_by_concat_and_merge() -> None:
    module = terraform_module([("infra/main.tf", MAIN)])
    assert module.warnings == []
    assert [(item.text, item.line, item.problem) for item in module.found] == [
        ("nginx:1", 3, None),
        ("redis:7", 9, None),
    ]
