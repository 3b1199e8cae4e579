"""Why an image of a Terraform module has no value, each reason whole: a local built from a variable its caller
gives only when Terraform plans, a local defined from itself, a variable the directory does not declare."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.terraform import terraform_module
from ecr_mirror.choose.discovery.terraform_values import Unknown

MAIN = """\
variable "tag" {}
locals {
  image = "nginx:${var.tag}"
  loop  = local.loop
}
resource "aws_ecs_task_definition" "t" {
  container_definitions = jsonencode([
    { name = "a", image = local.image },
    { name = "b", image = local.loop },
    { name = "c", image = var.missing },
  ])
}
"""


def test_each_reason_an_image_has_no_value() -> None:
    planned = Unknown("data.aws_ssm_parameter.tag.value is known when Terraform plans")
    module = terraform_module([("infra/main.tf", MAIN)], [{"tag": planned}])
    use, kind = "container_definitions image", "ECS task definition (Terraform)"
    assert module.warnings == []
    assert module.found == [
        Found("local.image", "infra/main.tf", 8, f"local.image: {planned.reason}", use, kind),
        Found("local.loop", "infra/main.tf", 9, "local.loop: local.loop is defined from itself", use, kind),
        Found("var.missing", "infra/main.tf", 10, "var.missing: no such variable in this directory", use, kind),
    ]


MORE = """\
variable "name" {}
variable "broken" {
  default = upper(data.aws_ssm_parameter.x.value)
}
module "app" {
  source = "./app"
}
resource "aws_ecs_task_definition" "t" {
  family = "web"
  container_definitions = jsonencode(
    merge(var.more, {
      app = { name = "a", image = "nginx:1" }
    }))
}
resource "aws_ecs_task_definition" "u" {
  container_definitions = jsonencode([
    { name = "b", image = "${var.name}:${local.missing}" },
    { name = "c", image = var.planned },
    { name = "d", image = var.broken },
    { name = "e", image = var.app },
    { name = "f", image = local.family },
    { name = "g", image = tolist(var.images)[0] },
  ])
}
"""


def test_the_first_reference_without_a_value_is_the_reason() -> None:
    planned = Unknown("data.x.value is known when Terraform plans")
    module = terraform_module([("infra/main.tf", MORE)], [{"name": "app", "planned": planned}])
    assert module.warnings == []
    assert [(item.text, item.line, item.problem) for item in module.found] == [
        ("nginx:1", 12, None),
        ("${var.name}:${local.missing}", 17, "local.missing: no such local value in this directory"),
        ("var.planned", 18, f"var.planned: {planned.reason}"),
        ("var.broken", 19, "var.broken: data is not a variable here"),
        ("var.app", 20, "var.app: no such variable in this directory"),
        ("local.family", 21, "local.family: no such local value in this directory"),
        ("tolist(var.images)[0]", 22, "var.images: no such variable in this directory"),
    ]
