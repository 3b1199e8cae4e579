"""`ecr-mirror discover` on a makefile whose recipe enables a minikube addon with `--images=Name=IMAGE`: the
addon's pod runs that image, pulled by the cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

MAKEFILE = """\
PROFILE := dev

cluster:
\tminikube start -p $(PROFILE)
\tminikube addons enable registry -p $(PROFILE) \\
\t\t--images="KubeRegistryProxy=gcr.io/google_containers/kube-registry-proxy:0.4"
"""


def test_a_minikube_addon_image_override_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {(row[1], row[4], row[5]) for row in tree_rows({"Makefile": MAKEFILE}, tmp_path, monkeypatch, capsys)}
    assert (5, "gcr.io/google_containers/kube-registry-proxy:0.4", "public") in rows
