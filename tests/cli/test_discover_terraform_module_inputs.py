"""`ecr-mirror discover` on Terraform modules of the tree called with `source = "./..."`: each call gives the called
module's variables their values, so an image a module takes from its caller is listed once per call, whether the
container definition is written as such or inside `merge(...)` / `concat(...)`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

SERVICE = """\
variable "name" {}
variable "app_image" {}
variable "sidecars" {
  default = {}
}

module "svc" {
  source = "terraform-aws-modules/ecs/aws//modules/service"

  container_definitions = merge(var.sidecars, {
    (var.name) = {
      essential     = true
      image         = var.app_image
      port_mappings = [{ containerPort = 8080 }]
    }
  })
}
"""

TREE = {
    "modules/service/ecs.tf": SERVICE,
    "modules/platform/main.tf": (
        'variable "web_image" {}\n\n'
        'module "web" {\n  source    = "../service"\n  name      = "web"\n  app_image = var.web_image\n}\n'
    ),
    "envs/prod/main.tf": (
        'locals {\n  tag = "5.2.0"\n}\n\n'
        'module "platform" {\n  source    = "../../modules/platform"\n'
        '  web_image = "example/web:${local.tag}"\n}\n\n'
        'module "api" {\n  source    = "../../modules/service"\n  name      = "api"\n'
        "  app_image = var.api_image\n}\n\n"
        'module "cron" {\n  source    = "../../modules/service"\n  name      = "cron"\n'
        "  app_image = data.aws_ssm_parameter.cron_image.value\n}\n"
    ),
    "envs/prod/variables.tf": 'variable "api_image" {\n  default = "example/api:1.4.0"\n}\n',
    # a module of the tree that no module of the tree calls: its variable is its (outside) caller's to set
    "modules/standalone/main.tf": (
        'variable "image" {}\n\nresource "aws_ecs_task_definition" "one" {\n'
        "  container_definitions = jsonencode(concat([], [{ essential = true, image = var.image }]))\n}\n"
    ),
}


def test_each_call_of_a_local_module_gives_its_variables_their_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = sorted(
        (r["file"], r["line"], r["status"], r["reference"] or r["written"], (r["reason"] or "")[:40])
        for r in json.loads(capsys.readouterr()[0])
    )
    assert records == [
        ("modules/service/ecs.tf", 13, "public", "example/api:1.4.0", ""),
        ("modules/service/ecs.tf", 13, "public", "example/web:5.2.0", ""),
        ("modules/service/ecs.tf", 13, "unresolved", "var.app_image", "var.app_image: `data.aws_ssm_parameter.c"),
        ("modules/standalone/main.tf", 4, "unresolved", "var.image", "var.image has no default in this directo"),
    ]
