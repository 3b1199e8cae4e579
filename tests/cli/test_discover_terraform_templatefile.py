"""ECS container definitions a Terraform module renders from a template file: `container_definitions =
templatefile("${path.module}/templates/app.json.tpl", { image = var.image, ... })`, the template writing `"image":
"${image}"` (https://developer.hashicorp.com/terraform/language/functions/templatefile). The image is the value the
call gives the template's variable (a variable's default, a caller's value), at the call's line; a literal image in
the template is read at its own line; a template path built otherwise, or a template not in the tree, names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

ECS = """\
resource "aws_ecs_task_definition" "connectors" {
  family                   = "${var.prefix}-connectors"
  requires_compatibilities = ["FARGATE"]
  container_definitions = templatefile("${path.module}/templates/connectors.json.tpl", {
    image          = var.image
    cpu            = var.task_cpu
    log_group_name = var.log_group_name
  })
}

resource "aws_ecs_task_definition" "other" {
  family                = "other"
  container_definitions = templatefile("${var.templates}/other.json.tpl", { image = var.image })
}
"""

VARIABLES = """\
variable "prefix" { default = "acme" }
variable "task_cpu" { default = 512 }
variable "log_group_name" { default = "acme" }
variable "templates" { default = "x" }
variable "image" {
  description = "The container image to use for the connectors"
  default     = "acme/connectors-bundle:8.10.0"
}
"""

TEMPLATE = """\
[
  {
    "name": "connectors",
    "image": "${image}",
    "cpu": ${cpu},
    "essential": true
  },
  {
    "name": "log-router",
    "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4",
    "essential": false
  }
]
"""


def test_a_container_definitions_template_gives_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "aws/modules/connectors/ecs.tf": ECS,
        "aws/modules/connectors/variables.tf": VARIABLES,
        "aws/modules/connectors/templates/connectors.json.tpl": TEMPLATE,
    }
    records = tree_records(tree, tmp_path, capsys)
    listed = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    assert ("acme/connectors-bundle:8.10.0", "aws/modules/connectors/ecs.tf", 5) in listed
    fluent = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4"
    assert (fluent, "aws/modules/connectors/templates/connectors.json.tpl", 10) in listed
    assert not any(file == "aws/modules/connectors/ecs.tf" and line == 13 for _, file, line in listed)
