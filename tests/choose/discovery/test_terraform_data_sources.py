"""A data source's argument read back (`data.docker_registry_image.db.name`) is the value its block gives it: the
Docker provider's documented pattern pulls `docker_image` `name = data.docker_registry_image.X.name` with
`pull_triggers` on the data source's digest; a computed attribute (`sha256_digest`), a data source with `count` or
`for_each`, or one whose argument has no value here stays unresolved."""

from __future__ import annotations

from ecr_mirror.choose.discovery.terraform import terraform_module

_MAIN = """\
variable "server_image" {
  type    = string
  default = "mirror.example.com/minio/minio:RELEASE.2025-01-01"
}

variable "client_image" {
  type = string
}

data "docker_registry_image" "server" {
  name = var.server_image
}

resource "docker_image" "server" {
  name          = data.docker_registry_image.server.name
  pull_triggers = [data.docker_registry_image.server.sha256_digest]
  keep_locally  = true
}

data "docker_registry_image" "client" {
  name = var.client_image
}

resource "docker_image" "client" {
  name = data.docker_registry_image.client.name
}

data "docker_registry_image" "pinned" {
  name = "postgres:16-alpine"
}

resource "docker_container" "db" {
  name  = "db"
  image = "${data.docker_registry_image.pinned.name}"
}

data "docker_registry_image" "many" {
  for_each = toset(["redis:7", "redis:8"])
  name     = each.key
}

resource "docker_image" "many" {
  for_each = data.docker_registry_image.many
  name     = data.docker_registry_image.many["redis:7"].name
}

resource "docker_image" "digest" {
  name = data.docker_registry_image.server.sha256_digest
}
"""


def _found() -> dict[int, tuple[str, str | None]]:
    module = terraform_module([("infra/main.tf", _MAIN)])
    assert module.warnings == []
    return {item.line or 0: (item.text, item.problem) for item in module.found}


def test_a_data_source_argument_is_the_value_its_block_gives() -> None:
    found = _found()
    assert found[15] == ("mirror.example.com/minio/minio:RELEASE.2025-01-01", None)
    assert found[34] == ("postgres:16-alpine", None)


def test_a_data_source_argument_without_a_value_stays_unresolved() -> None:
    text, problem = _found()[25]
    assert text == "data.docker_registry_image.client.name"
    assert problem is not None and "var.client_image" in problem


def test_computed_attributes_and_repeated_data_sources_stay_unresolved() -> None:
    found = _found()
    assert found[44][1] is not None  # `for_each`: a map of instances, known when Terraform plans
    assert found[48] == (
        "data.docker_registry_image.server.sha256_digest",
        "`data.docker_registry_image.server.sha256_digest` is known when Terraform plans or applies the module",
    )
    listed = {text for text, problem in found.values() if problem is None}
    assert listed == {"mirror.example.com/minio/minio:RELEASE.2025-01-01", "postgres:16-alpine"}
