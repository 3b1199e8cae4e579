"""`ecr-mirror discover` reads the YAML files a shell script hands a tool under another name: a file it copies in as
a directory's `kustomization.yaml` (kustomize reads that name, https://kubectl.docs.kubernetes.io/references/
kustomize/glossary/#kustomization-root) is a Kustomization, its `images:` entries read; a file it gives `helm
install|upgrade|template -f` (https://helm.sh/docs/helm/helm_install/: "-f, --values") is the values of that chart,
read as a values file of a chart elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

INSTALL_DEMO = """\
#!/usr/bin/env bash
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SAMPLES_DIR="${SAMPLES_DIR:-/tmp/samples}"

if [ "${ARCH}" == "s390x" ]; then
  cp ${SCRIPT_DIR}/overlays/shop-s390x.yaml ${SAMPLES_DIR}/shop/kustomization.yaml
  kubectl kustomize ${SAMPLES_DIR}/shop > ${SAMPLES_DIR}/shop/shop-s390x.yaml
fi
kubectl apply -f ${SAMPLES_DIR}/shop/shop-s390x.yaml
"""

OVERLAY = """\
resources:
- shop.yaml
images:
- name: docker.io/acme/shop-frontend
  newName: quay.io/acme-ibm/shop-frontend
  newTag: 2.1.0-ibm
- name: docker.io/acme/shop-cart
  newName: quay.io/acme-ibm/shop-cart
  newTag: 2.1.0-ibm
"""

UNCOPIED = """\
resources:
- shop.yaml
images:
- name: docker.io/acme/shop-frontend
  newName: quay.io/acme-ibm/shop-frontend
  newTag: 9.9.9
"""


def _rows(records: list[dict[str, object]], name: str) -> set[tuple[object, ...]]:
    return {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == name}


def test_a_file_a_script_copies_in_as_kustomization_yaml_is_a_kustomization(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "hack/install-demo.sh": INSTALL_DEMO,
        "hack/overlays/shop-s390x.yaml": OVERLAY,
        "hack/overlays/shop-ppc64le.yaml": UNCOPIED,  # near shape: no script copies it in, so it is not one
    }
    records = tree_records(tree, tmp_path, capsys)
    assert _rows(records, "hack/overlays/shop-s390x.yaml") == {
        ("hack/overlays/shop-s390x.yaml", 5, "quay.io/acme-ibm/shop-frontend:2.1.0-ibm", "public"),
        ("hack/overlays/shop-s390x.yaml", 8, "quay.io/acme-ibm/shop-cart:2.1.0-ibm", "public"),
    }
    assert _rows(records, "hack/overlays/shop-ppc64le.yaml") == set()


INSTALL_MONITORING = """\
#!/bin/bash
set -euo pipefail
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" > /dev/null && pwd)"
kubectl create namespace monitoring
helm --namespace monitoring install prometheus prometheus-community/kube-prometheus-stack -f "${DIR}"/overrides.yaml
helm lint ./charts/app -f "${DIR}"/lint-only.yaml
"""

OVERRIDES = """\
alertmanager:
  alertmanagerSpec:
    image:
      registry: quay.io
      repository: prometheus/alertmanager
      tag: v0.25.0
prometheusOperator:
  image:
    registry: quay.io
    repository: prometheus-operator/prometheus-operator
    tag: ""
"""

LINT_ONLY = """\
image:
  registry: quay.io
  repository: acme/linted
  tag: v1.0.0
"""


def test_a_file_a_script_gives_helm_install_with_f_is_read_as_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "install/monitoring/install.sh": INSTALL_MONITORING,
        "install/monitoring/overrides.yaml": OVERRIDES,
        "install/monitoring/lint-only.yaml": LINT_ONLY,  # near shape: `helm lint` installs nothing
    }
    records = tree_records(tree, tmp_path, capsys)
    assert _rows(records, "install/monitoring/overrides.yaml") == {
        ("install/monitoring/overrides.yaml", 5, "quay.io/prometheus/alertmanager:v0.25.0", "public"),
        ("install/monitoring/overrides.yaml", 10, None, "unresolved"),
    }
    assert _rows(records, "install/monitoring/lint-only.yaml") == set()
