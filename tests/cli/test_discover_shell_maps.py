"""`ecr-mirror discover` on scripts that keep images in a bash associative array (`declare -A`), keyed by a
version or a platform (set BH: an end-to-end script's kind node images keyed by Kubernetes version): each use of
the array in a command the scripts reader reads is read as some run of the script takes each value; a key written
literally gives that value only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records


def _found(records: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records}


E2E_SCRIPT = """\
#!/usr/bin/env bash
set -euo pipefail
K8S_VERSION=$1
declare -A NODE_IMAGES=(
    [v1.29]="kindest/node:v1.29.14@sha256:8703bd94ee24e51b778d5556ae310c6c0fa67d761fae6379c8e0bb480e6fea29"
    ["v1.30"]=kindest/node:v1.30.10
)
NODE_IMAGES[v1.31]="kindest/node:v1.31.6"
NODE_IMAGES["v1.32"]='kindest/node:v1.32.2'

kind create cluster --name e2e --image "${NODE_IMAGES[$K8S_VERSION]}"
docker pull ${NODE_IMAGES[v1.29]}
for v in "${!NODE_IMAGES[@]}"; do
    image=${NODE_IMAGES[$v]}
    docker pull "${image}"
done
echo "${NODE_IMAGES[v1.30]}"
"""

PLATFORM_SCRIPT = """\
#!/bin/bash
build_on() {
    local -A bases=( [alpine]=alpine:3.20 [debian]=debian:bookworm-slim )
    for base in "${bases[@]}"; do
        docker run --rm "$base" sh -c 'echo ok'
    done
    docker run --rm "${bases[$1]}" true
}
"""


def test_an_associative_array_of_images_is_read_at_each_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    e2e, platform = "hack/e2e.sh", "scripts/platforms.sh"
    got = _found(tree_records({e2e: E2E_SCRIPT, platform: PLATFORM_SCRIPT}, tmp_path, capsys))
    every = {
        "kindest/node:v1.29.14@sha256:8703bd94ee24e51b778d5556ae310c6c0fa67d761fae6379c8e0bb480e6fea29",
        "kindest/node:v1.30.10",
        "kindest/node:v1.31.6",
        "kindest/node:v1.32.2",
    }
    pinned = "kindest/node:v1.29.14@sha256:8703bd94ee24e51b778d5556ae310c6c0fa67d761fae6379c8e0bb480e6fea29"
    assert got == {
        *((e2e, 11, image, "public") for image in every),
        (e2e, 12, pinned, "public"),
        *((e2e, 15, image, "public") for image in every),
        (platform, 5, "alpine:3.20", "public"),
        (platform, 5, "debian:bookworm-slim", "public"),
        (platform, 7, "alpine:3.20", "public"),
        (platform, 7, "debian:bookworm-slim", "public"),
    }


CONCATENATED = """\
#!/bin/bash
REGISTRY=acme/starter
declare -A IMAGES=(
  ["api"]="$REGISTRY"":api-latest"
  ["base"]=$REGISTRY':base-latest'
)
run_container() {
  local IMAGE_NAME
  IMAGE_NAME=${IMAGES[$1]}
  docker run --rm -it "$IMAGE_NAME"
}
run_container "$1"
docker pull "${IMAGES[$2]}"
"""


def test_a_value_written_as_quoted_parts_joined_is_the_whole_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`["api"]="$REGISTRY"":api-latest"`: the shell joins adjacent quoted and unquoted parts into one word
    (https://www.gnu.org/software/bash/manual/bash.html#Quoting), so the value is `acme/starter:api-latest`, never the
    registry alone (`acme/starter`, which would read as `:latest`)."""
    monkeypatch.chdir(tmp_path)
    got = {ref for _, _, ref, _ in _found(tree_records({"tools/run.sh": CONCATENATED}, tmp_path, capsys))}
    assert "acme/starter:latest" not in got
    assert {"acme/starter:api-latest", "acme/starter:base-latest"} <= got
