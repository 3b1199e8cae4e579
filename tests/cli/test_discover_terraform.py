"""`ecr-mirror discover` on Terraform: the `.tf` files of one directory are one module (its variable defaults and
locals shared by its files); a file the reader cannot read is a warning naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "deploy/ecs/variables.tf": 'variable "web_tag" {\n  default = "2.8.1"\n}\n',
    "deploy/ecs/main.tf": (
        'resource "aws_ecs_task_definition" "web" {\n'
        '  family = "web"\n'
        "  container_definitions = jsonencode([{\n"
        '    name  = "web"\n'
        '    image = "docker.io/library/caddy:${var.web_tag}"\n'
        "  }])\n"
        "}\n"
    ),
    "deploy/other/main.tf": (
        'resource "aws_ecs_task_definition" "job" {\n'
        '  container_definitions = jsonencode([{ image = "busybox:${var.web_tag}" }])\n'
        "}\n"
        'resource "aws_instance" "bastion" {\n  ami = "ami-0abcdef1234567890"\n}\n'
    ),
    "deploy/broken/main.tf": 'locals {\n  a = "unclosed\n}\n',
    "deploy/ecs/.terraform/modules/ecs/main.tf": (  # a downloaded module: other projects' code
        'resource "aws_ecs_task_definition" "x" {\n  container_definitions = jsonencode([{ image = "redis:7" }])\n}\n'
    ),
}


def test_terraform_container_definitions_are_listed_per_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = {(r["file"], r["line"]): r for r in json.loads(out)}
    web = records[("deploy/ecs/main.tf", 5)]
    assert (web["reference"], web["status"]) == ("caddy:2.8.1", "public")
    assert web["kind"] == "ECS task definition (Terraform)"
    job = records[("deploy/other/main.tf", 2)]
    assert job["status"] == "unresolved" and "var.web_tag" in job["reason"]  # another directory's default
    assert len(records) == 2
    assert "deploy/broken/main.tf: line 2:" in err
    assert (
        "Terraform's downloaded modules and providers (.terraform/) (deploy/ecs/.terraform/modules/ecs/main.tf)" in err
    )
