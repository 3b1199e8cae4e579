"""`ecr-mirror discover` reads the `RELATED_IMAGE_*` environment variables a `docker run` gives an operator: the
images the operator deploys (Operator Lifecycle Manager's convention, read in manifests too), pulled by the cluster
it manages whatever image runs the operator itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records

SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
make build-operator
docker run --detach --network host \\
  --env 'KUBECONFIG=/mnt/kubeconfig' \\
  --env 'RELATED_IMAGE_DATABASE=quay.io/acme/database:16.4-1' \\
  -e RELATED_IMAGE_BACKUP=quay.io/acme/backup:2.5 \\
  --env=RELATED_IMAGE_NAME=backup-pods \\
  --name operator ghcr.io/acme/operator:dev
"""


def test_related_images_given_to_a_docker_run_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "hack").mkdir()
    (tmp_path / "hack/run-operator.sh").write_text(SCRIPT)
    records = [
        (r["file"], r["line"], r["use"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("hack/run-operator.sh", 4, "docker run", "ghcr.io/acme/operator:dev"),
        ("hack/run-operator.sh", 4, "docker run --env RELATED_IMAGE_DATABASE", "quay.io/acme/database:16.4-1"),
        ("hack/run-operator.sh", 4, "docker run --env RELATED_IMAGE_BACKUP", "quay.io/acme/backup:2.5"),
    ]
