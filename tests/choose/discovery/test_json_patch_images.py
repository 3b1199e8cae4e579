"""A kustomize JSON 6902 patch that sets a container's image (`op: replace`, `path:
/spec/template/spec/containers/0/image`, `value: IMAGE`): in a patch file a Kustomization names by `path:`, and
inline in its `patches:` (json_patch_ops.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.container_specs import container_images
from ecr_mirror.choose.discovery.yaml_sources import yaml_images

PATCH_FILE = """\
- op: replace
  path: /spec/template/spec/containers/0/image
  value: registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1
- op: add
  path: /spec/template/spec/initContainers/1/image
  value: docker.io/acme/init-db:0.4.0
- op: add
  path: /spec/template/spec/containers/0/args/-
  value: --custom-resource-state-config-file
- op: remove
  path: /spec/template/spec/containers/1/image
- op: replace
  path: /spec/template/spec/containers/0/imagePullPolicy
  value: IfNotPresent
- op: test
  path: /spec/template/spec/containers/0/image
  value: acme/old:1.0
- op: replace
  path: /spec/replicas
  value: 3
"""

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
patches:
  - target:
      kind: Deployment
      name: web
    patch: |-
      - op: replace
        path: /spec/template/spec/containers/0/image
        value: ghcr.io/acme/web:2.3.1
"""


def test_a_json_patch_file_that_replaces_or_adds_a_container_image() -> None:
    found = container_images(PATCH_FILE, "config/observability/ksm_deployment_patch.yaml")
    assert [(item.line, item.text, item.use) for item in found] == [
        (3, "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.10.1", "container image (JSON patch)"),
        (6, "docker.io/acme/init-db:0.4.0", "container image (JSON patch)"),
    ]


def test_an_inline_json_patch_of_a_kustomization() -> None:
    found = yaml_images(KUSTOMIZATION, "overlays/prod/kustomization.yaml")
    assert [(item.line, item.text) for item in found if item.problem is None] == [(12, "ghcr.io/acme/web:2.3.1")]
