"""A loop's body command written over continuation lines with the loop's variable on a later line (a release script's
`$CONTAINER_RUNTIME run --rm -t \\` / `-e ... \\` / `"$IMAGE" \\` / `sh -c "..."` over an array of distributions)
is one command per word: each word's image is pulled, at the command's first line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

SCRIPT = """\
#!/bin/bash
set -eux
CONTAINER_RUNTIME=${CONTAINER_RUNTIME:-docker}
EXTRA_MOUNTS=""
if [ -n "${INSTALL_SH:-}" ]; then
    EXTRA_MOUNTS="-v $INSTALL_SH:/install.sh:ro"
fi

APT_TARGETS=(
\t"ubuntu:22.04"
    "debian:11"
\t"debian:12"
)

for IMAGE in "${APT_TARGETS[@]}"
do
    echo "Testing $IMAGE"
    # shellcheck disable=SC2086
    $CONTAINER_RUNTIME run --rm -t \\
        -e PACKAGES_URL="${PACKAGES_URL:-https://packages.example.com}" \\
        $EXTRA_MOUNTS \\
        "$IMAGE" \\
        sh -c "apt-get update && apt-get install -y example --version" | tee "$LOG_FILE"
    rm -f "$LOG_FILE"
done

for release in 3.19 3.20; do
  docker run --rm \\
    alpine:$release \\
    true
done
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str]]:
    return {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records}


def test_each_word_of_a_loop_is_the_image_of_a_command_continued_over_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"packaging/test-release-packages.sh": SCRIPT}, tmp_path, capsys)
    assert _seen(records) == {
        ("packaging/test-release-packages.sh", 19, "ubuntu:22.04", "public"),
        ("packaging/test-release-packages.sh", 19, "debian:11", "public"),
        ("packaging/test-release-packages.sh", 19, "debian:12", "public"),
        ("packaging/test-release-packages.sh", 28, "alpine:3.19", "public"),
        ("packaging/test-release-packages.sh", 28, "alpine:3.20", "public"),
    }
