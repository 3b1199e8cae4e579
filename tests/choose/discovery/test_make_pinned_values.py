"""The images a makefile pins by digest in its variables, at their assignments (make_pinned_values.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.make_pinned_values import pinned_make_values

AMD = "@sha256:" + "a1" * 32
ARM = "@sha256:" + "b2" * 32

IMAGES_MK = f"""\
# renovate: datasource=docker depName=docker.io/library/redis
redis_version := 7.4.1

IMAGE_redis_amd64 := docker.io/library/redis:$(redis_version){AMD}
IMAGE_redis_arm64 := docker.io/library/redis:$(redis_version){ARM}  # the arm64 runners'
export BASE_static ?= "quay.io/acme/base-static{AMD}"
ifeq ($(K8S),1.31)
\tNODE_IMAGE = kindest/node:v1.31.4{ARM}
endif
preload += ghcr.io/acme/operator:v2.0.1{AMD} ghcr.io/acme/webhook:v2.0.1{ARM}
"""


def test_each_digest_pinned_value_is_listed_at_its_assignment() -> None:
    found = pinned_make_values(IMAGES_MK, "make/images.mk")
    assert [(item.text, item.line, item.use) for item in found] == [
        (f"docker.io/library/redis:7.4.1{AMD}", 4, "pinned image (IMAGE_redis_amd64)"),
        (f"docker.io/library/redis:7.4.1{ARM}", 5, "pinned image (IMAGE_redis_arm64)"),
        (f"quay.io/acme/base-static{AMD}", 6, "pinned image (BASE_static)"),
        (f"kindest/node:v1.31.4{ARM}", 8, "pinned image (NODE_IMAGE)"),
        (f"ghcr.io/acme/operator:v2.0.1{AMD}", 10, "pinned image (preload)"),
        (f"ghcr.io/acme/webhook:v2.0.1{ARM}", 10, "pinned image (preload)"),
    ]
    assert {item.origin for item in found} == {"make/images.mk"}


def test_values_of_another_shape_are_not_images() -> None:
    text = (
        # a tool's version with its image's digest, joined to the name elsewhere
        f"SPELLCHECK_VERSION ?= 0.63.0{AMD}\n"
        # a tag alone: an image built or pushed here as well as one pulled
        "IMG ?= ghcr.io/acme/operator:v2.0.1\n"
        # a command, not one reference
        f"LINT = docker run --rm golangci/golangci-lint:v1.61.0{AMD} golangci-lint run\n"
        # a reference of an unknown value
        f"KIND_IMAGE := kindest/node:$(KIND_TAG){AMD}\n"
        # a recipe line
        f"pull:\n\tcrane pull ghcr.io/acme/operator:v2.0.1{AMD} op.tar\n"
    )
    assert pinned_make_values(text, "Makefile") == []
