"""`ecr-mirror discover` on a Carvel project: kbld's `Config` builds its `sources` (the manifests' `image: NAME`
replaced by what it built) and pushes to its `destinations`, pulling only its `overrides`' new images; kctrl's
`PackageBuild` names the bundle it pushes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: acme-controller
spec:
  template:
    spec:
      containers:
      - name: controller
        image: acme-controller
      - name: proxy
        image: ghcr.io/acme/proxy:v1.2.0
"""

BUILD = """\
#@ load("@ytt:data", "data")
---
apiVersion: kbld.k14s.io/v1alpha1
kind: Config
sources:
- image: acme-controller
  path: .
  docker:
    buildx:
      file: Dockerfile.dev
overrides:
- image: unknown-sidecar
  newImage: docker.io/library/busybox:1.36
---
apiVersion: kbld.k14s.io/v1alpha1
kind: Config
destinations:
- image: acme-controller
  newImage: ghcr.io/acme/controller
"""

OVERLAY = """\
#@ load("@ytt:overlay", "overlay")
#@overlay/match by=overlay.subset({"kind": "Deployment"})
---
spec:
  template:
    spec:
      initContainers:
      - name: init-controller
        image: acme-controller
        command: [/bin/sh, -c, true]
"""

PACKAGE_BUILD = """\
apiVersion: kctrl.carvel.dev/v1alpha1
kind: PackageBuild
metadata:
  name: controller.acme.dev
spec:
  template:
    spec:
      export:
      - imgpkgBundle:
          image: ghcr.io/acme/controller-package-bundle
          useKbldImagesLock: true
        includePaths:
        - config
"""


def test_kbld_sources_are_built_and_its_destinations_and_package_bundles_are_pushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "config/deployment.yml": DEPLOYMENT,
            "config/overlays/init.yml": OVERLAY,
            "config-dev/build.yml": BUILD,
            "package-build.yml": PACKAGE_BUILD,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert listed == {
        ("config/deployment.yml", 12, "ghcr.io/acme/proxy:v1.2.0"),
        ("config-dev/build.yml", 13, "busybox:1.36"),
    }
