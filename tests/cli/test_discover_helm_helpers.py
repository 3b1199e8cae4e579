"""`ecr-mirror discover` on a chart whose named templates read the values through a variable bound to the top
context (openmeter's init containers: `{{- $global := index . 0 -}}` then `image: "busybox:{{
$global.Values.init.busybox.tag }}"`, the template included as `include "chart.init" (list .)`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

HELPERS = """\
{{- define "meter.init.postgres" -}}
{{- $global := index . 0 -}}
- name: init-postgres
  image: "busybox:{{ $global.Values.init.busybox.tag }}"
  command: ["sh", "-c", "until nc -z db 5432; do sleep 1; done"]
{{- end }}
{{- define "meter.init.cache" -}}
{{- $root := index . 0 -}}
- name: init-cache
  image: "{{ $root.Values.init.cache.image }}:{{ $root.Values.init.cache.version }}"
{{- end }}
"""

TREE = {
    "charts/meter/Chart.yaml": "apiVersion: v2\nname: meter\nversion: 1.2.0\nappVersion: v1.2.0\n",
    "charts/meter/values.yaml": (
        'init:\n  busybox:\n    tag: "1.37.0"\n  cache:\n    image: docker.io/library/redis\n    version: 7.4.7\n'
    ),
    "charts/meter/templates/_helpers.tpl": HELPERS,
    "charts/meter/templates/deployment.yaml": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n"
        '    spec:\n      initContainers:\n        {{- include "meter.init.postgres" (list .) | nindent 8 }}\n'
        '        {{- include "meter.init.cache" (list .) | nindent 8 }}\n'
    ),
}


def test_values_read_through_a_variable_bound_to_the_top_context_render_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    listed = {(r["file"], r["line"], r["reference"]) for r in json.loads(out) if r["status"] == "public"}
    assert listed == {
        ("charts/meter/values.yaml", 3, "busybox:1.37.0"),
        ("charts/meter/values.yaml", 5, "redis:7.4.7"),
    }
