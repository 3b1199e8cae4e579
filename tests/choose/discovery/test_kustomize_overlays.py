"""Kustomizations as overlays write them: no `apiVersion`/`kind` header (kustomize defaults both), an `images:`
entry that changes the tag alone, and patch files (`patches[].path`, `patchesStrategicMerge`) whose images the same
Kustomization replaces."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, images_in
from ecr_mirror.choose.discovery.kustomize_names import without_renamed

OVERLAY = """\
resources:
  - ../../base
  - ./worker-deployment.yaml
patches:
  - target:
      kind: Deployment
      name: api
    path: ./api-patch.yaml
patchesStrategicMerge:
  - cron-patch.yaml
images:
  - name: example/api
    newTag: 3.2.1
  - name: example/worker
    newTag: "3.2.1"
"""


def test_a_kustomization_without_its_header_names_the_images_it_deploys() -> None:
    found = images_in(Kind.YAML, OVERLAY, "deploy/overlays/prod/kustomization.yaml")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("example/api:3.2.1", 12, None),
        ("example/worker:3.2.1", 14, None),
    ]


def test_a_headerless_file_of_another_name_is_not_a_kustomization() -> None:
    assert images_in(Kind.YAML, OVERLAY, "deploy/overlays/prod/settings.yaml") == []


def test_images_of_listed_files_and_patches_whose_tag_the_kustomization_replaces_are_not_listed() -> None:
    origin = "deploy/overlays/prod"
    found = [
        Found("example/api:placeholder", f"{origin}/api-patch.yaml", 9, use="image"),
        Found("example/cron:1.0", f"{origin}/cron-patch.yaml", 9, use="image"),
        Found("example/api:placeholder", f"{origin}/cron-patch.yaml", 12, use="image"),
        Found("example/worker:placeholder", f"{origin}/worker-deployment.yaml", 20, use="image"),
        Found("example/api:3.0", "deploy/base/api.yaml", 20, use="image"),
        Found("example/api:3.2.1", f"{origin}/kustomization.yaml", 12, use="images (kustomize)"),
    ]
    kept = without_renamed(found, {f"{origin}/kustomization.yaml": OVERLAY})
    assert [(item.text, item.origin) for item in kept] == [
        ("example/cron:1.0", f"{origin}/cron-patch.yaml"),
        ("example/api:3.0", "deploy/base/api.yaml"),
        ("example/api:3.2.1", f"{origin}/kustomization.yaml"),
    ]


def test_a_file_another_kustomization_lists_without_the_change_keeps_its_image() -> None:
    base = "resources:\n  - api.yaml\n"
    overlay = "resources:\n  - ../base/api.yaml\nimages:\n  - name: example/api\n    newTag: '4'\n"
    found = [Found("example/api:3", "k/base/api.yaml", 5, use="image")]
    texts = {"k/base/kustomization.yaml": base, "k/prod/kustomization.yaml": overlay}
    assert without_renamed(found, texts) == found
