"""Test Kitchen configurations with a container driver: the image each platform's instances run in."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kitchen_configs import kitchen_images
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.discovery.yaml_sources import yaml_images

KITCHEN = """\
---
driver:
  name: dokken
  chef_license: accept

provisioner:
  name: dokken

platforms:
  - name: centos-9
    driver:
      image: dokken/centos-stream-9
      pid_one_command: /usr/lib/systemd/systemd
  - name: debian-12
    driver:
      image: dokken/debian-12
  - name: ubuntu-24.04
    driver_config:
      image: ubuntu:24.04
  - name: windows-2022
    driver:
      name: vagrant
      box: windows-2022

suites:
  - name: default
    run_list: ["recipe[app::default]"]
"""


def test_each_platform_s_driver_image_is_pulled() -> None:
    found = yaml_images(KITCHEN, "deployments/chef/kitchen.yml")
    assert [(item.text, item.line, item.kind) for item in found] == [
        ("dokken/centos-stream-9", 12, "Test Kitchen configuration"),
        ("dokken/debian-12", 16, "Test Kitchen configuration"),
        ("ubuntu:24.04", 19, "Test Kitchen configuration"),
    ]
    assert found[0].use == "platforms[centos-9].driver.image"


def test_the_top_driver_s_image_serves_platforms_without_their_own() -> None:
    text = "driver:\n  name: docker\n  image: rockylinux:9\nplatforms:\n  - name: rocky\n  - name: alma\n"
    found = kitchen_images(load_documents(text, "kitchen.yml"), "kitchen.yml")
    assert found is not None and [(item.text, item.line) for item in found] == [("rockylinux:9", 3)]


def test_a_vm_driver_or_another_file_is_not_a_kitchen_config() -> None:
    vagrant = "driver:\n  name: vagrant\n  image: not-a-container\nplatforms:\n  - name: ubuntu-22.04\n"
    assert kitchen_images(load_documents(vagrant, "kitchen.yml"), "kitchen.yml") == []
    other = "platforms:\n  - name: x\n    image: y:1\n"
    assert kitchen_images(load_documents(other, "x.yml"), "x.yml") is None
