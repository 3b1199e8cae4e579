"""cass-operator's ImageConfig: the images its `images` entries name, as `[registry/]repository/name:tag`, in the
ConfigMap that deploys it and in a Helm chart's `imageConfig` values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

CONFIG_MAP = (
    "apiVersion: v1\n"
    "kind: ConfigMap\n"
    "metadata:\n"
    "  name: image-config\n"
    "data:\n"
    "  image_config.yaml: |\n"
    "    apiVersion: config.k8ssandra.io/v1beta1\n"
    "    kind: ImageConfig\n"
    "    images:\n"
    "      system-logger:\n"
    '        repository: "acme"\n'
    '        name: "log-tailer"\n'
    '        tag: "v2.0.1"\n'
    "      builder:\n"
    '        registry: "quay.io"\n'
    '        repository: "acme"\n'
    '        name: "config-builder"\n'
    '        tag: "1.4-ubi"\n'
    "    defaults:\n"
    '      registry: "docker.io"\n'
    "    types:\n"
    "      cassandra:\n"
    '        repository: "acme"\n'
    '        name: "db-server"\n'
    '        suffix: "-ubi"\n'
)
VALUES = (
    "global:\n"
    "  imageConfig:\n"
    "    images:\n"
    "      reaper:\n"
    '        repository: "acme"\n'
    '        name: "repair-service"\n'
    '        tag: "5.0.0"\n'
    "image:\n"
    "  registry: docker.io\n"
    "  repository: acme/operator\n"
    "  tag: v1.2.0\n"
)
CHART = "apiVersion: v2\nname: acme-operator\nversion: 0.1.0\n"
DEPLOYMENT = "image: {{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}\n"


def test_the_images_of_an_image_config_in_a_config_map_and_in_chart_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "config/imageconfig/patch.yaml": CONFIG_MAP,
        "charts/op/Chart.yaml": CHART,
        "charts/op/values.yaml": VALUES,
        "charts/op/templates/deployment.yaml": DEPLOYMENT,
    }
    rows = {(row[0], row[1], row[4], row[5]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    rows = {row for row in rows if row[2] != "acme/operator:v1.2.0"}  # the chart's own image, read as before
    assert rows == {
        ("config/imageconfig/patch.yaml", 11, "acme/log-tailer:v2.0.1", "public"),
        ("config/imageconfig/patch.yaml", 16, "quay.io/acme/config-builder:1.4-ubi", "public"),
        ("charts/op/values.yaml", 5, "acme/repair-service:5.0.0", "public"),
    }


def test_a_mapping_of_repository_name_and_tag_elsewhere_is_not_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Outside an ImageConfig, a `name` beside `repository` is not read as part of the image (no template joins
    them), and a ConfigMap whose data is not an ImageConfig is not read so."""
    other = CONFIG_MAP.replace("kind: ImageConfig", "kind: LoggingConfig")
    values = VALUES.replace("imageConfig", "workers")
    tree = {
        "config/imageconfig/patch.yaml": other,
        "charts/op/Chart.yaml": CHART,
        "charts/op/values.yaml": values,
        "charts/op/templates/deployment.yaml": DEPLOYMENT,
    }
    rows = {(row[0], row[1], row[4]) for row in tree_rows(tree, tmp_path, monkeypatch, capsys)}
    assert ("config/imageconfig/patch.yaml", 11, "acme/log-tailer:v2.0.1") not in rows
    assert not any("repair-service" in str(row[2]) for row in rows)
