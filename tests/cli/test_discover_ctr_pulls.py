"""`ctr images pull REF` (containerd's CLI, https://github.com/containerd/containerd/blob/main/docs/getting-started.md
"Pulling an image", also `ctr image pull`, `ctr i pull`): the image containerd pulls on the host, read
where the command runs, with the file's own variables; other `ctr` verbs (`images tag`, `images ls`,
`images import`) pull nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/usr/bin/env bash
set -Eeuo pipefail
readonly SEED_IMAGE="alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
seed() {
  ctr images pull --platform linux/amd64 "${SEED_IMAGE}"
  ctr images tag "${SEED_IMAGE}" "127.0.0.1:5000/seed:1.0.0"
  ctr -n k8s.io image pull --all-platforms registry.k8s.io/pause:3.10
  ctr i pull docker.io/library/redis:7.4
  ctr images import /tmp/app.tar
  ctr images ls
  echo "ctr images pull nginx:1.27"
}
"""


def test_the_images_ctr_pulls_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"test/e2e.sh": SCRIPT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(Path(r["file"]).name, r["line"], r["reference"], r["status"]) for r in records} == {
        (
            "e2e.sh",
            5,
            "alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "public",
        ),
        ("e2e.sh", 7, "registry.k8s.io/pause:3.10", "public"),
        ("e2e.sh", 8, "redis:7.4", "public"),
    }
