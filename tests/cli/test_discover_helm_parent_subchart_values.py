"""A parent chart's values for a subchart of the tree (under its name, or the alias `requirements.yaml` or
`Chart.yaml`'s `dependencies` give it) are rendered by the subchart's `image:` lines, which Helm renders with them:
`console.image: {repository: admin-console, tag: 1.1.1}` under a template line putting the parent's
`global.dockerRepo` before it is `quay.io/acme/admin-console:1.1.1`, not `admin-console:1.1.1` on Docker Hub; the
branch the parent's values take (`global.multiarch: true`) is the only one rendered."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli import discover_helm_subchart_lines
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

SUBCHART_LINE = (
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: console\n"
    "        {{- if .Values.global.multiarch }}\n"
    '        image: "{{ .Values.global.dockerRepo }}{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n'
    "        {{- else }}\n"
    '        image: "{{ .Values.global.dockerRepo }}{{ .Values.image.repository }}-{{ .Values.arch }}:'
    '{{ .Values.image.tag }}"\n'
    "        {{- end }}\n"
)

TREE = {
    "ema/Chart.yaml": "apiVersion: v1\nname: ema\nversion: 1.1.1\n",
    "ema/requirements.yaml": (
        "dependencies:\n  - name: admin-console\n    alias: console\n    version: 1.1.1\n"
        "    condition: console.enabled\n"
    ),
    "ema/values.yaml": (
        "global:\n  dockerRepo: quay.io/acme/\n  multiarch: true\n"
        "console:\n  arch: amd64\n  enabled: true\n  image:\n    repository: admin-console\n"
        "    tag: 1.1.1\n"
    ),
    "ema/templates/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
    "ema/charts/admin-console/Chart.yaml": "apiVersion: v1\nname: admin-console\nversion: 1.1.1\n",
    "ema/charts/admin-console/values.yaml": "arch: amd64\nimage:\n  repository: admin-console\n  tag: 1.1.1\n",
    "ema/charts/admin-console/templates/deployment.yaml": SUBCHART_LINE,
}


def test_a_parents_values_for_a_subchart_are_rendered_by_its_image_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public")
    assert public == [
        ("quay.io/acme/admin-console:1.1.1", "ema/charts/admin-console/values.yaml", 3),
        ("quay.io/acme/admin-console:1.1.1", "ema/values.yaml", 8),
    ]


def test_a_parents_subcharts_are_read_once_for_all_its_values_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a review found every values file of the parent (its `ci/` ones too) read all its subcharts' templates again
    from ecr_mirror.cli import discover_helm

    calls: list[Path] = []

    def counted(directory: Path, limit: int) -> str:
        calls.append(directory)
        return discover_helm_subchart_lines.subchart_image_lines(directory, limit)

    monkeypatch.setattr(discover_helm, "subchart_image_lines", counted)
    ci = {f"ema/ci/values-{n}.yaml": TREE["ema/values.yaml"] for n in range(5)}
    write_tree(tmp_path, {**TREE, **ci})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {r["reference"] for r in records if r["file"].startswith("ema/ci/")} == {"quay.io/acme/admin-console:1.1.1"}
    assert calls.count(tmp_path / "ema") == 1


HELPERS = """\
{{/* The init container that waits for the database: its own values, not the chart's image line. */}}
{{- define "admin-console.waitForDatabase" -}}
{{- if .Values.waitForDatabase.enabled }}
- name: wait-for-database
{{- end }}
  image: "{{ .Values.waitForDatabase.image.repository }}:{{ .Values.waitForDatabase.image.tag }}"
{{- end -}}
"""


def test_a_subcharts_named_template_holding_an_if_is_left_out_whole(tmp_path: Path) -> None:
    # a review found the `define` cut at the first `{{ end }}`, its `if`'s: the image line after it was read as one
    # of the subchart's own lines
    write_tree(tmp_path, {**TREE, "ema/charts/admin-console/templates/_helpers.tpl": HELPERS})
    lines = discover_helm_subchart_lines.subchart_image_lines(tmp_path / "ema", 100_000)
    assert "waitForDatabase" not in lines
    assert ".Values.console.image.repository" in lines


def test_many_unclosed_defines_in_a_subchart_are_read_in_linear_time(tmp_path: Path) -> None:
    hostile = '{{- define "x" -}}\n{{ if .a }}\n' * 40_000
    write_tree(tmp_path, {**TREE, "ema/charts/admin-console/templates/_helpers.tpl": hostile})
    lines = finishes(discover_helm_subchart_lines.subchart_image_lines, tmp_path / "ema", 10_000_000)
    assert ".Values.console.image.repository" in lines
