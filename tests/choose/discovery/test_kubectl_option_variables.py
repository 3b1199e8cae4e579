"""A cluster tool's options kept in a variable (`KIND_IMAGE_FLAG := --image $(KIND_IMAGE)`, then `$(KIND) create
cluster $(KIND_IMAGE_FLAG)`) are the command's options: make writes the value into the recipe line before the shell
splits it (https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html), and the shell splits an
unquoted expansion into words (https://www.gnu.org/software/bash/manual/html_node/Word-Splitting.html)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images

MAKEFILE = """\
KIND_IMAGE ?= kindest/node:v1.30.2
CLUSTER ?= e2e

ifneq (,$(strip $(KIND_IMAGE)))
KIND_IMAGE_FLAG := --image $(KIND_IMAGE)
endif

kind-up:
\tkind create cluster --name "$(CLUSTER)" $(KIND_IMAGE_FLAG)
"""


def test_a_make_variable_of_options_is_read_as_the_options() -> None:
    found = kubectl_images(MAKEFILE, "Makefile")
    assert [(item.text, item.line, item.problem) for item in found] == [("kindest/node:v1.30.2", 9, None)]


SCRIPT = """\
#!/usr/bin/env bash
NODE_IMAGE="${NODE_IMAGE:-kindest/node:v1.29.4}"
CREATE_ARGS="--image ${NODE_IMAGE} --wait 5m"
NAME_ONLY="demo"
kind create cluster $CREATE_ARGS
kind create cluster --name ${NAME_ONLY}
kubectl run probe ${NAME_ONLY} --image=busybox:1.36
"""


def test_a_script_variable_of_options_is_read_as_the_options() -> None:
    found = kubectl_images(SCRIPT, "hack/up.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("kindest/node:v1.29.4", 5, None),
        ("busybox:1.36", 7, None),
    ]
