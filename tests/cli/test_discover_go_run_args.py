"""A Go integration framework's run-arguments struct: a method runs `docker run` (or `crictl pull`, `ctr image
pull`) with its parameter's `Image` field, and the framework and its tests start containers with literals of the
struct (`a.Run(RunArgs{Image: "registry.k8s.io/pause:3.9"})`, `framework.RunArgs{Image: ...}` from another
package)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.trees import discover_records, write_tree

FRAMEWORK = """package framework

type RunArgs struct {
\tImage string
\tArgs  []string
}

type NoteArgs struct {
\tImage string
}

type actions struct{ sh shell }

// RunPause starts the no-op container; a busybox one: Run(RunArgs{Image: "busybox"}, "ping", "host").
func (a actions) RunPause() string {
\treturn a.Run(RunArgs{
\t\tImage: "registry.k8s.io/pause:3.9",
\t})
}

func (a actions) Run(args RunArgs, cmd ...string) string {
\tcommand := append(append([]string{"docker", "run", "-d"}, args.Args...), args.Image)
\tout, _ := a.sh.Run("sudo", command...)
\treturn out
}

func (a actions) Note(args NoteArgs) string {
\treturn "image " + args.Image
}

func (a actions) Noted() string {
\treturn a.Note(NoteArgs{Image: "example/noted:1"})
}
"""
RUNTIME = """package framework

type CtrArgs struct {
\tImage string
}

func (a actions) CtrRun(args CtrArgs) {
\tbase := []string{"ctr", "--namespace", "moby"}
\tpull := append(base, "image", "pull", args.Image)
\ta.sh.Run("sudo", pull...)
}

func (a actions) CtrBusybox() {
\ta.CtrRun(CtrArgs{Image: "registry.k8s.io/busybox:1.27"})
}
"""
TEST = """package metrics

import "example.com/project/integration/framework"

func TestMemory(t *testing.T) {
\tfm := framework.New(t)
\tid := fm.Docker().Run(framework.RunArgs{
\t\tImage: "registry.k8s.io/pause",
\t\tArgs:  []string{"--memory=128m"},
\t})
\t_ = other.RunArgs{Image: "example/elsewhere:2"}
\t_ = id
}
"""


def _public(records: list[dict[str, Any]]) -> set[tuple[str, int, str]]:
    return {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"}


def test_literals_of_a_struct_whose_image_field_a_method_runs_are_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "integration/framework/framework.go": FRAMEWORK,
            "integration/framework/runtime.go": RUNTIME,
            "integration/tests/metrics/metrics_test.go": TEST,
        },
    )
    found = _public(discover_records(tmp_path, monkeypatch, capsys))
    assert ("integration/framework/framework.go", 17, "registry.k8s.io/pause:3.9") in found
    assert ("integration/framework/runtime.go", 14, "registry.k8s.io/busybox:1.27") in found
    assert ("integration/tests/metrics/metrics_test.go", 8, "registry.k8s.io/pause:latest") in found
    references = {reference for _, _, reference in found}
    assert "busybox:latest" not in references  # a usage example in a comment
    assert "example/noted:1" not in references  # a struct whose image no command takes
    assert "example/elsewhere:2" not in references  # a struct of another package with the same name
