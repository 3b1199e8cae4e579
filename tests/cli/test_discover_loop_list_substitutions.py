"""`ecr-mirror discover` on scripts that pre-pull a bash array of images in a loop when one element of the array is
a command substitution (`"$(yq '.image.name' ./chart/values.yaml)"`), as the scripts that create a kind or k3d
cluster for a chart's tests and import the images it needs write them: the literal elements are read once each at
the loop's `docker pull`, the substituted one is known only when the script runs (unresolved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DEV_CLUSTER = """\
#!/usr/bin/env bash
set -euo pipefail

CHART_IMAGE_REGISTRY="example"
CHART_TAG="$(bin/yq '.image.tag' ./chart/values.yaml)"

# Images imported into the cluster when it is created.
NEEDED_IMAGES=(
    "quay.io/example/webhook:v1.2.0"
    "$(bin/yq '.db.image.name' ./chart/values.yaml)"
    "example/operator:v2.1.3"
    "${CHART_IMAGE_REGISTRY}/agent:${CHART_TAG}"
    "bash:latest"
)

import_images() {
    for image in "${NEEDED_IMAGES[@]}"; do
        if ! docker image inspect "$image" >/dev/null 2>&1; then
            docker pull "$image"
        fi
        ./bin/k3d image import "$image" -c "$1"
    done
}
"""

BY_INDEX = """\
#!/usr/bin/env bash
BASES=(
    "$(cat base.txt)"
    "example/base:1.0"
)
for i in "${!BASES[@]}"; do
    docker pull "${BASES[$i]}"
done
"""


def test_the_literal_elements_of_an_array_with_a_command_substitution_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"tests/k3d/dev-cluster.sh": DEV_CLUSTER})
    records = discover_records(tmp_path, monkeypatch, capsys)
    pulled = {(r["file"], r["line"], r["reference"], r["status"]) for r in records if r["line"] == 19}
    assert pulled == {
        ("tests/k3d/dev-cluster.sh", 19, "quay.io/example/webhook:v1.2.0", "public"),
        ("tests/k3d/dev-cluster.sh", 19, "example/operator:v2.1.3", "public"),
        ("tests/k3d/dev-cluster.sh", 19, "bash:latest", "public"),
        ("tests/k3d/dev-cluster.sh", 19, None, "unresolved"),
    }


def test_an_index_loop_over_such_an_array_reads_the_element_at_each_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pull.sh": BY_INDEX})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {
        (7, "example/base:1.0", "public"),
        (7, None, "unresolved"),
    }


SPLIT = """\
#!/usr/bin/env bash
IMAGES=(
    $(cat images.txt)
    "example/base:1.0"
)
for image in "${IMAGES[@]}"; do docker pull "$image"; done
"""


def test_an_unquoted_substitution_splits_into_words_unknown_so_the_array_is_no_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"pull.sh": SPLIT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["line"], r["reference"], r["status"]) for r in records} == {(6, None, "unresolved")}
