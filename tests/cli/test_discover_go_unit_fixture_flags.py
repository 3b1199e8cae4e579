"""A CLI's unit test hands its command a `testdata/` file as a flag's value, one Go string holding both
(`"--filename=./testdata/task-invalid.yaml"`, `"-f=testdata/pod.yaml"`, as cobra parses `--flag=value`): the
file is named by the test as a bare path is, read offline by the command under test with fake clients, so it is
not read; a flag's value in a package that reaches a cluster keeps its file read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_START_TEST = """\
package task

import "testing"

func TestTaskStart_InvalidFile(t *testing.T) {
\t_, err := executeCommand(newCmd(), "start", "-n", "ns", "--filename=./testdata/task-invalid.yaml")
\tif err == nil {
\t\tt.Fatal("want an error")
\t}
\t_, _ = executeCommand(newCmd(), "start", "-f=testdata/task-v1.yaml")
}
"""


def _task(image: str) -> str:
    return (
        "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: build\n"
        f"spec:\n  steps:\n  - name: build\n    image: {image}\n"
    )


def test_a_testdata_file_a_unit_test_passes_as_a_flag_value_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": "module example.com/cli\n",
        "pkg/cmd/task/start.go": "package task\n",
        "pkg/cmd/task/start_test.go": _START_TEST,
        "pkg/cmd/task/testdata/task-invalid.yaml": _task("gcr.io/kaniko-project/executor:v0.14.0"),
        "pkg/cmd/task/testdata/task-v1.yaml": _task("alpine:3.20"),
        "pkg/cmd/task/testdata/unnamed.yaml": _task("busybox:1.37"),
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    assert sorted(record["written"] for record in json.loads(out)) == ["busybox:1.37"]
