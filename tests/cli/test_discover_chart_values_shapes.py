"""A chart's own values file (`values.yaml` beside its `Chart.yaml`, or in its `ci/`) is read as the chart's values
whatever keys it holds: Helm gives it to the chart's templates (https://helm.sh/docs/chart_template_guide/
values_files/). A mapping with a `script` (an init container's shell script, `init: {image: busybox, script: |-}`)
does not make it a GitLab CI file, whose reading would take `image:` strings alone, `:latest`, and miss the
chart's `image: {repository, tag}` mappings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "store/Chart.yaml": "apiVersion: v1\nname: store\nversion: 0.2.0\nappVersion: 2.7.1\n",
    "store/values.yaml": (
        "image:\n  repository: acme/store\n  tag: '2.7.1'\n  pullPolicy: IfNotPresent\n"
        "init:\n  image: busybox\n  tag: '1.37'\n  script: |-\n    cp -v /config/* /etc/store/\n"
    ),
    "store/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n"
        "    spec:\n      initContainers:\n        - name: configure\n"
        "          image: {{ .Values.init.image }}:{{ .Values.init.tag }}\n"
        "      containers:\n        - name: store\n"
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n'
    ),
    "ci/.gitlab-ci.yml": "test:\n  image: alpine:3.20\n  script:\n    - make test\n",
}


def test_a_charts_values_with_a_script_key_are_the_charts_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    public = sorted({(r["reference"], r["file"], r["line"], r["kind"]) for r in records if r["status"] == "public"})
    assert public == [
        ("acme/store:2.7.1", "store/values.yaml", 2, "Helm values"),
        ("alpine:3.20", "ci/.gitlab-ci.yml", 2, "GitLab CI file"),
        ("busybox:1.37", "store/values.yaml", 6, "Helm values"),
    ]
