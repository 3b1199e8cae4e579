"""`discover` on Go test suites whose images are package-level variables one file of the package sets from the
environment, with a default, and the package's other files use (docker commands, e2e `Image:` fields)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

GO_MOD = "module github.com/example/cni\n\ngo 1.25\n"

SUITE = """\
//go:build functional

package functional

import (
	"os"
	"testing"
)

var (
	arch      string
	storeImg  string
	clientImg string
	plainImg  string
	eitherImg string
)

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

func TestFunctional(t *testing.T) {
	arch = env("ARCH", "amd64")
	base := env("STORE_IMG", "quay.io/acme/store:v3.6.2")
	storeImg = base
	clientImg = "quay.io/acme/store:v3.6.2"
	plainImg = "quay.io/acme/store:v3.6.2"
	plainImg += "-debug"
	eitherImg = "quay.io/acme/either:1"
	switch arch {
	case "arm64":
		storeImg += "-arm64"
		clientImg += "-arm64"
	}
}

func setOther() {
	eitherImg = "quay.io/acme/either:2"
}
"""

DOCKER = """\
//go:build functional

package functional

import "os/exec"

func dockerRun(args ...string) (string, error) {
	cmd := exec.Command("docker", append([]string{"run"}, args...)...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func startStore() {
	_, _ = dockerRun("-d", "--name=store", storeImg, "serve")
	_, _ = dockerRun("--rm", clientImg, "client")
	_, _ = dockerRun("--rm", plainImg, "client")
	_, _ = dockerRun("--rm", eitherImg, "client")
}
"""

E2E_SUITE = """\
//go:build e2e

package e2e

import "os"

var toolImage string

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

var _ = BeforeSuite(func() {
	toolImage = env("TOOL_IMAGE", "acme/network-tool:alpine-extra")
})
"""

E2E_KUBE = """\
//go:build e2e

package e2e

import corev1 "k8s.io/api/core/v1"

func toolPod() corev1.Pod {
	return corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{
		Name:  "tool",
		Image: toolImage,
	}}}}
}
"""


def test_a_package_variable_set_in_another_file_of_the_package_names_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": GO_MOD,
        "functional/suite_test.go": SUITE,
        "functional/docker_test.go": DOCKER,
        "e2e/suite_test.go": E2E_SUITE,
        "e2e/kube.go": E2E_KUBE,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    seen = {(file, line, use, ref, status) for file, line, _, use, ref, status in rows}
    assert seen == {
        # the env helper's default; the `+= "-arm64"` of a `case` is another architecture's variant
        ("functional/docker_test.go", 14, "docker run", "quay.io/acme/store:v3.6.2", "public"),
        ("functional/docker_test.go", 15, "docker run", "quay.io/acme/store:v3.6.2", "public"),
        # appended to where it is set: not the literal alone; two functions set two values: not known
        ("functional/docker_test.go", 16, "docker run", None, "unresolved"),
        ("functional/docker_test.go", 17, "docker run", None, "unresolved"),
        ("e2e/kube.go", 10, "Image (e2e test)", "acme/network-tool:alpine-extra", "public"),
    }
