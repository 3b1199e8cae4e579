"""`ecr-mirror discover` on values files of Helm charts that are not in the tree, named as values files are
(`monitoring-values.yaml`, `values-prod.yml`, `loki_values.yaml`): a getting-started guide's `helm install ...
repo/chart -f monitoring-values.yaml`. Their `image:` maps (`registry`, `repository`, `tag`) and `image:` strings are
the images the chart deploys; a map without a tag takes the chart's appVersion, unknown here: unresolved. The values
of a chart in the tree keep their own reading, its tests' fixtures stay unread, and YAML of another name stays
counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree

TREE = {
    "guide/monitoring-values.yaml": """\
global:
  imageRegistry: null
image:
  registry: docker.io
  repository: acme/dashboards
  # the chart's appVersion when empty
  tag: ""
  pullPolicy: IfNotPresent
tests:
  image:
    registry: docker.io
    repository: library/alpine
    tag: "3.20.3"
renderer:
  enabled: false
  image:
    registry: quay.io
    repository: acme/renderer
    tag: 2.1.0
    pullPolicy: Always
proxy:
  image: ghcr.io/acme/oauth-proxy:v7.6.0
""",
    "guide/values-prod.yml": "gateway:\n  image:\n    repository: nginx\n    tag: 1.27\n",
    "guide/loki_values.yaml": "sidecar:\n  image:\n    repository: kiwigrid/k8s-sidecar\n    tag: 1.28.0\n",
    "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.3.0\nappVersion: 2.4.0\n",
    "charts/app/templates/deployment.yaml": (
        "kind: Deployment\napiVersion: apps/v1\nspec:\n  template:\n    spec:\n      containers:\n"
        '        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'
    ),
    "charts/app/values.yaml": "image:\n  repository: ghcr.io/acme/app\n  tag: ''\n",
    "charts/app/tests/sidecar-values.yaml": "image:\n  repository: fixture/app\n  tag: test\n",
    "examples/settings.yaml": "image:\n  repository: acme/not-values\n  tag: 1.0.0\n",
}


def test_values_files_of_charts_elsewhere_are_read_as_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = sorted((r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public")
    assert public == [
        ("charts/app/values.yaml", 2, "ghcr.io/acme/app:2.4.0"),  # the chart in the tree: its appVersion
        ("guide/loki_values.yaml", 3, "kiwigrid/k8s-sidecar:1.28.0"),
        ("guide/monitoring-values.yaml", 12, "alpine:3.20.3"),
        ("guide/monitoring-values.yaml", 18, "quay.io/acme/renderer:2.1.0"),
        ("guide/monitoring-values.yaml", 22, "ghcr.io/acme/oauth-proxy:v7.6.0"),
        ("guide/values-prod.yml", 3, "nginx:1.27"),
    ]
    unresolved = [(r["file"], r["line"], r["written"]) for r in records if r["status"] == "unresolved"]
    # no tag: the chart's appVersion, which a chart outside the tree keeps to itself
    assert unresolved == [("guide/monitoring-values.yaml", 5, "docker.io/acme/dashboards")]
    assert "the tag is the one the chart's templates give" in next(r["reason"] for r in records if not r["reference"])
    assert {r["kind"] for r in records if r["file"].startswith("guide/")} == {"Helm values"}
    assert not {"fixture/app", "acme/not-values"} & {r["written"].split(":")[0] for r in records}
    # counted, not read: YAML of another name, and the fixtures of the chart's own tests
    assert main(["discover", "."]) == 0
    err = capsys.readouterr().err
    assert "2 YAML file(s) with `image:` keys" in err
    assert "charts/app/tests/sidecar-values.yaml, examples/settings.yaml" in err


def test_values_named_fixtures_of_a_tool_are_not_a_chart_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A docs generator's test input (`hack/reference-gen/fixtures/full-values.yaml`) or a `testdata/` file named like
    # values is what a tool of the tree reads in its tests, not values anyone hands `helm install -f`.
    write_tree(
        tmp_path,
        {
            "hack/reference-gen/fixtures/full-values.yaml": "server:\n  image:\n    repository: acme/server\n"
            "    tag: 1.9.0\n",
            "pkg/render/testdata/values-small.yaml": "image:\n  repository: acme/small\n  tag: 0.1.0\n",
            "deploy/responder/chart-values.yaml": "image:\n  repository: acme/responder\n  tag: head\n",
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert sorted((r["file"], r["reference"]) for r in records if r["status"] == "public") == [
        ("deploy/responder/chart-values.yaml", "acme/responder:head")
    ]
