"""The scripts of a Terraform module that a local command runs with an `environment` (a `provisioner "local-exec"`'s
`command`, HashiCorp's enos provider's `enos_local_exec` `inline` commands and `scripts`): each script named by its
path under `${path.module}` (or relative to a `working_dir` of `path.module`), with the literal and variable-default
values of `environment`; a value known only when Terraform plans is left out, and a path relative to wherever
Terraform runs is not followed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.terraform import terraform_module

_MAIN = """\
variable "client_image" {
  type    = string
  default = "mirror.example.com/minio/mc:latest"
}

variable "networks" {
  type = list(string)
}

resource "enos_local_exec" "init" {
  environment = {
    CLIENT_IMAGE = var.client_image,
    NETWORK      = var.networks[0],
    BUCKET       = "test"
  }
  inline = ["bash ./${path.module}/init.sh \\"${var.client_image}\\""]
}

resource "enos_local_exec" "scripted" {
  environment = { CLIENT_IMAGE = "busybox:1.36" }
  scripts     = ["${path.module}/scripts/check.sh"]
}

resource "null_resource" "seed" {
  provisioner "local-exec" {
    command     = "./seed.sh --fast"
    working_dir = path.module
    environment = { SEED_IMAGE = "postgres:16-alpine" }
  }
}

resource "null_resource" "elsewhere" {
  provisioner "local-exec" {
    command     = "./tools/run.sh"
    environment = { SEED_IMAGE = "postgres:15-alpine" }
  }
}

resource "enos_local_exec" "bare" {
  inline = ["bash ./${path.module}/init.sh"]
}
"""


def _runs() -> set[tuple[str, int, str, tuple[str, ...], tuple[tuple[str, str], ...]]]:
    module = terraform_module([("infra/minio/main.tf", _MAIN)])
    return {(origin, call.line, call.directory, call.names, call.env) for origin, call in module.runs}


def test_the_scripts_a_local_command_runs_with_its_environment() -> None:
    shown = "infra/minio/main.tf"
    assert _runs() == {
        (
            shown,
            16,
            "infra/minio",
            ("init.sh",),
            (("BUCKET", "test"), ("CLIENT_IMAGE", "mirror.example.com/minio/mc:latest")),
        ),
        (shown, 21, "infra/minio", ("scripts/check.sh",), (("CLIENT_IMAGE", "busybox:1.36"),)),
        (shown, 26, "infra/minio", ("seed.sh",), (("SEED_IMAGE", "postgres:16-alpine"),)),
    }
