"""`ecr-mirror discover` on a chart whose controller is told the images it starts through environment variables its
Deployment template builds from the values (`- name: KAFKA_IMAGE` / `value: "{{ .Values.connectors.kafka.image
}}:{{ .Values.connectors.kafka.tag }}"`): the image is the one the line renders, not the bare `image:` string."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

VALUES = """\
logLevel: info
pullPolicy: IfNotPresent
connectors:
  kafka:
    image: ghcr.io/example/kafka-connector
    tag: v0.20
  redis:
    image: ghcr.io/example/redis-connector
    tag: "0.10"
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-trigger
spec:
  template:
    spec:
      containers:
        - name: trigger
          image: "ghcr.io/example/trigger:{{ .Chart.AppVersion }}"
          env:
            - name: LOG_LEVEL
              value: "{{ .Values.logLevel }}"
            - name: CONNECTOR_IMAGE_PULL_POLICY
              value: {{ .Values.pullPolicy | quote }}
            - name: KAFKA_IMAGE
              value: "{{ .Values.connectors.kafka.image }}:{{ .Values.connectors.kafka.tag }}"
            - name: REDIS_IMAGE
              value: "{{ .Values.connectors.redis.image }}:{{ .Values.connectors.redis.tag }}"
"""


def test_an_env_value_built_from_an_image_and_its_tag_is_that_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: trigger\nversion: 0.3.0\nappVersion: 1.4.0\n",
            "chart/values.yaml": VALUES,
            "chart/templates/deployment.yaml": DEPLOYMENT,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}
    assert listed == {
        ("chart/templates/deployment.yaml", 10, "ghcr.io/example/trigger:1.4.0"),  # the chart's own, its appVersion
        ("chart/values.yaml", 5, "ghcr.io/example/kafka-connector:v0.20"),
        ("chart/values.yaml", 8, "ghcr.io/example/redis-connector:0.10"),
    }


HELPER_VALUES = """\
repository: ghcr.io
image: acme/bundle
imageTag: v1.27.0
fetcher:
  image: acme/fetcher
  imageTag: v1.27.0
"""

HELPERS = """\
{{- define "imageWithTag" -}}
{{- $repository := index . 0 -}}
{{- $image := index . 1 -}}
{{- $tag := index . 2 -}}
{{- printf "%s/%s:%s" $repository $image $tag -}}
{{- end -}}
{{- define "bundleImage" -}}
{{- include "imageWithTag" (list .Values.repository .Values.image .Values.imageTag) -}}
{{- end -}}
"""


def test_a_bare_image_string_beside_its_tag_is_not_taken_as_latest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            # the fetcher's values are a subchart's, which its own templates read
            "chart/Chart.yaml": "apiVersion: v2\nname: bundle\nversion: 1.27.0\ndependencies:\n  - name: fetcher\n",
            "chart/values.yaml": HELPER_VALUES,
            "chart/templates/_helpers.tpl": HELPERS,
            "chart/templates/deployment.yaml": DEPLOYMENT.replace(
                '"ghcr.io/example/trigger:{{ .Chart.AppVersion }}"', '{{ include "bundleImage" . | quote }}'
            ),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    by_line = {(r["line"], r["written"], r["status"]) for r in records if r["file"] == "chart/values.yaml"}
    assert (2, "acme/bundle", "unresolved") in by_line
    assert (5, "acme/fetcher", "unresolved") in by_line
    assert not [r for r in records if r["status"] == "public"]
