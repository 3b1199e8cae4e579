"""A Makefile variable holding the tool a version manager resolves, `KIND=$(shell $(MISE) which kind)` (`mise which`
prints the path of the tool's binary, https://mise.jdx.dev/cli/which.html) or `K3D=$(MISE) exec -- k3d` (`mise exec`
runs it, https://mise.jdx.dev/cli/exec.html; asdf's and aqua's `which` and `exec` the same), stands for that tool
where a recipe runs it, also from a makefile of the same make run (`include mk/dev.mk`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
include mk/tools.mk
include mk/cluster.mk
"""

TOOLS = """\
MISE := $(shell which mise)
KIND=$(shell $(MISE) which kind)
K3D=$(MISE) exec -- k3d
KUBECTL := $(shell asdf which kubectl)
HELM=$(shell $(MISE) which helm)
"""

CLUSTER = """\
include $(dir $(lastword $(MAKEFILE_LIST)))tools.mk

# renovate: depName=kindest/node
KIND_NODE ?= v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5

.PHONY: kind/start
kind/start:
\t$(KIND) create cluster \\
\t\t--name dev \\
\t\t--image=kindest/node:$(KIND_NODE) \\
\t\t--wait 120s

k3d/start:
\t$(K3D) cluster create dev --image rancher/k3s:v1.35.3-k3s1

helm/run:
\t$(HELM) run example/not-a-pull:1
"""


def test_a_tool_a_version_manager_resolves_runs_where_the_variable_starts_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"Makefile": MAKEFILE, "mk/tools.mk": TOOLS, "mk/cluster.mk": CLUSTER}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert {(file, line, reference) for file, line, _, _, reference, _ in rows} == {
        (
            "mk/cluster.mk",
            8,
            "kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5",
        ),
        ("mk/cluster.mk", 14, "rancher/k3s:v1.35.3-k3s1"),
    }
