"""Terraform provisioners that run docker on the machine they provision (`remote-exec`'s `inline` commands) or
where Terraform runs (`local-exec`'s `command`): the images those commands run or pull."""

from __future__ import annotations

from ecr_mirror.choose.discovery.terraform import terraform_module

MAIN = """\
resource "aws_instance" "zookeeper" {
  ami           = data.aws_ami.linux.id
  instance_type = "t3.small"

  provisioner "remote-exec" {
    inline = [
      "cloud-init status --wait",
      "docker run -it --name zookeeper -d -p 2181:2181 zookeeper:3.9",
      "docker run -d ${var.cache_image}",
    ]
  }

  provisioner "local-exec" {
    command = "docker pull busybox:1.37 && echo done"
  }

  provisioner "file" {
    content     = "docker run nginx:1.27"
    destination = "/tmp/notes.txt"
  }
}

variable "cache_image" {
  default = "redis:7.4"
}

resource "null_resource" "other" {
  triggers = { command = "docker run alpine:3.20" }
}
"""


def test_the_commands_of_exec_provisioners_are_read_as_scripts() -> None:
    found = terraform_module([("deploy/main.tf", MAIN)]).found
    images = {(item.text, item.line, item.problem is None) for item in found}
    assert ("zookeeper:3.9", 8, True) in images
    assert ("busybox:1.37", 14, True) in images
    assert not any(text in ("nginx:1.27", "alpine:3.20") for text, _, _ in images)
    (cache,) = [item for item in found if "cache_image" in item.text or item.text == "redis:7.4"]
    assert cache.line == 9
