"""`ecr-mirror discover` reads a script that picks one word of a list in a loop (`for i in ${KIND_IMAGES}; do if
...; then image="$i"; break; fi; done`) and then creates a kind cluster of it: each word is the node image of some
run (kubernetes-csi's release-tools `prow.sh`, its list given by its own defaulting function)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PROW = """\
#!/usr/bin/env bash
configvar () {
    eval : \\$\\{"$1":="\\$2"\\}
    eval echo "\\$3:" "$1=\\${$1}"
}
configvar K8S_VERSION 1.35.1 "Kubernetes"
configvar KIND_IMAGES "kindest/node:v1.35.1@sha256:0f5cc49c5e73c0c2bb6e2df56e7df189240d83cf94edfa30946482eb08ec57d2
kindest/node:v1.34.3@sha256:abd489f042d2b644e2d033f5c2d900bc707798d075e8186cb65e3f1367a9d5a1" "kind images"

start_cluster () {
    local image
    major_minor=$(echo "${K8S_VERSION}" | sed -e 's/^\\([0-9]*\\)\\.\\([0-9]*\\).*/\\1.\\2/')
    for i in ${KIND_IMAGES}; do
        if echo "$i" | grep -q "kindest/node:v${major_minor}"; then
            image="$i"
            break
        fi
    done
    if ! [ "$image" ]; then
        kind build node-image "${WORK}/src/kubernetes" --image local/node:latest
        image="local/node:latest"
    fi
    kind create cluster --name ci --wait 5m --image "$image"
}

rewrite () {
    image=$(echo "$line" | sed -e 's;.*image: *;;')
}
"""


def test_each_word_a_loop_may_pick_is_a_node_image_of_the_cluster_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"release-tools/prow.sh": PROW})
    records = {
        (r["file"], r["line"], r["reference"])
        for r in discover_records(tmp_path, monkeypatch, capsys)
        if r["status"] == "public"
    }
    assert records == {
        (
            "release-tools/prow.sh",
            23,
            "kindest/node:v1.35.1@sha256:0f5cc49c5e73c0c2bb6e2df56e7df189240d83cf94edfa30946482eb08ec57d2",
        ),
        (
            "release-tools/prow.sh",
            23,
            "kindest/node:v1.34.3@sha256:abd489f042d2b644e2d033f5c2d900bc707798d075e8186cb65e3f1367a9d5a1",
        ),
    }
