"""`ecr-mirror discover` on an umbrella chart whose subcharts (in its `charts/` directory) build their images from
`global:` values the parent's `values.yaml` sets (`image: "{{ .Values.global.registry }}/{{ .Values.image.name }}:{{
.Values.global.tag }}"`), and from the values the parent sets under a subchart's name: Helm hands a subchart the
parent's `global:` and those values over its own defaults
(https://helm.sh/docs/chart_template_guide/subcharts_and_globals/). A branch chosen by `contains "/" .Values.x`
is decided by the value. An environment variable's `value:` that joins the `name` of an image's values
(`.Values.agentImage.name`) is an image too. A chart in a `charts/` directory with no chart above it reads its own
values alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

PARENT_CHART = """\
apiVersion: v2
name: fleet
version: 0.0.0
dependencies:
  - name: fleet_api
    version: 0.0.0
    repository: "file://fleet_api"
  - name: fleet_worker
    version: 0.0.0
    repository: "file://fleet_worker"
    alias: worker
"""

PARENT_VALUES = """\
global:
  registry: ghcr.io/acme
  tag: '2.4.1'
  pullPolicy: IfNotPresent
worker:
  sidecar:
    tag: "1.36"
"""

API_VALUES = """\
replicas: 1
# {{ .Values.global.registry }}/{{ .Values.image.name }}:{{ .Values.global.tag }} unless the name has a "/"
image:
  name: "fleet-api"
agentImage:
  name: fleet-agent
audit:
  name: fleet-audit
"""

API_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: fleet-api
spec:
  template:
    spec:
      containers:
      - name: api
{{- if contains "/" .Values.image.name }}
        image: "{{ .Values.image.name }}"
{{- else }}
        image: "{{ .Values.global.registry }}/{{ .Values.image.name }}:{{ .Values.global.tag }}"
{{- end }}
        imagePullPolicy: {{ .Values.global.pullPolicy }}
        env:
        - name: AGENT_IMAGE
          value: "{{ .Values.global.registry }}/{{ .Values.agentImage.name }}:{{ .Values.global.tag }}"
        - name: AUDIT_TOPIC
          value: "{{ .Values.global.registry }}/{{ .Values.audit.name }}"
"""

WORKER_VALUES = """\
global:
  registry: docker.io/acme
  tag: latest
image:
  name: fleet-worker
sidecar:
  repository: busybox
  tag: "1.35"
"""

WORKER_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: fleet-worker
spec:
  template:
    spec:
      containers:
      - name: worker
        image: "{{ .Values.global.registry }}/{{ .Values.image.name }}:{{ .Values.global.tag }}"
      - name: sidecar
        image: "{{ .Values.sidecar.repository }}:{{ .Values.sidecar.tag }}"
"""


def _listed(records: list[dict[str, object]]) -> set[tuple[object, object, object]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


def test_a_subchart_takes_the_parents_globals_and_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "charts/fleet/Chart.yaml": PARENT_CHART,
            "charts/fleet/values.yaml": PARENT_VALUES,
            "charts/fleet/charts/fleet_api/Chart.yaml": "apiVersion: v2\nname: fleet_api\nversion: 0.0.0\n",
            "charts/fleet/charts/fleet_api/values.yaml": API_VALUES,
            "charts/fleet/charts/fleet_api/templates/deployment.yaml": API_DEPLOYMENT,
            "charts/fleet/charts/fleet_worker/Chart.yaml": "apiVersion: v2\nname: fleet_worker\nversion: 0.0.0\n",
            "charts/fleet/charts/fleet_worker/values.yaml": WORKER_VALUES,
            "charts/fleet/charts/fleet_worker/templates/deployment.yaml": WORKER_DEPLOYMENT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    api = "charts/fleet/charts/fleet_api/values.yaml"
    worker = "charts/fleet/charts/fleet_worker/values.yaml"
    # each at the line of the subchart's own value the image is built from; the parent's tag given over the
    # worker's own sidecar tag (the parent's values under the subchart's alias)
    assert _listed(records) == {
        (api, 4, "ghcr.io/acme/fleet-api:2.4.1"),
        (api, 6, "ghcr.io/acme/fleet-agent:2.4.1"),  # an environment variable's value, read for `agentImage.name`
        (worker, 5, "ghcr.io/acme/fleet-worker:2.4.1"),
        (worker, 7, "busybox:1.36"),
    }


def test_a_chart_in_a_charts_directory_with_no_parent_chart_reads_its_own_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            # `deploy/` holds no Chart.yaml: its `values.yaml` is no parent's
            "deploy/values.yaml": PARENT_VALUES,
            "deploy/charts/fleet_worker/Chart.yaml": "apiVersion: v2\nname: fleet_worker\nversion: 0.0.0\n",
            "deploy/charts/fleet_worker/values.yaml": WORKER_VALUES,
            "deploy/charts/fleet_worker/templates/deployment.yaml": WORKER_DEPLOYMENT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    worker = "deploy/charts/fleet_worker/values.yaml"
    assert {r for r in _listed(records) if r[0] == worker} == {
        (worker, 2, "acme/fleet-worker:latest"),
        (worker, 7, "busybox:1.35"),
    }
