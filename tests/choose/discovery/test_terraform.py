"""Terraform: the images of ECS container definitions (an `aws_ecs_task_definition`'s `container_definitions`, as
`jsonencode([...])` or a heredoc of JSON; a module's `container_definitions = { name = { image = ... } }`; an
object shaped like a container definition), `var.x` from the module's variable defaults and `local.x` from its
locals; other `image` and `image_id` values are not container images."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import HclSyntax
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.terraform import terraform_module

VARIABLES = """\
variable "app_tag" {
  description = "Tag of the app image"
  type        = string
  default     = "1.4.2"
}

variable "sidecar_image" {
  type = string
}

variable "registry" {
  default = null
}
"""

TASKS = """\
locals {
  name       = "shop"
  proxy_repo = "public.ecr.aws/nginx/nginx"
}

resource "aws_ecs_task_definition" "app" {
  family                   = "${local.name}-app"
  requires_compatibilities = ["FARGATE"]
  container_definitions = jsonencode([
    {
      name      = "app"
      image     = "ghcr.io/acme/shop:${var.app_tag}"
      essential = true
    },
    {
      name  = "proxy"
      image = "${local.proxy_repo}:1.27-alpine"
    },
    {
      name  = "sidecar"
      image = var.sidecar_image
    },
  ])
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  container_definitions = <<DEFINITION
[
  {
    "name": "worker",
    "image": "public.ecr.aws/docker/library/python:${var.app_tag}-slim",
    "cpu": ${var.cpu},
    "essential": true
  },
  {
    "name": "metrics",
    "image": "${var.registry}/statsd-exporter:v0.27.1"
  }
]
DEFINITION
}

data "aws_ami" "ecs" {
  most_recent = true
}

resource "aws_launch_template" "ecs" {
  image_id      = data.aws_ami.ecs.id
  instance_type = "t3.small"
}

resource "google_compute_instance" "vm" {
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
}
"""

SERVICE = """\
module "ecs_service" {
  source = "terraform-aws-modules/ecs/aws//modules/service"

  name = "web"
  container_definitions = {
    fluent-bit = {
      essential = true
      image     = nonsensitive(data.aws_ssm_parameter.fluentbit.value)
    }

    (local.name) = {
      cpu   = 512
      image = "public.ecr.aws/ecs-sample-image/amazon-ecs-sample:latest"
      portMappings = [{ containerPort = 80, protocol = "tcp" }]
    }
  }
}

module "single" {
  source                 = "terraform-aws-modules/ecs/aws//modules/container-definition"
  image                  = "public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50"
  essential              = true
  readonlyRootFilesystem = false
}

locals {
  agent = {
    name      = "agent"
    image     = "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest"
    essential = true
  }
  settings = {
    image = "not-a-container:1"
    size  = 3
  }
}

resource "aws_ecs_express_gateway_service" "api" {
  primary_container {
    image          = "public.ecr.aws/docker/library/httpd:2.4"
    container_port = 80
  }
}
"""


def _found(files: list[tuple[str, str]]) -> dict[tuple[str, int | None], Found]:
    return {(item.origin, item.line): item for item in terraform_module(files).found}


def test_task_definitions_in_jsonencode_and_heredocs_with_variables_and_locals() -> None:
    found = _found([("infra/variables.tf", VARIABLES), ("infra/tasks.tf", TASKS)])
    assert found[("infra/tasks.tf", 12)].text == "ghcr.io/acme/shop:1.4.2"
    assert found[("infra/tasks.tf", 17)].text == "public.ecr.aws/nginx/nginx:1.27-alpine"
    sidecar = found[("infra/tasks.tf", 21)]
    assert sidecar.text == "var.sidecar_image" and sidecar.problem is not None
    assert "no default" in sidecar.problem
    assert found[("infra/tasks.tf", 32)].text == "public.ecr.aws/docker/library/python:1.4.2-slim"
    registry = found[("infra/tasks.tf", 38)]
    assert registry.text == "${var.registry}/statsd-exporter:v0.27.1" and registry.problem is not None
    assert "var.registry" in registry.problem
    assert {item.problem is None for item in found.values()} == {True, False}
    assert len(found) == 5  # neither the AMI's image_id nor a Compute Engine disk image
    assert {item.use for item in found.values()} == {"container_definitions image"}
    assert {item.kind for item in found.values()} == {"ECS task definition (Terraform)"}


def test_module_container_definitions_and_objects_shaped_like_one() -> None:
    found = _found([("envs/prod/main.tf", SERVICE)])
    fluent = found[("envs/prod/main.tf", 8)]
    assert fluent.problem is not None and "nonsensitive" in fluent.problem
    assert found[("envs/prod/main.tf", 13)].text == "public.ecr.aws/ecs-sample-image/amazon-ecs-sample:latest"
    assert found[("envs/prod/main.tf", 21)].text == "public.ecr.aws/aws-containers/ecsdemo-frontend:776fd50"
    assert found[("envs/prod/main.tf", 29)].text == "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest"
    assert found[("envs/prod/main.tf", 40)].text == "public.ecr.aws/docker/library/httpd:2.4"
    assert ("envs/prod/main.tf", 33) not in found  # an object with `image` and no key of a container
    assert len(found) == 5


def test_a_variable_default_of_another_directory_is_not_used() -> None:
    files = [("a/variables.tf", VARIABLES), ("b/tasks.tf", TASKS)]
    with pytest.raises(ValueError, match="one directory"):
        terraform_module(files)
    [item] = [i for i in terraform_module([("b/tasks.tf", TASKS)]).found if i.line == 12]
    assert item.text == "ghcr.io/acme/shop:${var.app_tag}"
    assert item.problem is not None and "var.app_tag" in item.problem


def test_a_file_this_reader_cannot_read_is_a_warning_and_the_others_are_read() -> None:
    module = terraform_module([("m/broken.tf", 'resource "x" "y" {\n  a = \n'), ("m/tasks.tf", TASKS)])
    assert any(item.line == 12 for item in module.found)
    [warning] = module.warnings
    assert warning.startswith("m/broken.tf: ")


def test_object_keys_terraform_writes_in_parentheses_or_dotted_are_read() -> None:
    text = (
        'module "app" {\n'
        '  source    = "./service"\n'
        "  providers = {\n    kubernetes.cluster = kubernetes.cluster\n    helm = helm\n  }\n"
        '  container_definitions = {\n    (local.name) = { image = "nginx:1.27" }\n  }\n'
        "}\n"
    )
    [item] = terraform_module([("app.tf", text)]).found
    assert (item.text, item.line, item.problem) == ("nginx:1.27", 8, None)


def test_the_reader_raises_on_what_it_cannot_read() -> None:
    from ecr_mirror.choose.discovery.terraform_hcl import parse_terraform

    with pytest.raises(HclSyntax, match="line 2"):
        parse_terraform('locals {\n  a = "unclosed\n}\n', "x.tf")


@pytest.mark.parametrize(
    ("path", "kind"),
    [("infra/main.tf", Kind.TERRAFORM), ("infra/main.tf.json", None), ("main.tfvars", Kind.TERRAFORM)],
)
def test_terraform_files_are_recognised_by_name(path: str, kind: Kind | None) -> None:
    assert kind_of(path) is kind
