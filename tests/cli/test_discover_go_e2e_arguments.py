"""`discover` on a Go end-to-end suite under an `e2e` directory, built with a tag of its own (`//go:build
integration`), that runs the project's CLI against its cluster with an image as an argument: `"--image", IMAGE`, a
setting `"builder.base-image=IMAGE"`, a name bound with `:=` and formatted into one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

SUITE = """\
//go:build integration
// +build integration

package runtimes

import (
	"fmt"
	"testing"
)

func TestSourcelessRuntimes(t *testing.T) {
	t.Run("main", func(t *testing.T) {
		Expect(CliRun(t, ns,
			"--image", "docker.io/acme-demo/app-main:1.0.0",
			"--resource", "configmap:my-cm@/tmp/app/data",
		).Execute()).To(Succeed())
	})
	t.Run("distroless", func(t *testing.T) {
		Expect(CliRun(t, ns, "files/Java.java",
			"-t", "builder.base-image=gcr.io/distroless/java17-debian12",
		).Execute()).To(Succeed())
	})
	t.Run("new hierarchy", func(t *testing.T) {
		newBaseImage := "eclipse-temurin:17.0.8.1_1-jdk-ubi9-minimal"
		Expect(CliRun(t, ns, "files/Java.java",
			"-t", fmt.Sprintf("builder.base-image=%s", newBaseImage),
		).Execute()).To(Succeed())
	})
	t.Run("kit", func(t *testing.T) {
		Expect(CliRun(t, ns, "kit", "create", "--image", "someString").Execute()).To(Succeed())
	})
	t.Run("echo", func(t *testing.T) {
		Expect(exec.Command("echo", "--image", "docker.io/acme-demo/echoed:1.0.0").Run()).To(Succeed())
	})
}
"""


def test_a_suite_s_image_arguments_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows({"e2e/common/runtimes/runtimes_test.go": SUITE}, tmp_path, monkeypatch, capsys)
    assert sorted((row[0], row[1], row[4], row[5]) for row in rows) == [
        ("e2e/common/runtimes/runtimes_test.go", 14, "acme-demo/app-main:1.0.0", "public"),
        ("e2e/common/runtimes/runtimes_test.go", 20, "gcr.io/distroless/java17-debian12:latest", "public"),
        ("e2e/common/runtimes/runtimes_test.go", 24, "eclipse-temurin:17.0.8.1_1-jdk-ubi9-minimal", "public"),
    ]


def test_a_unit_test_s_arguments_and_a_file_outside_an_e2e_directory_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unit = SUITE.replace("//go:build integration\n// +build integration\n\n", "")
    tree = {"pkg/cmd/run_test.go": unit, "test/integration/runtimes_test.go": SUITE}
    assert tree_rows(tree, tmp_path, monkeypatch, capsys) == []
