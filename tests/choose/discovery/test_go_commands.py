"""Go sources that run docker through os/exec or mage's sh package: the images of their literal `docker run` /
`docker pull` commands."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_commands import go_docker_runs, may_run_docker

MAGEFILE = """\
//go:build mage

package main

import (
\t"fmt"
\t"os"
\t"os/exec"

\t"github.com/magefile/mage/sh"
)

// Lint checks the YAML files.
func Lint() error {
\tcwd, _ := os.Getwd()
\tif err := sh.RunV("docker", "run", "-v", fmt.Sprintf("%s:/src", cwd), "cytopia/yamllint:1", "/src"); err != nil {
\t\treturn err
\t}
\treturn sh.RunWithV(map[string]string{"DOCKER_BUILDKIT": "1"}, "docker", "run", "--rm",
\t\t"-w", "/src",
\t\t`ghcr.io/acme/markdownlint:v0.4`, "--config", "/src/.markdownlint.yaml")
}

func pullFixtures(ctx context.Context, image string) error {
\t// sh.Run("docker", "pull", "commented/out:1")
\tif out, err := sh.Output("podman", "pull", "quay.io/acme/fixtures:2"); err != nil {
\t\treturn fmt.Errorf("%s: %w", out, err)
\t}
\tif err := exec.CommandContext(ctx, "docker", "pull", image).Run(); err != nil {
\t\treturn err
\t}
\treturn exec.Command("docker", "build", "-t", "acme/app:dev", ".").Run()
}

func version() string {
\tout, _ := exec.Command("git", "describe", "--tags").Output()
\treturn fmt.Sprintf("docker run %s", out)
}
"""


def test_literal_docker_commands_run_through_exec_and_mage_sh() -> None:
    found = go_docker_runs(MAGEFILE, "magefiles/lint.go")
    assert [(item.text, item.line, item.use, item.problem is None) for item in found] == [
        ("cytopia/yamllint:1", 16, "docker run", True),
        ("ghcr.io/acme/markdownlint:v0.4", 19, "docker run", True),
        ("quay.io/acme/fixtures:2", 26, "docker pull", True),
        ("${image}", 29, "docker pull", False),
    ]
    assert {item.kind for item in found} == {"Go source"}
    assert "image" in (found[3].problem or "")


def test_only_go_sources_naming_docker_or_podman_are_opened() -> None:
    assert may_run_docker("magefiles/lint.go", b'sh.RunV("docker", "run")')
    assert not may_run_docker("magefiles/lint.go", b'sh.RunV("git", "status")')
    assert not may_run_docker("scripts/lint.py", b'run("docker", "run")')


def test_kubectl_and_kind_given_to_a_project_runner_with_their_words() -> None:
    source = """\
package tests

func TestMalwareDetection(t *testing.T) {
	ns := testutils.NewRandomNamespace()
	exitCode := testutils.RunCommand("kubectl", "run", "-n", ns.Name, "miner", "--image=quay.io/acme/miner:2.0.2")
	require.Equal(t, 0, exitCode)
	testutils.RunCommand("kubectl", "wait", "--for=condition=Ready", "pod", "miner", "-n", ns.Name)
	RunCommand("kind", "create", "cluster", "--image", "kindest/node:v1.33.1")
}
"""
    assert may_run_docker("tests/component_test.go", source.encode())
    found = go_docker_runs(source, "tests/component_test.go")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/acme/miner:2.0.2", 5),
        ("kindest/node:v1.33.1", 8),
    ]
