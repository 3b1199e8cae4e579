"""A manifest's image that the Kustomization listing the file renames (`images: - name: controller, newName: ...`)
or gives another tag is never deployed as written: kustomize replaces it (kubebuilder's `controller:latest`
placeholder)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kustomize_names import without_renamed

KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
- manager.yaml
- ../extra/sidecar.yaml
- https://example.com/remote.yaml
- ../rbac
images:
- name: controller
  newName: ghcr.io/acme/operator
  newTag: v1.4.0
- name: busybox
  newTag: "1.37"
- name: acme/sidecar
  newName: quay.io/acme/sidecar
"""


def test_only_the_replaced_images_of_the_files_a_kustomization_lists_are_dropped() -> None:
    found = [
        Found("controller:latest", "config/manager/manager.yaml", 37, use="image"),
        Found("busybox:1.36", "config/manager/manager.yaml", 50, use="image"),
        Found("acme/sidecar:2", "config/extra/sidecar.yaml", 9, use="image"),
        Found("controller:latest", "config/other/manager.yaml", 12, use="image"),
        Found("ghcr.io/acme/operator:v1.4.0", "config/manager/kustomization.yaml", 10, use="images (kustomize)"),
        Found("controller", "config/manager/Makefile", 3, use="docker run"),
    ]
    texts = {"config/manager/kustomization.yaml": KUSTOMIZATION, "config/manager/manager.yaml": "kind: Deployment\n"}
    assert [(item.text, item.origin) for item in without_renamed(found, texts)] == [
        ("controller:latest", "config/other/manager.yaml"),
        ("ghcr.io/acme/operator:v1.4.0", "config/manager/kustomization.yaml"),
        ("controller", "config/manager/Makefile"),
    ]


def test_a_kustomization_that_is_not_yaml_changes_nothing() -> None:
    found = [Found("controller:latest", "m/manager.yaml", 1, use="image")]
    assert without_renamed(found, {"m/kustomization.yaml": "resources: [manager.yaml\n"}) == found
