"""A Terraform `helm_release` that sets a chart's image (https://registry.terraform.io/providers/hashicorp/helm/latest/
docs/resources/release#set): `set { name = "image.repository" value = ... }` beside `set { name = "image.tag" }` (and
a `.registry`), in blocks or the provider's list form, is the image the release runs, at the repository's line. A
repository set without a tag is the chart's default tag, not known here: not listed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.terraform import terraform_module

RELEASE = """\
variable "influxdb_helm" {
  default = {
    chart_version = "4.12.0",
    image = { name = "influxdb", tag = "1.8.10-alpine" }
  }
}

resource "helm_release" "influxdb" {
  name       = "acme-influxdb"
  repository = "https://helm.influxdata.com/"
  chart      = "influxdb"
  set {
    name  = "image.repository"
    value = var.influxdb_helm.image.name
  }
  set {
    name  = "image.tag"
    value = var.influxdb_helm.image.tag
  }
  set {
    name  = "ingress.enabled"
    value = true
  }
}

resource "helm_release" "checker" {
  name  = "ssl-check"
  chart = "./charts/cron"
  set = [
    { name = "cronjob.image.registry", value = "ghcr.io" },
    { name = "cronjob.image.repository", value = "acme/infra-ssl-check" },
    { name = "cronjob.image.tag", value = "v1.3.4" },
    { name = "sidecar.image.repository", value = "acme/untagged" },
  ]
}
"""


def test_a_releases_image_settings_are_its_image() -> None:
    found = terraform_module([("infra/helm.tf", RELEASE)]).found
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("influxdb:1.8.10-alpine", 14, None),
        ("ghcr.io/acme/infra-ssl-check:v1.3.4", 31, None),
    ]
