"""A script that picks the cluster CLI when it runs (`ctrl="kubectl"` when kubectl is installed, `ctrl="oc"`, the
OpenShift CLI that carries kubectl's commands, otherwise), starting from an empty value and adding options to it later
(`ctrl="$ctrl -n $namespace"`), runs kubectl's commands through `$ctrl`: the manifests it hands `$ctrl apply -f -`
in a heredoc make the cluster pull their images."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import tree_records

SCRIPT = """\
#!/bin/bash
set -o errexit
ctrl=""

check_ctrl() {
\tif [ -x "$(command -v kubectl)" ]; then
\t\tctrl="kubectl"
\telif [ -x "$(command -v oc)" ]; then
\t\tctrl="oc"
\telse
\t\techo "[ERROR] Neither <oc> nor <kubectl> client found"
\t\texit 1
\tfi
}

start_tmp_pod() {
\tlocal backup_pvc=$1
\tcat - <<-EOF | $ctrl apply -f -
\t\tapiVersion: v1
\t\tkind: Pod
\t\tmetadata:
\t\t  name: backup-access
\t\tspec:
\t\t  containers:
\t\t  - name: xtrabackup
\t\t    image: example/backup-tools:0.3.0
\t\t  restartPolicy: Never
\tEOF
}

main() {
\tcheck_ctrl
\tif [ -n "$namespace" ]; then
\t\tctrl="$ctrl -n $namespace"
\tfi
\tstart_tmp_pod "$1"
\t$ctrl run probe --image=busybox:1.36 --restart=Never
}

main "$@"
"""


def _seen(records: list[dict[str, Any]]) -> set[tuple[str, int, str, str]]:
    return {(r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records}


def test_a_variable_set_to_kubectl_or_oc_runs_kubectl_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"deploy/backup/copy-backup.sh": SCRIPT}, tmp_path, capsys)
    assert _seen(records) == {
        ("deploy/backup/copy-backup.sh", 26, "example/backup-tools:0.3.0", "public"),
        ("deploy/backup/copy-backup.sh", 37, "busybox:1.36", "public"),
    }


def test_a_variable_that_may_be_another_program_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    script = SCRIPT.replace('ctrl="oc"', 'ctrl="helm"')
    records = tree_records({"deploy/backup/copy-backup.sh": script}, tmp_path, capsys)
    assert _seen(records) == set()
