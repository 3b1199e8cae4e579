"""Manifests written as Go text/templates (`task-build.yaml.tmpl`) that a Go program embeds in its binary with
`//go:embed` and renders to apply: read like other manifest templates, their literal images listed, one with a
template action unresolved; a template no program embeds (a test's input) is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TASKS = """\
package tekton

import _ "embed"

var (
\t//go:embed task-build.yaml.tmpl
\tbuildTaskTemplate string
\t//go:embed "templates/*.yml.tpl"
\tothers string
)
"""

TASK = """\
apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: acme-build
spec:
  steps:
    - name: scaffold
      image: '{{.ScaffoldImage}}'
    - name: prepare
      image: docker.io/library/bash:5.2
    - name: build
      image: quay.io/buildah/stable:v1.38.0
"""

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Name }}
spec:
  template:
    spec:
      containers:
      {{- range .Containers }}
      - name: echo
        image: "hashicorp/http-echo:1.0"
      {{- end }}
"""


def test_embedded_manifest_templates_list_their_literal_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "pkg/tekton/tasks.go": TASKS,
            "pkg/tekton/task-build.yaml.tmpl": TASK,
            "pkg/tekton/templates/echo.yml.tpl": DEPLOY,
            "test/e2e/config/deploy.yaml.tmpl": DEPLOY.replace("hashicorp/http-echo:1.0", "acme/only-a-test:1"),
        },
    )
    records = {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }
    assert ("pkg/tekton/task-build.yaml.tmpl", 10, "bash:5.2", "public") in records
    assert ("pkg/tekton/task-build.yaml.tmpl", 12, "quay.io/buildah/stable:v1.38.0", "public") in records
    assert ("pkg/tekton/templates/echo.yml.tpl", 11, "hashicorp/http-echo:1.0", "public") in records
    [templated] = [r for r in records if r[0] == "pkg/tekton/task-build.yaml.tmpl" and r[1] == 8]
    assert templated[3] == "unresolved"
    assert not [r for r in records if r[0].startswith("test/")]
