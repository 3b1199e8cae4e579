"""`discover` takes a `ko://IMPORT_PATH` image in a manifest for what it is: the image ko builds from that Go
package and writes in its place when it resolves the manifests (`ko resolve`, `ko apply`,
https://ko.build/features/k8s/), so `built-here` with that reason, no unresolved line (knative's `config/`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: eventing-controller
spec:
  template:
    spec:
      containers:
        - name: controller
          image: ko://knative.dev/eventing/cmd/controller
        - name: local
          image: ko.local/controller:v1
"""


def test_a_ko_import_path_is_built_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"config/500-controller.yaml": DEPLOYMENT})
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["written"], r["reference"], r["status"]) for r in records}
    assert ("config/500-controller.yaml", 10, "ko://knative.dev/eventing/cmd/controller", None, "built-here") in rows
    # a registry named like ko's local one is a reference like any other
    assert ("config/500-controller.yaml", 12, "ko.local/controller:v1", "ko.local/controller:v1", "left-out") in rows
    monkeypatch.chdir(tmp_path)
    from ecr_mirror.cli.main import main

    assert main(["discover", "."]) == 0
    out = capsys.readouterr().out
    assert "unresolved" not in out and "ko://" not in out
