"""`ecr-mirror discover` reads a Go test harness that pulls an image through its own runner and a chain of helpers:
`harness.RunCommand("docker", "pull", image)` (a project's function taking the program then its words, as
os/exec's `exec.Command(name, arg...)` does, https://pkg.go.dev/os/exec#Command) inside `func ensureLocalImage(image
string)`, itself called with its parameter by `func ensureKindImage(image string)`, which a file of the package
calls with a constant: `ensureKindImage(proxyImage)`, `const proxyImage = "nginx:1.27-alpine"`. The image is listed
at that call; the helper's own `docker pull` of its parameter stays unresolved there, as any command run with a
function's parameter is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

KIND_IMAGE = """\
package deps

import "fmt"

// ensureKindImage pulls an upstream image if missing and loads it into the kind cluster.
func ensureKindImage(image string) error {
\tif err := ensureLocalImage(image); err != nil {
\t\treturn err
\t}
\treturn harness.RunCommand("kind", "load", "docker-image", image, "--name", "e2e")
}

func ensureLocalImage(image string) error {
\tif err := harness.RunCommandQuiet("docker", "image", "inspect", image); err == nil {
\t\treturn nil
\t}
\treturn harness.RunCommand("docker", "pull", image)
}

func inspectOnly(image string) error {
\treturn harness.RunCommandQuiet("docker", "image", "inspect", image)
}
"""

PROXY = """\
package deps

const (
\tproxyName  = "proxy"
\tproxyImage = "nginx:1.27-alpine"
)

func (p *Proxy) Install() error {
\tif err := ensureKindImage(proxyImage); err != nil {
\t\treturn fmt.Errorf("load %s: %w", proxyName, err)
\t}
\treturn inspectOnly("acme/inspected:1")
}
"""


def test_an_image_handed_down_a_chain_of_helpers_to_a_runners_docker_pull_is_listed_at_the_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records({"e2e/deps/kind_image.go": KIND_IMAGE, "e2e/deps/proxy.go": PROXY}, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("e2e/deps/proxy.go", 9, "nginx:1.27-alpine", "public"),
        ("e2e/deps/kind_image.go", 17, None, "unresolved"),
    }


def test_a_runner_given_docker_in_a_file_pulls_its_literal_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a runner call with a literal image; `docker image inspect` (near shape) pulls nothing
    monkeypatch.chdir(tmp_path)
    source = (
        "package e2e\n\nfunc setup() {\n"
        '\t_ = harness.RunCommand("docker", "pull", "prom/blackbox-exporter:v0.25.0")\n'
        '\t_ = harness.RunCommandQuiet("docker", "image", "inspect", "acme/local:1")\n}\n'
    )
    records = tree_records({"e2e/setup_test.go": source}, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"], r["status"]) for r in records} == {
        ("e2e/setup_test.go", 4, "prom/blackbox-exporter:v0.25.0", "public"),
    }
