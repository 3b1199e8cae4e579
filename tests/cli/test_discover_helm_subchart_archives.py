"""A chart's dependencies vendored as archives (`CHART/charts/NAME-VERSION.tgz`, what `helm dependency update`
writes) are rendered with the parent by `helm install`: the subchart's `values.yaml` defaults under what the parent
sets under its name (or alias), only when the dependency's `condition:` is not false in the parent's values
(https://helm.sh/docs/topics/charts/#the-chart-file-structure, https://helm.sh/docs/helm/helm_dependency/). The
archive is read in memory, within limits: a hostile one (a bomb, thousands of members, deep nesting) is skipped."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest

from ecr_mirror.cli.discover_helm_archives import archive_files
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

HELPERS = (
    '{{- define "cache.image" -}}\n'
    "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}\n"
    "{{- end -}}\n"
)
DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
    '      - name: cache\n        image: {{ include "cache.image" . }}\n'
    "      - name: exporter\n"
    '        image: "{{ .Values.exporter.image.repository }}:{{ .Values.exporter.image.tag }}"\n'
)


def _archive(path: Path, members: dict[str, bytes]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _cache_chart(path: Path, name: str) -> None:
    _archive(
        path,
        {
            f"{name}/Chart.yaml": f"apiVersion: v2\nname: {name}\nversion: 2.3.0\nappVersion: 7.2.4\n".encode(),
            f"{name}/values.yaml": (
                b"image:\n  repository: acme/cache\n  tag: ''\n"
                b"exporter:\n  image:\n    repository: acme/cache-exporter\n    tag: v1.55.0\n"
                b"sidecar:\n  image:\n    repository: acme/sidecar\n    tag: 1.0.0\n"
                b"init:\n  enabled: false\n  image:\n    repository: acme/wait\n    tag: 1.35\n"
            ),
            f"{name}/README.md": b"image: acme/readme-only:1.0\n",
            f"{name}/templates/_helpers.tpl": HELPERS.encode(),
            f"{name}/templates/deployment.yaml": DEPLOYMENT.encode(),
        },
    )


TREE = {
    "shop/Chart.yaml": (
        "apiVersion: v2\nname: shop\nversion: 0.1.0\ndependencies:\n"
        "  - name: cache\n    version: 2.3.0\n    repository: https://x.example\n    condition: cache.enabled\n"
        "  - name: queue\n    version: 2.3.0\n    repository: https://x.example\n    condition: queue.enabled\n"
    ),
    "shop/values.yaml": (
        "cache:\n  enabled: true\n  exporter:\n    image:\n      tag: v1.56.0\n"
        "  sidecar:\n    image:\n      repository: quay.io/acme/sidecar\n"  # the subchart's tag
        "  image:\n    repository: quay.io/acme/cache\n    tag: 7.2.5\n"  # the parent's own image: its line
        "queue:\n  enabled: false\n"
    ),
}


def test_a_vendored_subchart_archive_is_read_with_the_parents_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    _cache_chart(tmp_path / "shop/charts/cache-2.3.0.tgz", "cache")
    _cache_chart(tmp_path / "shop/charts/queue-2.3.0.tgz", "queue")  # its condition is false: not rendered
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = sorted((r["reference"], r["file"], r["line"]) for r in records if r["reference"])
    assert found == [
        ("acme/cache-exporter:v1.56.0", "shop/charts/cache-2.3.0.tgz/cache/values.yaml", 6),
        ("quay.io/acme/cache:7.2.5", "shop/values.yaml", 10),
        ("quay.io/acme/sidecar:1.0.0", "shop/charts/cache-2.3.0.tgz/cache/values.yaml", 11),
    ]


def test_only_chart_values_and_templates_are_read_from_an_archive(tmp_path: Path) -> None:
    _cache_chart(tmp_path / "cache.tgz", "cache")
    assert sorted(archive_files(tmp_path / "cache.tgz")) == [
        "cache/Chart.yaml",
        "cache/templates/_helpers.tpl",
        "cache/templates/deployment.yaml",
        "cache/values.yaml",
    ]


def _bomb(path: Path) -> None:
    """A gzip of one member of 2 GiB of zeros (about 2 MB on disk), written without holding it in memory."""
    info = tarfile.TarInfo("bomb/values.yaml")
    info.size = 2 * 1024**3
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(info.tobuf())
        block = b"\0" * (1024 * 1024)
        for _ in range(2048):
            out.write(block)


def _many(path: Path) -> None:
    members = {f"many/templates/{index}.yaml": b"" for index in range(20_000)}
    members.update({"/".join(["deep"] * 2000) + "/Chart.yaml": b"name: deep\n"})
    _archive(path, members)


def test_a_hostile_archive_is_skipped_in_time(tmp_path: Path) -> None:
    _bomb(tmp_path / "bomb.tgz")
    _many(tmp_path / "many.tgz")
    (tmp_path / "broken.tgz").write_bytes(b"\x1f\x8bnot a gzip stream")
    assert finishes(archive_files, tmp_path / "bomb.tgz") == {}
    assert finishes(archive_files, tmp_path / "many.tgz") == {}
    assert finishes(archive_files, tmp_path / "broken.tgz") == {}
