"""`discover` on a Go module whose test helper package runs docker with the words its callers give it, variadic
(`func Run(tb testing.TB, args ...string)` prepending `run --detach` and running `exec.Command("docker", args...)`),
called from the package itself and from other packages of the module that import it (go_variadic_wrappers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = "module github.com/example/agent\n\ngo 1.25\n"

HELPER = """\
// Package dockerctl starts the containers the sensor tests watch.
package dockerctl

import (
\t"os/exec"
\t"strings"
\t"testing"
)

// Create creates a container in the background, removed on cleanup.
func Create(tb testing.TB, args ...string) string {
\targs = append([]string{"create"}, args...)
\tid, err := exec.Command("docker", args...).Output()
\tif err != nil {
\t\ttb.Fatalf("docker create %v: %s", args, err)
\t}
\treturn strings.TrimSpace(string(id))
}

// Run starts a detached container.
func Run(tb testing.TB, args ...string) string {
\tid, err := exec.Command("docker", append([]string{"run", "--detach"}, args...)...).Output()
\tif err != nil {
\t\ttb.Fatalf("docker run %v: %s", args, err)
\t}
\treturn strings.TrimSpace(string(id))
}

// Exec runs a command in a container.
func Exec(tb testing.TB, id string, args ...string) {
\targs = append([]string{"exec", id}, args...)
\t_ = exec.Command("docker", args...).Run()
}

// Git runs git with the words given.
func Git(tb testing.TB, args ...string) {
\targs = append([]string{"clone"}, args...)
\t_ = exec.Command("git", args...).Run()
}
"""

HELPER_TEST = """\
package dockerctl

import "testing"

func TestRun(t *testing.T) {
\timage := "redis:7.4"
\tRun(t, "--name", "cache", image)
}
"""

CALLER = """\
package sensor

import (
\t"testing"

\tctl "github.com/example/agent/internal/dockerctl"
\tother "github.com/example/vendored/dockerctl"
)

func TestInitTree(t *testing.T) {
\tid := ctl.Create(t, "--name", "init-tree", "bash", "bash", "-c", "sleep infinity")
\tctl.Exec(t, id, "alpine:3.20", "true")
\tctl.Git(t, "https://example.com/acme/node:1.0")
\t_ = other.Run(t, "--name", "elsewhere", "nginx:1.27")
}

func TestServer(t *testing.T) {
\t_ = ctl.Run(t, "--name", "server", "--entrypoint", "nc", "quay.io/acme/netcat:v1.2.0", "-l", "8081")
\t_ = ctl.Run(t, "--name", "unknown", image())
}
"""


def test_images_handed_to_a_variadic_docker_helper_package_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "internal/dockerctl/dockerctl.go": HELPER,
            "internal/dockerctl/dockerctl_test.go": HELPER_TEST,
            "pkg/sensor/sensor_test.go": CALLER,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = sorted((r["file"], r["line"], r["reference"] or r["written"], r["status"]) for r in records)
    assert listed == [
        ("internal/dockerctl/dockerctl_test.go", 7, "redis:7.4", "public"),
        ("pkg/sensor/sensor_test.go", 11, "bash:latest", "public"),
        ("pkg/sensor/sensor_test.go", 18, "quay.io/acme/netcat:v1.2.0", "public"),
        ("pkg/sensor/sensor_test.go", 19, "${GO_EXPRESSION}", "unresolved"),
    ]
