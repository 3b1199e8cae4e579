"""Nomad job files: the image of every task (and Connect sidecar task) whose `config` names one, HCL2 variables
and locals resolved from their defaults, runtime interpolation and variables without a default unresolved."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, images_in, kind_of
from ecr_mirror.choose.discovery.nomad_jobs import nomad_job_images
from ecr_mirror.choose.discovery.nomad_variables import read_variables
from ecr_mirror.errors import ConfigError

JOB = """\
# The shop's cache and web tier.
variable "redis_tag" {
  type    = string
  default = "7.2-alpine"
}

variable "registry" {
  type        = string
  description = "Where the team's own images live."
}

variable "app" {
  type = object({
    repo    = string
    version = string
  })
  default = {
    repo    = "ghcr.io/acme/shop"
    version = "1.4.0"
  }
}

locals {
  envoy       = "envoyproxy/envoy"
  proxy_image = "${local.envoy}:v1.29.1"
}

job "shop" {
  datacenters = ["dc1"]

  group "cache" {
    network {
      port "redis" { to = 6379 }
    }
    task "redis" {
      driver = "docker"
      config {
        image = "redis:${var.redis_tag}"
        ports = ["redis"]
      }
    }
  }

  group "web" {
    task "app" {
      driver = "podman"
      config {
        image = "docker://${var.app.repo}:${var.app.version}"
      }
    }
    task "proxy" {
      driver = "docker"
      config {
        image = local.proxy_image
      }
    }
    task "migrate" {
      driver = "docker"
      lifecycle {
        hook = "prestart"
      }
      config {
        image = "${var.registry}/shop-migrate:1"
      }
    }
    task "metrics" {
      driver = "docker"
      config {
        image = "prom/statsd-exporter:${NOMAD_META_exporter_version}"
      }
    }
    task "cleanup" {
      driver = "raw_exec"
      config {
        command = "/usr/local/bin/cleanup"
      }
    }
    service {
      name = "web"
      connect {
        sidecar_task {
          driver = "docker"
          config {
            image = "envoyproxy/envoy:v1.28.0"
          }
        }
      }
    }
  }
}
"""


def test_nomad_job_files_are_known_by_name() -> None:
    assert kind_of("deploy/shop.nomad") is Kind.NOMAD
    assert kind_of("jobs/cache.nomad.hcl") is Kind.NOMAD
    assert kind_of("packs/cache/templates/cache.nomad.tpl") is Kind.NOMAD_PACK
    assert kind_of("terraform/main.hcl") is None  # read only when its top level is a job (the walk looks)


def test_every_task_image_with_variables_locals_and_unresolved_ones() -> None:
    found = images_in(Kind.NOMAD, JOB, "deploy/shop.nomad")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("redis:7.2-alpine", 38, True),
        ("ghcr.io/acme/shop:1.4.0", 48, True),
        ("envoyproxy/envoy:v1.29.1", 54, True),
        ("${var.registry}/shop-migrate:1", 63, False),
        ("prom/statsd-exporter:${NOMAD_META_exporter_version}", 69, False),
        ("envoyproxy/envoy:v1.28.0", 84, True),
    ]
    assert {item.kind for item in found} == {"Nomad job file"}
    assert {item.use for item in found} == {"image"}
    assert "var.registry has no default" in (found[3].problem or "")
    assert "NOMAD_META_exporter_version" in (found[4].problem or "")
    assert "Nomad interpolates when it places the task" in (found[4].problem or "")


def test_variables_declared_beside_the_job_and_the_jobs_own_winning() -> None:
    beside = read_variables(
        'variable "redis_tag" {\n  default = "6.2"\n}\nvariable "registry" {\n  default = "quay.io/acme"\n}\n',
        "deploy/variables.hcl",
    )
    found = nomad_job_images(JOB, "deploy/shop.nomad", beside)
    assert [item.text for item in found if item.problem is None][:1] == ["redis:7.2-alpine"]
    assert ("quay.io/acme/shop-migrate:1", 63) in [(item.text, item.line) for item in found]


def test_an_hcl1_job_and_a_bare_variable_reference() -> None:
    hcl1 = """\
