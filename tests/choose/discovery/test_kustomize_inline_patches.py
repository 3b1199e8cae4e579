"""A Kustomization's inline JSON patch (`patches[].patch`, a YAML string) that adds a container to a workload: the
container's image is pulled where the overlay is deployed; a patch that changes other fields names none."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

OVERLAY = """\
resources:
- ../../base
namespace: demo
patches:
- patch: |-
    - op: replace
      path: /spec/template/spec/containers/0/imagePullPolicy
      value: IfNotPresent
  target:
    kind: Deployment
    name: api
- patch: |-
    - op: add
      path: /spec/template/spec/containers/1
      value:
        name: debug-shell
        image: docker.io/nicolaka/netshoot:v0.13
        command: ["sleep", "infinity"]
  target:
    kind: Deployment
    name: api
"""


def test_a_container_an_inline_kustomize_patch_adds_is_read_at_its_line() -> None:
    found = yaml_images(OVERLAY, "deploy/overlays/e2e/kustomization.yaml")
    assert [(item.text, item.line, item.problem) for item in found] == [("docker.io/nicolaka/netshoot:v0.13", 17, None)]
