"""Terraform resources that run containers, beside ECS task definitions: the Docker provider's `docker_container`
(`image`, pulled when absent) and `docker_image` (`name`, pulled unless it has a `build` block), the containers of
Azure Container Instances (`azurerm_container_group`) and Container Apps (`azurerm_container_app`, `..._job`), of
Cloud Run services and jobs, and of the Kubernetes provider's workloads (`kubernetes_deployment`, ...); an `image`
of any other resource (a Compute Engine disk's) is not read."""

from __future__ import annotations

from ecr_mirror.choose.discovery.terraform import terraform_module

_MAIN = """\
variable "pg_tag" {
  default = "15"
}

resource "docker_container" "db" {
  name  = "db"
  image = "postgres:${var.pg_tag}"
}

resource "docker_image" "cache" {
  name = "redis:7.2"
}

resource "docker_container" "cache" {
  name  = "cache"
  image = docker_image.cache.image_id
}

resource "docker_image" "app" {
  name = "acme/app:dev"
  build {
    context = "."
  }
}

resource "azurerm_container_group" "hello" {
  name = "hello"
  container {
    name  = "hello"
    image = "mcr.microsoft.com/azuredocs/aci-helloworld:latest"
    cpu   = "0.5"
  }
  init_container {
    name  = "setup"
    image = "busybox:1.36"
  }
}

resource "azurerm_container_app_job" "job" {
  template {
    container {
      name  = "job"
      image = "busybox:stable"
    }
  }
}

resource "kubernetes_deployment_v1" "web" {
  spec {
    template {
      spec {
        container {
          name  = "web"
          image = "nginx:1.27"
        }
      }
    }
  }
}

resource "google_cloud_run_v2_service" "api" {
  template {
    containers {
      image = "us-docker.pkg.dev/cloudrun/container/hello"
    }
  }
}

resource "google_compute_instance" "vm" {
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
}
"""


def test_the_images_of_container_resources_and_no_other_image() -> None:
    found = terraform_module([("infra/main.tf", _MAIN)]).found
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("postgres:15", 7, None),
        ("redis:7.2", 11, None),
        ("mcr.microsoft.com/azuredocs/aci-helloworld:latest", 30, None),
        ("busybox:1.36", 35, None),
        ("busybox:stable", 43, None),
        ("nginx:1.27", 54, None),
        ("us-docker.pkg.dev/cloudrun/container/hello", 64, None),
    ]
    assert {item.kind for item in found} == {"Terraform resource"}
    assert [item.use for item in found][:2] == ["docker_container image", "docker_image name"]


_BUILDERS = """\
resource "docker_buildx_builder" "ci" {
  name   = "ci"
  driver = "docker-container"
  docker_container {
    image = "moby/buildkit:v0.22.0"
  }
}

resource "docker_buildx_builder" "plain" {
  name = "plain"
}

resource "docker_service" "web" {
  name = "web"
  task_spec {
    container_spec {
      image = "traefik/whoami:v1.10"
    }
  }
}

resource "docker_service" "pinned" {
  name = "pinned"
  task_spec {
    container_spec {
      image = docker_image.web.repo_digest
    }
  }
}

resource "docker_network" "net" {
  name = "net"
  docker_container {
    image = "not/an-image-of-a-network:1"
  }
}
"""


def test_the_buildkit_image_of_a_buildx_builder_and_a_swarm_service_image() -> None:
    """The Docker provider's `docker_buildx_builder` runs BuildKit in the `docker_container` block's `image` (the
    docker-container driver), and `docker_service` has Swarm pull its `task_spec.container_spec.image`; a
    `docker_image` attribute there is read at that resource, and a block of that name in another resource is not
    read."""
    found = terraform_module([("test/main.tf", _BUILDERS)]).found
    assert [(item.text, item.line, item.use) for item in found] == [
        ("moby/buildkit:v0.22.0", 5, "docker_buildx_builder docker_container image"),
        ("traefik/whoami:v1.10", 17, "docker_service container_spec image"),
    ]


_LOADED = """\
resource "kubernetes_deployment_v1" "demo" {
  spec {
    template {
      spec {
        init_container {
          name              = "seed"
          image             = "busybox:1.36"
          image_pull_policy = "IfNotPresent"
        }
        container {
          name              = "demo"
          image             = "acme/demo-app:latest"
          image_pull_policy = "Never"
        }
        container {
          name  = "proxy"
          image = "envoyproxy/envoy:v1.31.0"
        }
      }
    }
  }
}
"""


def test_a_kubernetes_container_whose_pull_policy_is_never_is_not_pulled() -> None:
    """The Kubernetes provider's `image_pull_policy` is the container's `imagePullPolicy`; with `Never` the kubelet
    only starts an image the node holds already (loaded into a kind cluster by the demo's script), never pulls it."""
    found = terraform_module([("demo/app.tf", _LOADED)]).found
    assert [(item.text, item.line) for item in found] == [("busybox:1.36", 7), ("envoyproxy/envoy:v1.31.0", 17)]