job "batch" {
  type = "batch"
  task "report" {
    driver = "docker"
    config {
      image = "python:3.12-slim"
      args  = ["report.py"]
    }
  }
}
"""
    assert [(item.text, item.line) for item in nomad_job_images(hcl1, "report.nomad")] == [("python:3.12-slim", 6)]
    bare = 'variable "image" {\n  default = "nginx:1.27"\n}\njob "w" {\n  group "g" {\n    task "t" {\n'
    bare += '      driver = "docker"\n      config {\n        image = var.image\n      }\n    }\n  }\n}\n'
    assert [(item.text, item.line) for item in nomad_job_images(bare, "w.nomad.hcl")] == [("nginx:1.27", 9)]


def test_an_image_from_a_function_is_unresolved_with_the_reason() -> None:
    text = 'variable "tag" {\n  default = "1"\n}\njob "w" {\n  group "g" {\n    task "t" {\n'
    text += '      driver = "docker"\n      config {\n        image = format("acme/w:%s", var.tag)\n      }\n'
    text += "    }\n  }\n}\n"
    (found,) = nomad_job_images(text, "w.nomad")
    assert found.problem is not None
    assert "format()" in found.problem
    assert found.line == 9


def test_a_variables_file_without_a_job_pulls_nothing() -> None:
    assert nomad_job_images('docker_env = {\n  "mode" : "setup",\n}\n', "packs/db/vars.nomad") == []


def test_a_job_file_that_does_not_parse_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"deploy/bad\.nomad: not read as a Nomad job file: line 2"):
        nomad_job_images('job "x" {\n  group "g" { = }\n}\n', "deploy/bad.nomad")


def test_a_dynamic_task_block_is_read_and_its_iterator_left_unresolved() -> None:
    text = """\
variable "workers" {
  default = [{ name = "a", image = "acme/worker:1" }]
}
job "workers" {
  group "w" {
    dynamic "task" {
      for_each = var.workers
      labels   = [task.value.name]
      content {
        driver = "docker"
        config {
          image = task.value.image
        }
      }
    }
  }
}
"""
    (found,) = nomad_job_images(text, "workers.nomad")
    assert (found.text, found.line, found.problem is None) == ("task.value.image", 12, False)
    assert "task is not a variable" in (found.problem or "")


def test_a_job_template_with_levant_actions_is_read_line_by_line() -> None:
    text = """\
job "[[ .service_name ]]" {
  group "app" {
    count = [[ .count ]]
    task "app" {
      driver = "docker"
      config {
        image = "[[ .image ]]:[[ .version ]]"
      }
    }
    task "log" {
      driver = "docker"
      config {
        image = "fluent/fluent-bit:3.1"
      }
    }
  }
}
"""
    found = nomad_job_images(text, "deploy/app.nomad")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("[[ .image ]]:[[ .version ]]", 7, False),
        ("fluent/fluent-bit:3.1", 13, True),
    ]
    assert "rendered" in (found[0].problem or "")
    assert {item.kind for item in found} == {"Nomad job file"}


def test_a_var_file_beside_the_job_gives_values_by_assignment() -> None:
    beside = read_variables('registry = "quay.io/acme"\napp = {\n  repo = "ghcr.io/acme/other"\n}\n', "deploy/vars.hcl")
    found = nomad_job_images(JOB, "deploy/shop.nomad", beside)
    resolved = [(item.text, item.line) for item in found if item.problem is None]
    assert ("quay.io/acme/shop-migrate:1", 63) in resolved
    assert ("ghcr.io/acme/shop:1.4.0", 48) in resolved  # the job's own default wins over the file beside it


def test_a_job_named_by_a_template_action_is_a_job_too() -> None:
    text = 'job [[ template "job_name" . ]] {\n  group "g" {\n    task "t" {\n      driver = "docker"\n'
    text += '      config {\n        image = "haproxy:3.0"\n      }\n    }\n  }\n}\n'
    assert [(item.text, item.line) for item in nomad_job_images(text, "lb.nomad")] == [("haproxy:3.0", 6)]
