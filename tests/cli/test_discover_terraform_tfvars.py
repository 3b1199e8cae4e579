"""`ecr-mirror discover` reads a Terraform root module with its variable definitions files
(https://developer.hashicorp.com/terraform/language/values/variables#variable-definitions-tfvars-files): the
`terraform.tfvars` and `*.auto.tfvars` of its directory, which Terraform loads by itself, and each environment's
`.tfvars` a run gives with `-var-file` (kept in a folder of its own, `env/dev/terraform.tfvars`: the module of the
nearest directory above it, else the one module of the tree, that declares every variable the file sets). The module
is read once per environment, its images with each file's values; a file that sets a variable no module declares
(`backend.tfvars`, given with `-backend-config`) is no environment's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

APP = """\
variable "registry" { default = "ghcr.io/acme" }
variable "tag" {}
variable "region" {}

resource "aws_ecs_task_definition" "api" {
  family = "api"
  container_definitions = jsonencode([
    { name = "api", image = "${var.registry}/api:${var.tag}", essential = true },
  ])
}
"""

WEB = """\
variable "image" { default = "nginx:1.25" }

resource "docker_container" "web" {
  name  = "web"
  image = var.image
}
"""


def test_a_root_modules_tfvars_give_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "infra/app/main.tf": APP,
        "infra/app/env/dev/terraform.tfvars": 'region = "us-east-1"\ntag    = "dev-abc"\n',
        "infra/app/env/prod/terraform.tfvars": '# production\nregion = "eu-west-1"\ntag = "v1.0.0"\n',
        "infra/app/env/prod/backend.tfvars": 'key = "prod.tfstate"\n',
        "deploy/envs/staging/terraform.tfvars": 'region = "eu-west-2"\ntag = "v0.1.0-rc1"\n',
        "infra/web/main.tf": WEB,
        "infra/web/terraform.tfvars": 'image = "nginx:1.27"\n',
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, reference, status) for file, line, _, _, reference, status in rows) == [
        ("infra/app/main.tf", 8, "ghcr.io/acme/api:dev-abc", "public"),
        ("infra/app/main.tf", 8, "ghcr.io/acme/api:v0.1.0-rc1", "public"),
        ("infra/app/main.tf", 8, "ghcr.io/acme/api:v1.0.0", "public"),
        ("infra/web/main.tf", 5, "nginx:1.27", "public"),
    ]


def test_without_tfvars_a_variable_without_default_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"infra/app/main.tf": APP, "infra/other/terraform.tfvars": 'unrelated = "x"\ntag = "v9"\n'}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(file, line, status) for file, line, _, _, _, status in rows] == [("infra/app/main.tf", 8, "unresolved")]
