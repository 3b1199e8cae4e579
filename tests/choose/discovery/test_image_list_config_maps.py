"""The images of a ConfigMap that lists a product's default images (image_list_config_maps.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.choose.discovery.image_list_config_maps import image_list_config_map_images
from tests.support.hang_guard import finishes
from tests.support.trees import discover_records, write_tree

# shaped like a hub operator's images list, which it ships to managed clusters as their default images
IMAGES_LIST = """\
kind: ConfigMap
apiVersion: v1
metadata:
  name: images-list
data:
    collector: "quay.io/acme/metrics-collector:2.5.0-SNAPSHOT-2022-02-03"
    kube_state_metrics: "quay.io/acme/kube-state-metrics:2.5.0-SNAPSHOT-2022-02-03"
    rbac_proxy: ghcr.io/acme/kube-rbac-proxy@sha256:dd95e8bb3948054f64d4f2f3241f75a1c59757c0a0cc3470a3bac6c6593ac382
"""

# a ConfigMap named for images that holds settings too: not a list of images
MIXED = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: acme-integration-images
data:
  timer-source: gcr.io/acme/timer-source:v1.0.0
  log-level: "debug"
"""

# values without a registry or namespace: a unit test's placeholders
PLACEHOLDERS = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: operator-additional-images
data:
  chownInitImage: "chown-image:1.2.3"
  exporterImage: "exporter-image:1.2.3"
"""

# not named for images: data that happen to look like references
SETTINGS = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: collector-settings
data:
  upstream: "quay.io/acme/upstream:1.0"
"""


def test_each_image_of_an_images_config_map_is_listed_at_its_line() -> None:
    found = image_list_config_map_images({"manifests/images.yaml": IMAGES_LIST})
    assert [(item.text, item.line, item.use) for item in found] == [
        ("quay.io/acme/metrics-collector:2.5.0-SNAPSHOT-2022-02-03", 6, "images ConfigMap images-list"),
        ("quay.io/acme/kube-state-metrics:2.5.0-SNAPSHOT-2022-02-03", 7, "images ConfigMap images-list"),
        (
            "ghcr.io/acme/kube-rbac-proxy@sha256:dd95e8bb3948054f64d4f2f3241f75a1c59757c0a0cc3470a3bac6c6593ac382",
            8,
            "images ConfigMap images-list",
        ),
    ]


def test_a_config_map_with_other_data_or_another_name_is_not_read() -> None:
    texts = {"a.yaml": MIXED, "b.yaml": PLACEHOLDERS, "c.yaml": SETTINGS}
    assert image_list_config_map_images(texts) == []


def test_an_unclosed_document_stays_linear() -> None:
    text = 'kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: images\ndata:\n  a: "' + "x" * 2_000_000
    assert finishes(image_list_config_map_images, {"x.yaml": text}) == []


def test_discover_lists_an_images_config_map_of_the_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"manifests/endpoint/images.yaml": IMAGES_LIST, "manifests/settings.yaml": SETTINGS})
    rows = {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert rows == {
        ("manifests/endpoint/images.yaml", 6, "quay.io/acme/metrics-collector:2.5.0-SNAPSHOT-2022-02-03"),
        ("manifests/endpoint/images.yaml", 7, "quay.io/acme/kube-state-metrics:2.5.0-SNAPSHOT-2022-02-03"),
        (
            "manifests/endpoint/images.yaml",
            8,
            "ghcr.io/acme/kube-rbac-proxy@sha256:dd95e8bb3948054f64d4f2f3241f75a1c59757c0a0cc3470a3bac6c6593ac382",
        ),
    }
