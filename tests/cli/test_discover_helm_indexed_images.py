"""A chart whose values keep its images as a map of full references, `images: {tags: {api: REF, db_sync: REF}}`,
one of which a named template picks by the key each call passes: `{{ tuple $envAll "api" | include
"toolkit.snippets.image" }}`, the helper binding `$imageTag := index $envAll.Values.images.tags $image` and printing
`image: {{ $imageTag | quote }}` (the shape of OpenStack-Helm's helm-toolkit, an application chart the service charts
depend on by `file://../helm-toolkit`, whose `_*.tpl` named templates Helm compiles with the parent's: template names
are global, https://helm.sh/docs/chart_template_guide/named_templates/)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

IMAGE_HELPER = """\
{{- define "toolkit.snippets.image" -}}
{{- $envAll := index . 0 -}}
{{- $image := index . 1 -}}
{{- $imageTag := index $envAll.Values.images.tags $image -}}
{{- if and ($envAll.Values.images.local_registry.active) (not (has $image $envAll.Values.images.local_registry.x)) -}}
{{- $registryPrefix := printf "%s:%s" "localhost" "5000" -}}
image: {{ printf "%s/%s" $registryPrefix $imageTag | quote }}
{{- else -}}
image: {{ $imageTag | quote }}
{{- end }}
imagePullPolicy: {{ $envAll.Values.images.pull_policy }}
{{- end -}}
"""

DEPLOYMENT = """\
{{- $envAll := . }}
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: api
{{ tuple $envAll "api" | include "toolkit.snippets.image" | indent 10 }}
"""

VALUES = """\
images:
  tags:
    api: quay.io/acme/keystone:2026.1-ubuntu_noble
    db_sync: quay.io/acme/keystone:2026.1-ubuntu_noble
    rabbit_init: docker.io/rabbitmq:4.1-management
    dep_check: quay.io/acme/entrypoint:latest-ubuntu_noble
  pull_policy: IfNotPresent
  local_registry:
    active: false
    exclude:
      - dep_check
"""


def _tree(toolkit_type: str = "application", repository: str = "file://../toolkit") -> dict[str, str]:
    return {
        "toolkit/Chart.yaml": f"apiVersion: v2\nname: toolkit\ntype: {toolkit_type}\nversion: 2026.1.0\n",
        "toolkit/templates/snippets/_image.tpl": IMAGE_HELPER,
        "keystone/Chart.yaml": "apiVersion: v2\nname: keystone\nversion: 2026.1.0\nappVersion: 27.0.0\n"
        f"dependencies:\n  - name: toolkit\n    repository: {repository}\n    version: '>= 0.1.0'\n",
        "keystone/values.yaml": VALUES,
        "keystone/templates/deployment-api.yaml": DEPLOYMENT,
    }


def _records(
    tmp_path: Path, tree: dict[str, str], mp: pytest.MonkeyPatch, cap: pytest.CaptureFixture[str]
) -> dict[tuple[str, int], dict[str, Any]]:
    write_tree(tmp_path, tree)
    return {(r["reference"], r["line"]): r for r in discover_records(tmp_path, mp, cap) if r["status"] == "public"}


def test_each_image_of_a_map_a_helper_indexes_by_the_call_s_key_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    found = _records(tmp_path, _tree(), monkeypatch, capsys)
    assert ("quay.io/acme/keystone:2026.1-ubuntu_noble", 3) in found
    assert ("docker.io/library/rabbitmq:4.1-management", 5) in found or ("rabbitmq:4.1-management", 5) in found
    assert {reference for reference, _ in found} >= {"quay.io/acme/entrypoint:latest-ubuntu_noble"}
    assert found[("quay.io/acme/keystone:2026.1-ubuntu_noble", 3)]["file"] == "keystone/values.yaml"


def test_a_library_helper_in_the_chart_s_own_templates_reads_so_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {k: v for k, v in _tree().items() if not k.startswith("toolkit/")}
    tree["keystone/Chart.yaml"] = "apiVersion: v2\nname: keystone\nversion: 2026.1.0\n"
    tree["keystone/templates/_image.tpl"] = IMAGE_HELPER
    found = {reference for reference, _ in _records(tmp_path, tree, monkeypatch, capsys)}
    assert "quay.io/acme/keystone:2026.1-ubuntu_noble" in found


def test_a_map_no_template_indexes_is_not_read_as_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the same values with a chart whose templates never pick from the map: nothing says its strings are images
    tree = {k: v for k, v in _tree().items() if not k.startswith("toolkit/")}
    tree["keystone/Chart.yaml"] = "apiVersion: v2\nname: keystone\nversion: 2026.1.0\n"
    listed = "kind: ConfigMap\ndata:\n  tags: {{ .Values.images.tags | toJson }}\n"
    tree["keystone/templates/deployment-api.yaml"] = listed
    assert not _records(tmp_path, tree, monkeypatch, capsys)


def test_an_application_dependency_fetched_from_a_repository_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # only a `file://` dependency is the tree's own copy for sure; a library fetched by name keeps its own rule
    tree = _tree(repository="https://charts.acme.io")
    found = {reference for reference, _ in _records(tmp_path, tree, monkeypatch, capsys)}
    assert "quay.io/acme/keystone:2026.1-ubuntu_noble" not in found
