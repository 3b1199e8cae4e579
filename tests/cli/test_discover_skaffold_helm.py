"""The values of a chart of the tree that a Skaffold config deploys with Helm (`deploy.helm.releases[].chartPath`, or
`manifests.helm.releases`) are rendered through Skaffold's post-renderer, which puts the image it built in place of
every reference whose name is an artifact of the config, whatever its tag
(https://skaffold.dev/docs/deployers/helm/): `image: app:latest` there is a placeholder, not listed. The keys a
release sets from the build (`setValueTemplates`, the older `artifactOverrides`) replace what the values file holds
there. Another chart's values, and a name no artifact has, are kept. A container of `customActions` or `verify`
running an artifact of the config runs what Skaffold built (`built-here`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

_CHART = "apiVersion: v2\nname: {name}\nversion: 0.1.0\n"

TREE = {
    "app/skaffold.yaml": (
        "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n  - image: acme/app\n"
        "deploy:\n  helm:\n    releases:\n    - name: app\n      chartPath: charts\n"
        "customActions:\n- name: smoke\n  containers:\n  - name: smoke\n    image: acme/app\n    command: [/smoke]\n"
    ),
    "app/Dockerfile": "FROM alpine:3.20\n",
    "app/charts/Chart.yaml": _CHART.format(name="app"),
    "app/charts/values.yaml": "replicaCount: 2\nimage: acme/app:latest\nsidecar:\n  image: nginx:stable\n",
    "old/skaffold.yaml": (
        "apiVersion: skaffold/v2beta29\nkind: Config\nbuild:\n  artifacts:\n  - image: gcr.io/acme/old\n"
        "deploy:\n  helm:\n    releases:\n    - name: old\n      chartPath: chart\n"
        "      artifactOverrides:\n        image: gcr.io/acme/old\n"
    ),
    "old/Dockerfile": "FROM alpine:3.20\n",
    "old/chart/Chart.yaml": _CHART.format(name="old"),
    "old/chart/values.yaml": (
        "image:\n  registry: gcr.io\n  repository: other-project/other-image\n  tag: latest\n"
        "cache:\n  image:\n    repository: redis\n    tag: '7.2'\n"
    ),
    "plain/Chart.yaml": _CHART.format(name="plain"),
    "plain/values.yaml": "image: acme/app:1.0\n",
}


def test_skaffold_helm_placeholders_are_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    got = sorted((r["file"], r["line"], r["reference"], r["status"]) for r in records)
    assert got == [
        ("app/Dockerfile", 1, "alpine:3.20", "public"),
        ("app/charts/values.yaml", 4, "nginx:stable", "public"),
        ("app/skaffold.yaml", 15, "acme/app:latest", "built-here"),
        ("old/Dockerfile", 1, "alpine:3.20", "public"),
        ("old/chart/values.yaml", 7, "redis:7.2", "public"),
        ("plain/values.yaml", 1, "acme/app:1.0", "public"),
    ]
