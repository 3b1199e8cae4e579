"""`ecr-mirror discover` reads a manifest template whose placeholders a script fills in with sed (`@NAME@`, as
autoconf writes them), which is not YAML until then, by its `image:` lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "dev/load-test/statefulset.yaml": """\
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: @STS_NAME@
spec:
  serviceName: @STS_NAME@
  template:
    spec:
      nodeName: @NODE_NAME@
      containers:
      - name: '@STS_NAME@'
        image: 'busybox:1.36'
        volumeMounts:
        - name: @STS_NAME@
          mountPath: /mnt/@STS_NAME@
      - name: sidecar
        image: ghcr.io/acme/probe:@PROBE_VERSION@
""",
    "dev/load-test/run.sh": '#!/bin/sh\nsed -e "s#@STS_NAME@#$name#g" statefulset.yaml | kubectl apply -f -\n',
}


def test_a_manifest_with_sed_placeholders_is_read_by_its_image_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    found = [(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records]
    assert found == [
        ("dev/load-test/statefulset.yaml", 12, "busybox:1.36", "public"),
        ("dev/load-test/statefulset.yaml", 17, "ghcr.io/acme/probe:@PROBE_VERSION@", "unresolved"),
    ]
