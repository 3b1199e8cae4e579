"""Packer templates (`*.pkr.hcl`): the `image` of each `source "docker"` block, the base image Packer's docker
builder pulls before it provisions the container (not with `pull = false`: an image already on the host); `var.x`
from the file's `variable` defaults; other builders' `image` (a cloud disk image) not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of

_TEMPLATE = """\
variable "base_tag" {
  type    = string
  default = "22.04"
}

source "amazon-ebs" "ami" {
  source_ami_filter {
    filters = { name = "ubuntu/images/*" }
  }
}

source "googlecompute" "gce" {
  source_image = "debian-12"
  image_name   = "my-image"
}

source "docker" "ubuntu" {
  image  = "acme/ubuntu-base:${var.base_tag}"
  commit = true
}

source "docker" "local" {
  image = "acme/built-here:dev"
  pull  = false
  commit = true
}

source "docker" "alpine" {
  image    = "alpine:3.20"
  platform = "linux/amd64"
  commit   = true
}

source "docker" "unknown" {
  image  = var.missing
  commit = true
}

build {
  sources = ["source.docker.ubuntu", "source.docker.alpine"]
}
"""


def test_the_docker_builder_s_base_images() -> None:
    assert kind_of("examples/packer/build.pkr.hcl") == Kind.PACKER
    found = images_in(Kind.PACKER, _TEMPLATE, "examples/packer/build.pkr.hcl")
    assert [(item.text, item.line, item.problem is None, item.use) for item in found] == [
        ("acme/ubuntu-base:22.04", 18, True, "docker source image"),
        ("alpine:3.20", 29, True, "docker source image"),
        ("var.missing", 35, False, "docker source image"),
    ]
