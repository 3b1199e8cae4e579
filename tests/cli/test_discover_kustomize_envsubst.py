"""`ecr-mirror discover` reads the manifests a Makefile recipe or a script builds with kustomize, renders with envsubst
and applies (`$(KUSTOMIZE) build $(ROOT)/deploy/overlays/cluster | WIDGET_IMAGE=${IMG} envsubst | kubectl apply -f -`,
`kubectl kustomize DIR | envsubst | kubectl apply -f -`) with the environment the command gives envsubst."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.kustomize_envsubst import kustomize_renderings
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

MAKEFILE = """\
ROOT=$(shell pwd)
TAG ?= latest
ORG ?= acme
IMG ?= quay.io/${ORG}/widget-service:${TAG}
KUSTOMIZE ?= $(ROOT)/bin/kustomize

docker-build:
\tdocker build -t ${IMG} $(ROOT)

docker-push:
\tdocker push ${IMG}

deploy:
\t$(KUSTOMIZE) build $(ROOT)/deploy/overlays/cluster |  WIDGET_IMAGE=${IMG} envsubst | kubectl apply -f -

undeploy:
\t$(KUSTOMIZE) build $(ROOT)/deploy/overlays/other | kubectl delete -f -
"""

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
export SIDECAR_IMAGE=ghcr.io/acme/log-sidecar:1.4.0
kubectl kustomize config/dev | envsubst '${SIDECAR_IMAGE}' | kubectl apply -f -
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  template:
    spec:
      containers:
      - name: {name}
        image: {image}
"""

PATCH = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: widget
spec:
  template:
    spec:
      containers:
      - name: agent
        image: ${WIDGET_IMAGE}
"""

TREE = {
    "Makefile": MAKEFILE,
    "Dockerfile": "FROM golang:1.22\n",
    "deploy/overlays/cluster/kustomization.yaml": (
        "resources:\n- ../../base\n- ../../../other/config/default\npatchesStrategicMerge:\n- agent-patch.yaml\n"
    ),
    "deploy/overlays/cluster/agent-patch.yaml": PATCH,
    "deploy/base/kustomization.yaml": "resources:\n- widget.yaml\n",
    "deploy/base/widget.yaml": DEPLOYMENT.format(name="widget", image="${WIDGET_IMAGE}"),
    "other/config/default/kustomization.yaml": "resources:\n- ../manager\n",
    "other/config/manager/kustomization.yaml": "resources:\n- manager.yaml\n",
    "other/config/manager/manager.yaml": DEPLOYMENT.format(name="manager", image="${WIDGET_IMAGE}"),
    "deploy/overlays/other/kustomization.yaml": "resources:\n- unused.yaml\n",
    "deploy/overlays/other/unused.yaml": DEPLOYMENT.format(name="unused", image="${UNUSED_IMAGE}"),
    "hack/deploy-dev.sh": SCRIPT,
    "hack/config/dev/kustomization.yaml": "resources:\n- sidecar.yaml\n",
    "hack/config/dev/sidecar.yaml": DEPLOYMENT.format(name="sidecar", image="${SIDECAR_IMAGE}"),
}


def test_a_kustomization_rendered_with_envsubst_and_applied_is_read_with_the_commands_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    rendered = {(r["file"], r["line"], r["reference"]) for r in records if "envsubst" in r["use"]}
    assert rendered == {
        ("deploy/base/widget.yaml", 10, "quay.io/acme/widget-service:latest"),
        ("deploy/overlays/cluster/agent-patch.yaml", 10, "quay.io/acme/widget-service:latest"),
        ("other/config/manager/manager.yaml", 10, "quay.io/acme/widget-service:latest"),
        ("hack/config/dev/sidecar.yaml", 10, "ghcr.io/acme/log-sidecar:1.4.0"),
    }
    use = next(r["use"] for r in records if r["file"] == "deploy/base/widget.yaml" and "envsubst" in r["use"])
    assert use == "image (rendered by envsubst at Makefile:14)"
    listed = {r["reference"] for r in records if r["status"] == "public"}
    assert "quay.io/acme/widget-service:latest" in listed  # built, pushed and deployed by its tag: pulled
    assert not any("unused" in (r["reference"] or r["written"]) for r in records if "envsubst" in r["use"])


def test_the_pipelines_are_found_with_their_values_as_written() -> None:
    found = kustomize_renderings(MAKEFILE + SCRIPT.replace("#!/usr/bin/env bash", ""))
    assert [(r.line, r.directory, r.given, r.names) for r in found] == [
        (14, "$(ROOT)/deploy/overlays/cluster", (("WIDGET_IMAGE", "${IMG}"),), None),
        (21, "config/dev", (), frozenset({"SIDECAR_IMAGE"})),
    ]


def test_a_huge_unclosed_pipeline_stays_linear() -> None:
    text = "kustomize build " + "a/" * 200_000 + " | A=" + '"' * 50_000 + " envsubst " + "| kubectl" * 50_000
    assert finishes(kustomize_renderings, text) == []
    many = "kustomize build d | envsubst " * 30_000 + "| kubectl apply -f -" * 30_000  # one line, many stages
    assert len(finishes(kustomize_renderings, many)) == 1
