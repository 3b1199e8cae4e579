"""`discover` reads the images a controller's environment takes from a ConfigMap of the tree's manifests
(`valueFrom.configMapKeyRef`): a variable named for an image, the ConfigMap's `data` value of its key, at that
value's line (knative eventing's controller reading its integration images so)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

CONTROLLER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: sources-controller
  namespace: acme-system
spec:
  template:
    spec:
      containers:
        - name: controller
          image: ghcr.io/acme/controller:v1.2.0
          env:
            - name: TIMER_SOURCE_IMAGE
              valueFrom:
                configMapKeyRef:
                  key: timer-source
                  name: acme-integration-images
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef:
                  key: log-level
                  name: acme-integration-images
"""

IMAGES = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: acme-integration-images
  namespace: acme-system
data:
  timer-source: gcr.io/acme-nightly/timer-source@sha256:dd95e8bb3948054f64d4f2f3241f75a1c59757c0a0cc3470a3bac6c6593ac382
  log-level: "debug:verbose"
  log-sink: gcr.io/acme-nightly/log-sink:v1.0.0
"""


def _rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, int, str | None, str]]:
    return {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }


def test_a_variable_named_for_an_image_takes_the_config_map_s_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"config/500-controller.yaml": CONTROLLER, "config/configmaps/images.yaml": IMAGES})
    rows = _rows(tmp_path, monkeypatch, capsys)
    digest = "sha256:dd95e8bb3948054f64d4f2f3241f75a1c59757c0a0cc3470a3bac6c6593ac382"
    assert ("config/configmaps/images.yaml", 7, f"gcr.io/acme-nightly/timer-source@{digest}", "public") in rows
    assert ("config/500-controller.yaml", 11, "ghcr.io/acme/controller:v1.2.0", "public") in rows
    # a key no variable named for an image takes, and one taken by another variable, are data
    assert all("log-sink" not in str(reference) and "debug" not in str(reference) for _, _, reference, _ in rows)


def test_a_config_map_of_another_namespace_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    other = IMAGES.replace("namespace: acme-system", "namespace: other-system")
    write_tree(tmp_path, {"config/500-controller.yaml": CONTROLLER, "config/configmaps/images.yaml": other})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert all("timer-source" not in str(reference) for _, _, reference, _ in rows)
