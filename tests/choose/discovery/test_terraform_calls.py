"""The values a tree's Terraform modules give the modules they call, read whole: meta-arguments left out, values
known and known only when Terraform plans (naming the call), paths normalised, calls that reach no module of the
tree, the depth and count limits (terraform_calls.py)."""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.terraform_calls import module_inputs
from ecr_mirror.choose.discovery.terraform_hcl import Body, parse_terraform
from ecr_mirror.choose.discovery.terraform_values import Unknown

ROOT = """\
locals { tag = "1.2" }
variable "registry" { default = "ghcr.io/acme" }
data "aws_ssm_parameter" "v" { name = "v" }
module "svc" {
  source     = "./service"
  version    = "1.0"
  count      = 1
  for_each   = {}
  providers  = {}
  depends_on = []
  image      = "${var.registry}/api:${local.tag}"
  secret     = data.aws_ssm_parameter.v.value
  label      = "${data.aws_ssm_parameter.v.value}-x"
  list       = [data.aws_ssm_parameter.v.value]
  literal    = "plain"
}
resource "null_resource" "r" {
  source = "./service"
  other  = "a resource's argument"
}
module "again" {
  source  = "./service"
  image   = "${var.registry}/api:${local.tag}"
  literal = "plain"
}
module "same" {
  source  = "./service"
  image   = "${var.registry}/api:${local.tag}"
  literal = "plain"
}
module "registry" { source = "terraform-aws-modules/ecs/aws" }
module "self" { source = "./" }
module "missing" { source = "./nowhere" }
module "nested" {
  source = "./service/../platform"
  name   = "p"
}
module {
  source = "./platform"
  name   = "unlabelled"
}
"""

SERVICE = """\
variable "image" {}
module "inner" {
  source = "../platform"
  name   = var.image
}
"""


def _shown(inputs: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        directory: [
            {key: f"unknown: {value.reason}" if isinstance(value, Unknown) else value for key, value in given.items()}
            for given in sets
        ]
        for directory, sets in inputs.items()
    }


def _modules(files: dict[str, str]) -> dict[str, list[Body]]:
    return {directory: [parse_terraform(text, f"{directory}/main.tf")] for directory, text in files.items()}


def test_each_call_of_a_module_of_the_tree_gives_its_values() -> None:
    modules = _modules({".": ROOT, "service": SERVICE, "platform": 'variable "name" {}\n'})
    planned = "`data.aws_ssm_parameter.v.value` is known when Terraform plans or applies the module"
    assert _shown(module_inputs(modules)) == {
        "platform": [{"name": "p"}, {"name": "unlabelled"}, {"name": "ghcr.io/acme/api:1.2"}],
        "service": [
            {
                "image": "ghcr.io/acme/api:1.2",
                "secret": f'unknown: {planned} (module "svc" in . gives it)',
                "label": "unknown: `${data.aws_ssm_parameter.v.value}-x` is known when Terraform plans or applies"
                ' the module (module "svc" in . gives it)',
                "list": f'unknown: ``: {planned} (module "svc" in . gives it)',
                "literal": "plain",
            },
            {"image": "ghcr.io/acme/api:1.2", "literal": "plain"},  # "same" gives the same values: once
        ],
    }


def test_a_chain_of_calls_is_followed_nine_modules_deep_whatever_the_order_read() -> None:
    # named so that the deepest is read first: the root calls n10, n10 calls n09, ..., n02 calls n01
    files = {".": 'module "m" {\n  source = "./n10"\n  x = "a"\n}\n'}
    for number in range(10, 0, -1):
        call = f'module "m" {{\n  source = "../n{number - 1:02d}"\n  x = var.x\n}}\n' if number > 1 else ""
        files[f"n{number:02d}"] = f'variable "x" {{}}\n{call}'
    inputs = module_inputs(_modules(files))
    assert [inputs[f"n{number:02d}"] for number in range(10, 1, -1)] == [[{"x": "a"}]] * 9
    (given,) = inputs["n01"]
    assert isinstance(given["x"], Unknown)


def test_a_module_is_read_with_at_most_64_value_sets() -> None:
    calls = "".join(f'module "m{number}" {{\n  source = "./m"\n  x = "{number}"\n}}\n' for number in range(70))
    inputs = module_inputs(_modules({".": calls, "m": 'variable "x" {}\n'}))
    assert inputs == {"m": [{"x": str(number)} for number in range(64)]}
