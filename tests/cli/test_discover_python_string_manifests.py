"""A Python test suite's Kubernetes objects written as YAML in string literals (filled in with `str.format` and
applied to its cluster) are listed; the same string outside a test tree, or in a unit test that mocks, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SUITE = '''\
from harness import ServiceType


class Tracer(ServiceType):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["service_manifests"] = """
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {self.path.k8s}
spec:
  template:
    spec:
      containers:
      - name: tracer
        image: openzipkin/zipkin:2.24
      - name: given
        image: {self.image}
"""
        super().__init__(*args, **kwargs)
'''


def test_a_test_tree_string_manifest_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "python/tests/kat/t_tracing.py": SUITE,
            "src/acme/defaults.py": SUITE.replace("zipkin:2.24", "zipkin:9.9"),
            "tests/unit/test_render.py": "from unittest import mock\n" + SUITE.replace("zipkin:2.24", "zipkin:8.8"),
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["reference"], r["file"], r["line"], r["use"]) for r in records if r["status"] == "public"] == [
        ("openzipkin/zipkin:2.24", "python/tests/kat/t_tracing.py", 17, "image (test manifest string)"),
    ]
