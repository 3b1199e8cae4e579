"""`ecr-mirror discover` on the manifests held-out set DB (Kubernetes add-ons and Cluster API providers) showed
missed or listed wrongly: the ConfigMaps a Cluster API ClusterResourceSet applies, and an operator's split
`repository`/`image`/`version`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


CLUSTER_TEMPLATE = """\
apiVersion: cluster.x-k8s.io/v1beta1
kind: Cluster
metadata:
  name: "${CLUSTER_NAME}"
  labels:
    ccm: external
---
apiVersion: addons.cluster.x-k8s.io/v1beta1
kind: ClusterResourceSet
metadata:
  name: crs-ccm
spec:
  clusterSelector:
    matchLabels:
      ccm: external
  resources:
  - kind: ConfigMap
    name: cloud-controller-manager-addon
  strategy: ApplyOnce
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cloud-controller-manager-addon
data:
  ccm.yaml: |
    ---
    apiVersion: apps/v1
    kind: DaemonSet
    metadata:
      name: cloud-controller-manager
    spec:
      template:
        spec:
          containers:
            - name: ccm
              image: registry.k8s.io/provider-aws/cloud-controller-manager:${CCM_VERSION:-v1.32.5}
            - name: sidecar
              image: registry.k8s.io/sig-storage/livenessprobe:${PROBE_VERSION}
  notes.txt: |
    image: example/not-a-manifest:1.0
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated-settings
data:
  pod.yaml: |
    apiVersion: v1
    kind: Pod
    metadata:
      name: not-applied
    spec:
      containers:
        - name: x
          image: example/not-applied:1.0
"""


def test_the_configmaps_a_cluster_resource_set_applies_are_read_as_manifests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cluster API's ClusterResourceSet applies the manifests its ConfigMaps hold to each workload cluster it
    selects; clusterctl fills a template's `${NAME:-default}` with the default when NAME is not set. A ConfigMap no
    ClusterResourceSet names is data, and a value that is no manifest is not read."""
    write_tree(tmp_path, {"templates/cluster-template.yaml": CLUSTER_TEMPLATE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    shown = "templates/cluster-template.yaml"
    assert _public(records) == {(shown, 37, "registry.k8s.io/provider-aws/cloud-controller-manager:v1.32.5")}
    unresolved = [(r["file"], r["line"], r["status"]) for r in records if "livenessprobe" in (r["written"] or "")]
    assert unresolved == [(shown, 39, "unresolved")]


GPU_POLICY = """\
apiVersion: nvidia.com/v1
kind: ClusterPolicy
metadata:
  name: cluster-policy
spec:
  operator:
    initContainer:
      repository: nvcr.io/nvidia
      image: cuda
      version: 11.6.1-base-ubi8
  driver:
    repository: example.org/nvidia
    image: driver
    tag: 525.60.13
  toolkit:
    repository: example.org/unused
    image: ghcr.io/example/toolkit:v1.11.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gpu-operator
spec:
  template:
    spec:
      containers:
        - name: gpu-operator
          image: busybox
"""


def test_an_image_name_beside_its_repository_and_version_is_no_reference_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An operator's custom resource that splits its operands' images (`repository`, `image`, `version`: NVIDIA's
    ClusterPolicy) names `cuda`, not `cuda:latest`; a whole reference beside a `repository`, and a container's
    bare `image`, are read."""
    write_tree(tmp_path, {"deploy/gpu-operator.yaml": GPU_POLICY})
    got = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert got == {
        ("deploy/gpu-operator.yaml", 17, "ghcr.io/example/toolkit:v1.11.0"),
        ("deploy/gpu-operator.yaml", 28, "busybox:latest"),
    }
