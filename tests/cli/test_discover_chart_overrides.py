"""`ecr-mirror discover` on a chart whose CI values set only the image tags (chart-testing's `ci/*-values.yaml`,
merged by Helm over the chart's `values.yaml`), and whose image helper is passed the appVersion under a key of its
own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "deploy/charts/ops/Chart.yaml": 'apiVersion: v2\nname: ops\nversion: "2.9.0"\nappVersion: "v2.9.0"\n',
    "deploy/charts/ops/values.yaml": (
        'image:\n  repository: ghcr.io/acme/ops\n  pullPolicy: IfNotPresent\n  tag: ""\n'
        'webhook:\n  image:\n    repository: ghcr.io/acme/ops\n    tag: ""\n'
    ),
    "deploy/charts/ops/ci/main-values.yaml": "image:\n  tag: main\n\nwebhook:\n  image:\n    tag: main\n",
    "deploy/charts/ops/templates/_helpers.tpl": (
        '{{- define "ops.image" -}}\n'
        '{{ printf "%s:%s" .image.repository (.image.tag | default .chartAppVersion) }}\n'
        "{{- end }}\n"
    ),
    "deploy/charts/ops/templates/deployment.yaml": (
        "containers:\n- name: ops\n"
        '  image: {{ include "ops.image" (dict "chartAppVersion" .Chart.AppVersion "image" .Values.image) }}\n'
        "- name: webhook\n"
        '  image: {{ include "ops.image" (dict "chartAppVersion" .Chart.AppVersion "image" .Values.webhook.image) }}\n'
    ),
}


def test_ci_values_setting_a_tag_and_a_passed_app_version_name_the_charts_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"} == {
        ("deploy/charts/ops/values.yaml", 2, "ghcr.io/acme/ops:v2.9.0"),
        ("deploy/charts/ops/values.yaml", 7, "ghcr.io/acme/ops:v2.9.0"),
        ("deploy/charts/ops/ci/main-values.yaml", 2, "ghcr.io/acme/ops:main"),
        ("deploy/charts/ops/ci/main-values.yaml", 6, "ghcr.io/acme/ops:main"),
    }
