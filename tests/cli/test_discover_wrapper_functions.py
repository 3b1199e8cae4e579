"""`ecr-mirror discover` reads the commands a script runs through its own wrapper functions (`retry 3 docker pull`,
`kctl run --image=...` with `kctl() { kubectl "$@"; }`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "e2e/lib.sh": (
        "#!/bin/bash\n"
        'retry() {\n\tlocal n=$1\n\tshift\n\tuntil "$@"; do sleep 2; done\n}\n\n'
        'k() {\n\tkubectl --request-timeout=30s "$@"\n}\n\n'
        "retry 5 docker pull registry.k8s.io/pause:3.10\n"
        "k run s3-client -i --rm --restart=Never --image=docker.io/amazon/aws-cli:2.17.0 -- s3 ls\n"
    ),
}


def test_commands_run_through_a_scripts_own_functions_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = [
        (r["file"], r["line"], r["use"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    ]
    assert records == [
        ("e2e/lib.sh", 12, "docker pull", "registry.k8s.io/pause:3.10"),
        ("e2e/lib.sh", 13, "kubectl run", "amazon/aws-cli:2.17.0"),
    ]
