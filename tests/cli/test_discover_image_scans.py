"""`ecr-mirror discover` reads the images a script's vulnerability scanner pulls to scan: `trivy image IMAGE`
(https://trivy.dev/latest/docs/target/container_image/: from the local engine, else the registry) and `grype IMAGE`
(https://github.com/anchore/grype#supported-sources: `registry:` and `docker:` sources too). A scan of a tarball
(`trivy image --input`, `grype docker-archive:...`), of a directory or of an image the same text builds pulls
nothing; over a file of names read in a loop (`for image in $$(cat docker.images.list)`), each name."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.image_scans import image_scan_pulls
from tests.support.hang_guard import finishes
from tests.support.trees import tree_rows

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
trivy image --exit-code 1 --severity CRITICAL,HIGH --format json -o out.json quay.io/acme/api:1.4.0
trivy i --ignore-unfixed --scanners=vuln ghcr.io/acme/worker:2.0
trivy --cache-dir /tmp/trivy image redis:7.2
trivy image --input build/app.tar
trivy fs .
grype registry:ghcr.io/acme/proxy:0.9 --fail-on high -o table
grype docker:postgres:16-alpine
grype dir:.
grype docker-archive:build/app.tar
docker build -t acme/local:scan .
trivy image acme/local:scan
echo "trivy image not/run:1"
"""

MAKEFILE = """\
scan:
\t@for image in $$(cat docker.images.list); do echo "Scanning image: " $$image; grype $$image; done;
"""

LIST = "docker.io/traefik:1.7.20\nghcr.io/acme/validator:0.5.4\n"


def test_scanners_pull_the_images_they_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"hack/scan.sh": SCRIPT}, tmp_path, monkeypatch, capsys)
    assert sorted((line, use, reference, status) for _, line, _, use, reference, status in rows) == [
        (3, "trivy image", "quay.io/acme/api:1.4.0", "public"),
        (4, "trivy image", "ghcr.io/acme/worker:2.0", "public"),
        (5, "trivy image", "redis:7.2", "public"),
        (8, "grype", "ghcr.io/acme/proxy:0.9", "public"),
        (9, "grype", "postgres:16-alpine", "public"),
    ]


def test_a_makefile_scans_each_name_of_a_list_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"Makefile": MAKEFILE, "docker.images.list": LIST}, tmp_path, monkeypatch, capsys)
    assert sorted((file, reference, status) for file, _, _, _, reference, status in rows) == [
        ("Makefile", "ghcr.io/acme/validator:0.5.4", "public"),
        ("Makefile", "traefik:1.7.20", "public"),
    ]


def test_image_scan_pulls_stay_linear_on_hostile_input() -> None:
    hostile = "trivy image " + "--severity " * 50_000 + "\n" + "grype " * 10_000
    assert isinstance(finishes(image_scan_pulls, hostile, "scan.sh"), list)
