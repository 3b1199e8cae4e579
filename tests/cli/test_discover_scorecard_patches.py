"""`ecr-mirror discover` on the patches operator-sdk scaffolds for its scorecard (`config/scorecard/patches/*.yaml`,
JSON patches adding tests to the `Configuration` of `bases/config.yaml`): `operator-sdk scorecard` runs each test's
image in the cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "config/scorecard/bases/config.yaml": (
        "apiVersion: scorecard.operatorframework.io/v1alpha3\nkind: Configuration\nmetadata:\n  name: config\n"
        "stages:\n- parallel: true\n  tests: []\n"
    ),
    "config/scorecard/patches/basic.config.yaml": """\
- op: add
  path: /stages/0/tests/-
  value:
    entrypoint:
    - scorecard-test
    - basic-check-spec
    image: quay.io/operator-framework/scorecard-test:v1.39.2
    labels:
      suite: basic
      test: basic-check-spec-test
""",
    "config/scorecard/kustomization.yaml": """\
resources:
- bases/config.yaml
patches:
- path: patches/basic.config.yaml
  target:
    group: scorecard.operatorframework.io
    version: v1alpha3
    kind: Configuration
    name: config
""",
    "config/other/labels.yaml": "- op: add\n  path: /metadata/labels\n  value:\n    image: not-an-image\n    test: x\n",
}


def test_the_tests_a_scorecard_patch_adds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"] == [
        ("quay.io/operator-framework/scorecard-test:v1.39.2", "config/scorecard/patches/basic.config.yaml", 7)
    ]
