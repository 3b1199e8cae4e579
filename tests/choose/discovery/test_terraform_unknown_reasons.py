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
