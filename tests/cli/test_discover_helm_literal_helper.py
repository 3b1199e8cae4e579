"""A chart's named template whose body is one literal image, no action in it (`{{- define "x.kubectlImage" -}}` /
`registry.k8s.io/kubectl:v1.31.2` / `{{- end -}}`), called by a template's `image:` line given the top context
(`image: {{ include "x.kubectlImage" . }}`): the line renders as that image whatever the values, listed at the
template's line. A body of two words, or one a call gives another context (`include "x.image" .Values.hook`), is
not read so: such lines stay template expressions, which a chart's templates do not list."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPERS = """\
{{/*
Kubectl image used by the hooks.
*/}}
{{- define "populator.kubectlImage" -}}
registry.k8s.io/kubectl:v1.31.2
{{- end -}}

{{- define "populator.banner" -}}
made by acme
{{- end -}}

{{- define "populator.hookImage" -}}
bitnami/kubectl:1.30
{{- end -}}
"""

HOOK = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ .Release.Name }}-setup
spec:
  template:
    spec:
      containers:
      - name: kubectl-apply
        image: {{ include "populator.kubectlImage" . }}
        command: [kubectl, apply, -f, /manifests]
      - name: banner
        image: {{ include "populator.banner" . }}
      - name: other
        image: {{ include "populator.hookImage" .Values.hook }}
"""

TREE = {
    "charts/populator/Chart.yaml": 'apiVersion: v2\nname: populator\nversion: "0.1.0"\nappVersion: "v0.1.0"\n',
    "charts/populator/values.yaml": "hook:\n  enabled: true\n",
    "charts/populator/templates/_helpers.tpl": HELPERS,
    "charts/populator/templates/setup-hook.yaml": HOOK,
}


def test_a_named_template_holding_one_literal_image_is_that_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    hook = "charts/populator/templates/setup-hook.yaml"
    assert sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records if r["file"] == hook) == [
        (hook, 10, "registry.k8s.io/kubectl:v1.31.2", "public"),
    ]
