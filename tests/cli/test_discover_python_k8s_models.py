"""A Python test suite's hikaru `Container(image="busybox")` is listed; the same model in the application's own
package (a run-time default a deployment may override) is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

MODELS = """\
from hikaru.model.rel_1_26 import Container, PodSpec


def spec(title: str) -> PodSpec:
    return PodSpec(containers=[Container(name=title, image="busybox", command=["/bin/sh"])])
"""


def test_a_test_tree_container_model_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"tests/utils/kubernetes_utils.py": MODELS, "src/acme/templates.py": MODELS.replace("busybox", "acme/tool:1")},
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["reference"], r["file"], r["line"], r["use"]) for r in records if r["status"] == "public"] == [
        ("busybox:latest", "tests/utils/kubernetes_utils.py", 5, "image (Kubernetes model Container)"),
    ]
