"""A values file kept below a chart's directory (its examples: `shipper/examples/oss/values.yaml`, installed with
`helm upgrade --install --values values.yaml shipper-oss ../../`) is given to that chart: read over the chart's
`values.yaml` as a `ci/` values file is, so a name it swaps takes the chart's default tag (`image:
acme/shipper-oss` with `imageTag: 8.5.1` from the defaults), not `:latest`. A values file under the
chart's tests is still not read so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "shipper/Chart.yaml": "apiVersion: v2\nname: shipper\nversion: 8.5.1\nappVersion: 8.5.1\n",
    "shipper/values.yaml": 'image: "acme/shipper"\nimageTag: "8.5.1"\nimagePullPolicy: IfNotPresent\n',
    "shipper/templates/daemonset.yaml": (
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n"
        "    spec:\n      containers:\n        - name: shipper\n"
        '          image: "{{ .Values.image }}:{{ .Values.imageTag }}"\n'
        '          imagePullPolicy: "{{ .Values.imagePullPolicy }}"\n'
    ),
    "shipper/examples/oss/values.yaml": "image: acme/shipper-oss\n\nreplicas: 1\n",
    "shipper/examples/oss/Makefile": (
        "RELEASE := shipper-oss\n\ninstall:\n\thelm upgrade --wait --install --values values.yaml $(RELEASE) ../../\n"
    ),
    "shipper/examples/pinned/values.yaml": "imageTag: 8.4.0\n",
}


def test_a_values_file_below_a_chart_is_read_over_its_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    public = sorted({(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"})
    assert public == [
        ("acme/shipper-oss:8.5.1", "shipper/examples/oss/values.yaml", 1),
        ("acme/shipper:8.4.0", "shipper/examples/pinned/values.yaml", 1),
        ("acme/shipper:8.5.1", "shipper/values.yaml", 1),
    ]
