"""`ecr-mirror discover` reads the images a registry-sync configuration copies, each source pulled when the sync runs:
regsync's `sync:` entries of `type: image`, kyma's image-syncer `images:` entries, skopeo sync's YAML source (registry
hosts, each with `images: {REPOSITORY: [TAG, ...]}`). A list of another shape (`images:` of strings, a regsync entry of
a whole repository) names none here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

REGSYNC = """\
version: 1
creds:
  - registry: registry.example.org
defaults:
  interval: 60m
sync:
  - source: busybox:1.36
    target: registry.example.org/mirror/busybox:1.36
    type: image
  - source: ghcr.io/acme/tool
    target: registry.example.org/mirror/tool
    type: repository
"""

SYNCER = """\
images:
  - source: "alpine:3.24.1"
  - source: "golang:1.27.0-alpine3.23"
  - source: "python@sha256:02da11a8d221ca167aa07de20b3cd7104c1f01227f4b02b1fa13cf6517280a81"
    tag: "3.14.6-alpine3.23"
"""

SKOPEO = """\
docker.io:
  images:
    library/redis:
      - "7.2"
      - "sha256:0a97eee8041e2b6c0e65abb2700b0705d0da5525ca69060b9e0bde8a3d17afdb"
quay.io:
  tls-verify: true
  images:
    coreos/etcd:
      - v3.5.0
"""

OTHER = "images:\n  - alpine:3.20\n  - busybox\nname: not-a-sync-list\n"


def test_sync_lists_name_the_images_they_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"regsync.yml": REGSYNC, "external-images.yaml": SYNCER, "sync/skopeo.yaml": SKOPEO, "list.yaml": OTHER}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert sorted((file, line, use, reference) for file, line, _, use, reference, _ in rows) == [
        ("external-images.yaml", 2, "image-syncer source", "alpine:3.24.1"),
        ("external-images.yaml", 3, "image-syncer source", "golang:1.27.0-alpine3.23"),
        (
            "external-images.yaml",
            4,
            "image-syncer source",
            "python@sha256:02da11a8d221ca167aa07de20b3cd7104c1f01227f4b02b1fa13cf6517280a81",
        ),
        ("regsync.yml", 7, "regsync source", "busybox:1.36"),
        ("sync/skopeo.yaml", 4, "skopeo sync source", "redis:7.2"),
        (
            "sync/skopeo.yaml",
            5,
            "skopeo sync source",
            "redis@sha256:0a97eee8041e2b6c0e65abb2700b0705d0da5525ca69060b9e0bde8a3d17afdb",
        ),
        ("sync/skopeo.yaml", 10, "skopeo sync source", "quay.io/coreos/etcd:v3.5.0"),
    ]
