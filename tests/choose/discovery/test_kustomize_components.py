"""A Kustomize Component (`kind: Component`) transforms images as a Kustomization does, and a `kustomization.yaml`
that writes its `kind` but not its `apiVersion` is read as kustomize reads it: kustomize defaults the missing
`apiVersion` (`kustomize.config.k8s.io/v1alpha1` for a Component, `v1beta1` for a Kustomization)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in

COMPONENT = """\
kind: Component
images:
- name: image-operator
  newName: quay.io/acme/operator
  newTag: v2.3.1
- name: image-database-16
  newName: docker.io/library/postgres
  newTag: "16.4"
"""

COMPONENT_WITH_VERSION = """\
apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
images:
  - name: redis
    newTag: 7.4.1-alpine
"""

KUSTOMIZATION_WITHOUT_VERSION = """\
kind: Kustomization
resources:
  - manager.yaml
images:
  - name: controller
    newName: ghcr.io/acme/controller
    newTag: "1.9"
"""


def _read(text: str, origin: str) -> list[tuple[str, int | None, str | None]]:
    return [(f.text, f.line, f.problem) for f in images_in(Kind.YAML, text, origin)]


def test_a_component_without_an_api_version_transforms_images() -> None:
    assert _read(COMPONENT, "config/components/images-by-tag/kustomization.yaml") == [
        ("quay.io/acme/operator:v2.3.1", 4, None),
        ("docker.io/library/postgres:16.4", 7, None),
    ]


def test_a_component_with_its_api_version_transforms_images() -> None:
    assert _read(COMPONENT_WITH_VERSION, "deploy/components/cache/kustomization.yaml") == [
        ("redis:7.4.1-alpine", 4, None),
    ]


def test_a_kustomization_without_an_api_version_transforms_images() -> None:
    assert _read(KUSTOMIZATION_WITHOUT_VERSION, "config/manager/kustomization.yaml") == [
        ("ghcr.io/acme/controller:1.9", 6, None),
    ]


def test_a_component_kind_in_a_file_of_another_name_without_an_api_version_is_not_read() -> None:
    assert _read(COMPONENT, "docs/component.yaml") == []
