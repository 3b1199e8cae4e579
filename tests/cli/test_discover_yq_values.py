"""`ecr-mirror discover` on a value a script reads from a YAML file of the tree with yq (`$(yq .appVersion
charts/stream/Chart.yaml)`, `$(yq e '.image.tag' values.yaml)`; https://mikefarah.gitbook.io/yq/commands/evaluate):
the scalar at that path, as yq prints it, in place of the command substitution."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

COMMON = """\
if [ -z "$STREAM_VERSION" ]; then
    if command -v yq &> /dev/null; then
        STREAM_VERSION=$(yq .appVersion charts/stream/Chart.yaml)
    else
        STREAM_VERSION="4.0.3"
    fi
fi
TOOLS_IMAGE="docker.io/acme/stream:${STREAM_VERSION}"
"""
GENERATE = """\
#!/usr/bin/env bash
source "$(dirname "$0")/common.sh"
docker run --rm "${TOOLS_IMAGE}" bin/stream tokens create
HERE=$(dirname "$0")
SIDECAR_TAG="$(yq e '.sidecar.image.tag' "$HERE/../../charts/stream/values.yaml")"
docker pull "docker.io/acme/sidecar:${SIDECAR_TAG}"
LIST="$(yq -r '.sidecar.ports' charts/stream/values.yaml)"
docker pull "docker.io/acme/ports:${LIST}"
"""
CHART = """\
apiVersion: v2
name: stream
version: 4.2.0
appVersion: "4.0.12"
"""
VALUES = """\
sidecar:
  image:
    tag: v0.9.1
  ports: [80, 443]
"""


def test_a_value_read_with_yq_from_a_yaml_file_of_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {
        "scripts/stream/common.sh": COMMON,
        "scripts/stream/generate.sh": GENERATE,
        "charts/stream/Chart.yaml": CHART,
        "charts/stream/values.yaml": VALUES,
    }
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in tree_records(tree, tmp_path, capsys)}
    assert ("scripts/stream/generate.sh", 3, "acme/stream:4.0.12", "public") in rows
    assert ("scripts/stream/generate.sh", 3, "acme/stream:4.0.3", "public") in rows
    assert ("scripts/stream/generate.sh", 6, "acme/sidecar:v0.9.1", "public") in rows
    # a value that is no scalar is known only when it runs
    assert ("scripts/stream/generate.sh", 8, None, "unresolved") in rows
