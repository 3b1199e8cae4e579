"""A Makefile variable naming a cluster tool by its path (`KIND ?= $(go_bin)/kind`, the binary a target installs)
stands for that tool where a command runs."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.program_variables import named_programs

MAKEFILE = """\
KIND ?= $(go_bin)/kind
KUBECTL := ./.work/bin/kubectl
NODE ?= v1.31.0
KINDLING ?= $(go_bin)/kindling

cluster: $(KIND)
\t$(KIND) create cluster \\
\t\t--name e2e \\
\t\t--image kindest/node:$(NODE)
\t$(KUBECTL) run probe --image=busybox:1.36 -- true
\t$(KINDLING) create cluster --image acme/not-kind:1

$(KIND):
\tgo install sigs.k8s.io/kind@latest
"""


def test_a_variable_holding_a_path_to_the_tool_is_that_tool() -> None:
    found = kubectl_images(named_programs(MAKEFILE), "Makefile")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("kindest/node:v1.31.0", 7, None),
        ("busybox:1.36", 10, None),
    ]


VERSIONED_MAKEFILE = """\
LOCALBIN ?= $(shell pwd)/bin
KIND_VERSION ?= v0.31.0
KIND_K8S_VERSION ?= v1.35.0
KIND ?= $(LOCALBIN)/kind-$(KIND_VERSION)
KUBECTL ?= $(LOCALBIN)/kubectl-v1.33.0
FAAS ?= $(LOCALBIN)/faas-cli
KINDLING ?= $(LOCALBIN)/kindling-$(KIND_VERSION)

kind-create-cluster: kind
\t$(KIND) create cluster \\
\t\t--image kindest/node:$(KIND_K8S_VERSION)
\t$(KUBECTL) run probe --image=busybox:1.37 -- true
\t$(KINDLING) create cluster --image acme/not-kind:1

kind: $(KIND)
$(KIND): $(LOCALBIN)
\t$(call go-install-tool,$(KIND),sigs.k8s.io/kind,$(KIND_VERSION))
"""


def test_a_path_to_a_versioned_binary_of_the_tool_is_that_tool() -> None:
    # kubebuilder's scaffold installs each tool as `$(LOCALBIN)/NAME-$(VERSION)` (go-install-tool)
    found = kubectl_images(named_programs(VERSIONED_MAKEFILE), "Makefile")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("kindest/node:v1.35.0", 10, None),
        ("busybox:1.37", 12, None),
    ]


RELEASE_BINARY_SCRIPT = """\
#!/bin/bash
ARCH=$(uname -m)
BIN_DIR=${BIN_DIR:-$(mktemp -d)}
curl -LsS https://kind.sigs.k8s.io/dl/v0.24.0/kind-linux-${ARCH} -o ${BIN_DIR}/kind-linux-${ARCH}
"${BIN_DIR}/kind-linux-${ARCH}" create cluster --image kindest/node:v1.30.4 --name e2e
${BIN_DIR}/k3d-darwin-arm64 cluster create --image rancher/k3s:v1.30.4-k3s1
"${BIN_DIR}/kindling-linux-${ARCH}" create cluster --image acme/not-kind:1
"""


def test_a_path_to_a_release_binary_of_the_tool_is_that_tool() -> None:
    # kind's release binaries are named kind-OS-ARCH (https://kind.sigs.k8s.io/docs/user/quick-start/
    # #installing-from-release-binaries), k3d's k3d-OS-ARCH; a script runs one by its path, quoted or not
    found = kubectl_images(named_programs(RELEASE_BINARY_SCRIPT), "hack/e2e.sh")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("kindest/node:v1.30.4", 5, None),
        ("rancher/k3s:v1.30.4-k3s1", 6, None),
    ]


PROVIDER_MAKEFILE = """\
TOOLS_BIN_DIR := hack/tools/bin
KIND := $(TOOLS_BIN_DIR)/kind
KINDLING := $(TOOLS_BIN_DIR)/kindling
CRI_BIN ?= docker

KIND_CMD := $(KIND)
LING_CMD := $(KINDLING)
ifeq (podman,$(notdir $(CRI_BIN)))
KIND_CMD := KIND_EXPERIMENTAL_PROVIDER=podman $(KIND)
LING_CMD := KIND_EXPERIMENTAL_PROVIDER=podman $(KINDLING)
endif

kind-up: | $(KIND)
\t$(KIND_CMD) create cluster --name e2e --image kindest/node:v1.31.2
\t$(LING_CMD) create cluster --image acme/not-kind:1
"""


def test_a_variable_holding_the_path_with_the_environment_first_is_the_tool() -> None:
    # kind runs with Podman when KIND_EXPERIMENTAL_PROVIDER=podman is in its environment
    # (https://kind.sigs.k8s.io/docs/user/rootless/); the assignment only goes into the program's environment
    found = kubectl_images(named_programs(PROVIDER_MAKEFILE), "Makefile")
    assert [(item.text, item.line, item.problem) for item in found] == [("kindest/node:v1.31.2", 14, None)]
