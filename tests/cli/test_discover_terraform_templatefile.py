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


NOMAD_MAIN = """\
resource "nomad_job" "db" {
  jobspec = templatefile("${path.module}/jobs/db.hcl", {
    db_version     = var.db_version
    backup_version = "2.6.22"
    count          = var.db_count
    logs_image     = var.logs_image
  })
}

resource "nomad_job" "ingress" {
  jobspec = templatefile("${path.module}/jobs/ingress.hcl", { update_stanza = true })
}

locals {
  restore_vars = {
    backup_version = var.backup_version
  }
}

resource "nomad_job" "restore" {
  jobspec = templatefile("${path.module}/jobs/restore.hcl", local.restore_vars)
}
"""

NOMAD_VARIABLES = """\
variable "db_version" { default = "25.4.5.24" }
variable "db_count" { default = 1 }
variable "logs_image" { default = "grafana/loki:3.6.4" }
variable "tag" {}
variable "backup_version" { default = "2.6.21" }
"""

NOMAD_DB = """\
job "db" {
  type = "service"
  group "db" {
    count = ${count}
    task "server" {
      driver = "docker"
      config {
        image = "clickhouse/clickhouse-server:${db_version}"
      }
    }
%{ if backup_version != "" }
    task "backup" {
      driver = "docker"
      config {
        image   = "altinity/clickhouse-backup:${backup_version}"
        command = "/bin/backup"
      }
    }
%{ endif }
    task "logs" {
      driver = "docker"
      config {
        image = "${logs_image}"
      }
    }
    task "runtime" {
      driver = "docker"
      config {
        image = "acme/agent:${NOMAD_META_tag}"
      }
    }
  }
}
"""

NOMAD_INGRESS = """\
job "ingress" {
  group "ingress" {
    task "ingress" {
      driver = "docker"
      %{ if update_stanza }
        kill_timeout = "24h"
      %{ endif }
      config {
        network_mode = "host"
        image        = "traefik:v3.5"
      }
    }
  }
}
"""

NOMAD_RESTORE = """\
job "restore" {
  type = "batch"
  task "restore" {
    config {
      image = "altinity/clickhouse-backup:${backup_version}"
    }
  }
}
"""


def test_a_nomad_jobspec_template_gives_its_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A `nomad_job`'s `jobspec = templatefile(...)` (https://registry.terraform.io/providers/hashicorp/nomad/latest/
    docs/resources/job): the template's `image = "..."` lines, each `${NAME}` in them the value the call gives NAME;
    an interpolation the call does not give (Nomad's own `${NOMAD_META_tag}`, filled at run time) names none; the
    template's variables given as a local object are read from it."""
    monkeypatch.chdir(tmp_path)
    tree = {
        "iac/modules/job-db/main.tf": NOMAD_MAIN,
        "iac/modules/job-db/variables.tf": NOMAD_VARIABLES,
        "iac/modules/job-db/jobs/db.hcl": NOMAD_DB,
        "iac/modules/job-db/jobs/ingress.hcl": NOMAD_INGRESS,
        "iac/modules/job-db/jobs/restore.hcl": NOMAD_RESTORE,
    }
    records = tree_records(tree, tmp_path, capsys)
    listed = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    assert listed == {
        ("clickhouse/clickhouse-server:25.4.5.24", "iac/modules/job-db/jobs/db.hcl", 8),
        ("altinity/clickhouse-backup:2.6.22", "iac/modules/job-db/jobs/db.hcl", 15),
        ("grafana/loki:3.6.4", "iac/modules/job-db/main.tf", 6),
        ("traefik:v3.5", "iac/modules/job-db/jobs/ingress.hcl", 10),
        ("altinity/clickhouse-backup:2.6.21", "iac/modules/job-db/jobs/restore.hcl", 5),
    }
