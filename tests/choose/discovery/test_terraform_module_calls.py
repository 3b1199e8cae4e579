"""A Terraform module read once per call of it: each image line listed once per value it gets, in line order across
the calls; the same image on two lines listed at each; the refusal of files of two directories quoted whole."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.terraform import terraform_module

MAIN = """\
variable "tag" {}
resource "aws_ecs_task_definition" "app" {
  container_definitions = jsonencode([
    { name = "app", image = "ghcr.io/acme/app:${var.tag}" },
    { name = "proxy", image = "nginx:1.27" },
    { name = "again", image = "nginx:1.27" },
    { name = "worker", image = "ghcr.io/acme/worker:${var.tag}" },
  ])
}
"""


def test_each_call_s_values_in_line_order() -> None:
    module = terraform_module([("modules/app/main.tf", MAIN)], [{"tag": "1.0"}, {"tag": "2.0"}])
    assert [(item.text, item.line) for item in module.found] == [
        ("ghcr.io/acme/app:1.0", 4),
        ("ghcr.io/acme/app:2.0", 4),
        ("nginx:1.27", 5),
        ("nginx:1.27", 6),
        ("ghcr.io/acme/worker:1.0", 7),
        ("ghcr.io/acme/worker:2.0", 7),
    ]


def test_files_of_two_directories_are_refused() -> None:
    with pytest.raises(ValueError, match=r"^the files of a Terraform module are those of one directory$"):
        terraform_module([("a/main.tf", ""), ("b/main.tf", "")])
