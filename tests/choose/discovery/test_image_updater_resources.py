"""Custom resources whose images are not pulled: Argo CD Image Updater's `ImageUpdater` names images to track."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, images_in


def test_argocd_image_updater_resources_name_images_to_track_not_to_pull() -> None:
    """An ImageUpdater's `imageName` is an image whose registry the updater polls for a newer tag within a constraint
    (`1.x`, `~1.0`); what a cluster pulls is the workload's image the updater then writes."""
    text = """\
apiVersion: argocd-image-updater.argoproj.io/v1alpha1
kind: ImageUpdater
metadata:
  name: guestbook-updater
spec:
  applicationRefs:
    - namePattern: "guestbook-*"
      images:
        - alias: web
          imageName: ghcr.io/acme/guestbook:1.0.0
          commonUpdateSettings:
            updateStrategy: semver
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: ghcr.io/acme/guestbook:1.0.3
"""
    found = images_in(Kind.YAML, text, "apps/guestbook/image-updater.yaml")
    assert [(f.text, f.line) for f in found] == [("ghcr.io/acme/guestbook:1.0.3", 21)]
