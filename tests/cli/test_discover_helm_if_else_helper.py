"""A chart's named template that gives a value when it is set and one literal image otherwise (`{{- if
.Values.profiler.image -}}` / `{{ .Values.profiler.image }}` / `{{- else -}}` / `acme/profiler:nightly` / `{{- end
-}}`): Go's `if` takes the value's branch when it is not empty (https://pkg.go.dev/text/template#hdr-Actions), as
Sprig's `default` does, so a template's `image:` line calling it is the value, or the literal where the values leave
it empty. A helper testing one value and giving another is decided by the values as Go decides it (helm_line_ifs.py):
`profiler.enabled: false` takes its `else`, `acme/other:1.0`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPERS = """\
{{/*
Return the profiler image (published on Docker Hub only)
*/}}
{{- define "agent.profilerImage" -}}
{{- if .Values.profiler.image -}}
{{ .Values.profiler.image }}
{{- else -}}
acme/profiler-dev:nightly-latest
{{- end -}}
{{- end -}}

{{- define "agent.otherImage" -}}
{{- if .Values.profiler.enabled -}}
{{ .Values.profiler.image }}
{{- else -}}
acme/other:1.0
{{- end -}}
{{- end -}}
"""

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
spec:
  template:
    spec:
      initContainers:
      - name: profiler-init
        image: "{{ include "agent.profilerImage" . }}"
      containers:
      - name: other
        image: "{{ include "agent.otherImage" . }}"
"""


def _tree(values: str) -> dict[str, str]:
    return {
        "charts/agent/Chart.yaml": 'apiVersion: v2\nname: agent\nversion: "3.1.0"\nappVersion: "7.1.0"\n',
        "charts/agent/values.yaml": values,
        "charts/agent/templates/_helpers.tpl": HELPERS,
        "charts/agent/templates/daemonset.yaml": DAEMONSET,
    }


def _listed(
    tmp_path: Path, values: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[tuple[str, int, str]]:
    write_tree(tmp_path, _tree(values))
    records = discover_records(tmp_path, monkeypatch, capsys)
    return sorted((r["file"].rsplit("/", 1)[-1], r["line"], r["reference"]) for r in records if r["status"] == "public")


def test_the_literal_of_the_else_branch_is_the_image_where_the_value_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = 'profiler:\n  enabled: false\n  image: ""\n'
    assert _listed(tmp_path, values, monkeypatch, capsys) == [
        ("daemonset.yaml", 8, "acme/profiler-dev:nightly-latest"),
        ("daemonset.yaml", 11, "acme/other:1.0"),
    ]


def test_a_value_that_is_set_is_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    values = "profiler:\n  enabled: false\n  image: ghcr.io/acme/profiler:2.0.1\n"
    assert ("values.yaml", 3, "ghcr.io/acme/profiler:2.0.1") in _listed(tmp_path, values, monkeypatch, capsys)
    assert ("daemonset.yaml", 8, "acme/profiler-dev:nightly-latest") not in _listed(
        tmp_path, values, monkeypatch, capsys
    )
