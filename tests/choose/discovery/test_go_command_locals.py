"""A docker command of a Go source given a name its function binds to a literal before the call (`testImage :=
"alpine@sha256:..."` then `exec.Command("docker", "pull", testImage)`): the image is that literal, the binding last
written before the call in the same function; a name bound only in another function, or after the call, or to
anything but a literal, is known only when the program runs."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_commands import go_docker_runs

SOURCE = """\
package e2e

import (
\t"os"
\t"os/exec"
)

func setupImages() error {
\ttestImage := "alpine@sha256:1111111111111111111111111111111111111111111111111111111111111111"
\tif err := exec.Command("docker", "pull", testImage).Run(); err != nil {
\t\treturn err
\t}
\ttestImage = "busybox:1.36.1"
\treturn exec.Command("docker", "run", "--rm", testImage, "true").Run()
}

func fromEnv() error {
\tif err := exec.Command("docker", "pull", testImage).Run(); err != nil {
\t\treturn err
\t}
\tproxy := os.Getenv("PROXY_IMAGE")
\treturn exec.Command("docker", "pull", proxy).Run()
}
"""


def test_a_name_bound_to_a_literal_before_the_call_in_its_function_is_that_literal() -> None:
    found = go_docker_runs(SOURCE, "e2e/e2e_test.go")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("alpine@sha256:" + "1" * 64, 10, True),
        ("busybox:1.36.1", 14, True),
        ("${testImage}", 18, False),
        ("${proxy}", 22, False),
    ]
