"""`ecr-mirror discover` on a helmfile (`helmfile.yaml`, `helmfile.yaml.gotmpl`): the values files each release
gives a chart that is not in the tree are read by their `image:` strings and image mappings, a path with
`{{ .Environment.Name }}` once per environment the helmfile declares; a release of a chart in the tree is left to
that chart's values, and a values file the helmfile names no release with is not read as values (but by its name,
when named as values files are: test_discover_outside_values.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "deploy/helmfile.yaml.gotmpl": (
        "environments:\n  dev:\n    values:\n      - version: 1.2.0\n  staging:\n    values:\n      - version: 1.2.0\n"
        "---\nrepositories:\n- name: backends\n  url: https://example.org/charts\n---\nreleases:\n"
        "  - name: backends\n    namespace: {{ .Namespace }}\n    chart: backends/dev-backend\n"
        "    values:\n      - env/{{ .Environment.Name }}/backend.yaml.gotmpl\n"
        "      - cache:\n          image: memcached:1.6.29\n"
        "  - name: app\n    chart: ./app\n    version: {{ .Values.version }}\n    values:\n"
        "      - env/{{ .Environment.Name }}/app.yaml\n"
    ),
    "deploy/env/dev/backend.yaml.gotmpl": (
        "postgres:\n  enabled: true\n  image: postgres:16-alpine\nredis:\n  image: redis:7.4-alpine\n"
        "keycloak:\n  image: quay.io/keycloak/keycloak:24.0.5\n"
    ),
    "deploy/env/staging/backend.yaml.gotmpl": "postgres:\n  image: postgres:17-alpine\n",
    "deploy/env/dev/app.yaml": "image:\n  repository: localhost:5001/app\n  tag: latest\n",
    "deploy/env/staging/app.yaml": "worker:\n  image: acme/worker-override:9\n",
    "deploy/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\nappVersion: 1.0.0\n",
    "deploy/app/values.yaml": "image:\n  repository: acme/app\n  tag: 1.0.0\n",
    "deploy/app/templates/deployment.yaml": (
        "kind: Deployment\napiVersion: apps/v1\nspec:\n  template:\n    spec:\n      containers:\n"
        '        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n'
    ),
}


def test_the_values_a_helmfile_gives_a_chart_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    helmfile = sorted((r["file"], r["line"], r["reference"]) for r in records if r["kind"] == "Helmfile release values")
    assert helmfile == [
        ("deploy/env/dev/backend.yaml.gotmpl", 3, "postgres:16-alpine"),
        ("deploy/env/dev/backend.yaml.gotmpl", 5, "redis:7.4-alpine"),
        ("deploy/env/dev/backend.yaml.gotmpl", 7, "quay.io/keycloak/keycloak:24.0.5"),
        ("deploy/env/staging/backend.yaml.gotmpl", 2, "postgres:17-alpine"),
        ("deploy/helmfile.yaml.gotmpl", 20, "memcached:1.6.29"),
    ]
    assert "acme/worker-override:9" not in {r["reference"] for r in records}  # the in-tree chart's, not read so


def test_a_helmfile_releases_values_file_named_as_values_is_read_once_with_its_image_mappings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A release's values file named as values files are (`grafana-values.yaml`) is read by the helmfile, as the
    values of a chart elsewhere are (test_discover_outside_values.py): its image mappings too, an empty tag
    unresolved; not read a second time by its name."""
    write_tree(
        tmp_path,
        {
            "helmfile.yaml": (
                "releases:\n  - name: grafana\n    chart: grafana/grafana\n    values:\n"
                "      - values/grafana-values.yaml\n"
            ),
            "values/grafana-values.yaml": (
                "image:\n  registry: docker.io\n  repository: grafana/grafana\n  tag: ''\n"
                "sidecar:\n  image:\n    registry: quay.io\n    repository: kiwigrid/k8s-sidecar\n    tag: 1.28.0\n"
                "proxy:\n  image: ghcr.io/acme/oauth-proxy:v7.6.0\n"
            ),
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert sorted((r["file"], r["line"], r["kind"], r["written"], r["status"]) for r in records) == [
        ("values/grafana-values.yaml", 3, "Helmfile release values", "docker.io/grafana/grafana", "unresolved"),
        ("values/grafana-values.yaml", 8, "Helmfile release values", "quay.io/kiwigrid/k8s-sidecar:1.28.0", "public"),
        ("values/grafana-values.yaml", 11, "Helmfile release values", "ghcr.io/acme/oauth-proxy:v7.6.0", "public"),
    ]
