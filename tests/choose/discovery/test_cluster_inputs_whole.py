"""What a command line hands kubectl, helm or kind, and the images of that YAML, read whole (cluster_inputs.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.cluster_inputs import cluster_yaml_images, handed_files
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError


@pytest.mark.parametrize(
    ("command", "files"),
    [
        ("kind get kubeconfig --config kind.yaml", []),  # only `kind create cluster` reads a config
        ("kind create cluster --config=kind.yaml", ["kind.yaml"]),
        ("kubectl delete -f x.yaml", []),  # a verb that makes no cluster pull
        ("kubectl apply -f a.yaml -- -f b.yaml", ["a.yaml"]),  # after `--`, no options
        ("kubectl apply -f", []),
        ("echo kubectl && kubectl apply -f x.yaml", ["x.yaml"]),
        ("kubectl apply -f a.yaml && kubectl apply -f b.yaml", ["a.yaml", "b.yaml"]),
        ("helm upgrade --install r c --values=v.yaml -fw.yaml", ["v.yaml", "w.yaml"]),
    ],
)
def test_the_files_a_command_hands_a_cluster_tool(command: str, files: list[str]) -> None:
    assert handed_files(command) == files


YAML = """\
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  containers:
    - name: a
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  containers:
    - name: b
      image: redis:7
---
image: ""
sidecar:
  image: envoyproxy/envoy:v1.31
worker:
  image: busybox:1.36
"""


def test_manifests_and_values_documents_in_order() -> None:
    origin = "ci.sh (kubectl apply -f -)"
    assert cluster_yaml_images(YAML, origin) == [
        Found("nginx:1.27", origin, 7, None, "image", "Kubernetes manifest"),
        Found("redis:7", origin, 15, None, "image", "Kubernetes manifest"),
        Found("envoyproxy/envoy:v1.31", origin, 19, None, "image"),  # a blank `image:` gives nothing
        Found("busybox:1.36", origin, 21, None, "image"),
    ]
    with pytest.raises(ConfigError, match=r"^ci\.sh \(kubectl apply -f -\): not valid YAML"):
        cluster_yaml_images("image: [a\n", origin)
