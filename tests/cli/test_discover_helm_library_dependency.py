"""A chart that depends on a library chart kept elsewhere in the same repository (`dependencies: [{name:
common-library, version: 2.3.3, repository: "https://charts.acme.io"}]`, the library's `Chart.yaml` saying `type:
library` and that version): Helm makes a dependency's named templates the chart's own, and a library's run in the
calling chart's context (https://helm.sh/docs/topics/library_charts/), so the library's `_images.tpl` says how the
chart's empty tags default (`.imageRoot.tag | default .context.Chart.AppVersion`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

LIBRARY_IMAGES = """\
{{- define "acme.common.images.image" -}}
{{- $repositoryName := include "acme.common.images.repository" .imageRoot -}}
{{- $tag := include "acme.common.images.tag" ( dict "imageRoot" .imageRoot "context" .context) -}}
{{- printf "%s:%s" $repositoryName $tag | quote -}}
{{- end -}}

{{- define "acme.common.images.repository" -}}
    {{- .repository -}}
{{- end -}}

{{- define "acme.common.images.tag" -}}
    {{- .imageRoot.tag | default .context.Chart.AppVersion | toString -}}
{{- end -}}
"""

DAEMONSET = """\
apiVersion: apps/v1
kind: DaemonSet
spec:
  template:
    spec:
      containers:
        - name: forwarder
          image: {{ include "acme.common.images.image" ( dict "imageRoot" .Values.image "context" .) }}
"""


def _tree(dependency_version: str, library_type: str = "library") -> dict[str, str]:
    return {
        "library/common-library/Chart.yaml": f"apiVersion: v2\nname: common-library\ntype: {library_type}\n"
        "version: 2.3.3\n",
        "library/common-library/templates/_images.tpl": LIBRARY_IMAGES,
        "charts/log-forwarder/Chart.yaml": "apiVersion: v2\nname: log-forwarder\nversion: 1.4.0\nappVersion: 3.8.0\n"
        "dependencies:\n  - name: common-library\n"
        f"    version: {dependency_version}\n    repository: https://charts.acme.io\n",
        "charts/log-forwarder/values.yaml": "image:\n  repository: acme/log-forwarder\n  tag: ''\n",
        "charts/log-forwarder/templates/daemonset.yaml": DAEMONSET,
    }


def _public(tmp_path: Path, tree: dict[str, str], mp: pytest.MonkeyPatch, cap: pytest.CaptureFixture[str]) -> set[str]:
    write_tree(tmp_path, tree)
    return {r["reference"] for r in discover_records(tmp_path, mp, cap) if r["status"] == "public"}


def test_the_library_s_templates_give_the_empty_tag_the_chart_s_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "acme/log-forwarder:3.8.0" in _public(tmp_path, _tree("2.3.3"), monkeypatch, capsys)


def test_a_version_range_the_library_satisfies_reads_it_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "acme/log-forwarder:3.8.0" in _public(tmp_path, _tree("2.x.x"), monkeypatch, capsys)


def test_another_version_or_an_application_chart_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "acme/log-forwarder:3.8.0" not in _public(tmp_path, _tree("1.4.0"), monkeypatch, capsys)
    other = tmp_path / "other"
    assert "acme/log-forwarder:3.8.0" not in _public(other, _tree("2.3.3", "application"), monkeypatch, capsys)


def test_a_library_outside_the_git_checkout_holding_the_chart_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a chart at the checkout's top: two levels above it is outside the checkout (another repository beside it)
    write_tree(tmp_path, {k: v for k, v in _tree("2.3.3").items() if k.startswith("library/")})
    chart = {k.removeprefix("charts/log-forwarder/"): v for k, v in _tree("2.3.3").items() if k.startswith("charts/")}
    (tmp_path / "sets" / "repo" / ".git").mkdir(parents=True)
    found = _public(tmp_path / "sets" / "repo", chart, monkeypatch, capsys)
    assert "acme/log-forwarder:3.8.0" not in found


@pytest.mark.parametrize("wanted", ["'~2'", "'^2.x'", "'>=2.0.0, <3.0.0'", "'^1.0.0 || ~2.3'"])
def test_helm_s_other_constraint_forms_the_library_satisfies_read_it(
    wanted: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a review found `~2` (any 2.x.x: Masterminds/semver's tilde without a minor) taken for `~2.0` and ranges unread
    assert "acme/log-forwarder:3.8.0" in _public(tmp_path, _tree(wanted), monkeypatch, capsys)


def test_a_caret_of_another_major_or_minor_below_1_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "acme/log-forwarder:3.8.0" not in _public(tmp_path / "a", _tree("^1.x"), monkeypatch, capsys)
    assert "acme/log-forwarder:3.8.0" not in _public(tmp_path / "b", _tree("'~2.4'"), monkeypatch, capsys)
