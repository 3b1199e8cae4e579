"""Go sources that pull each image of a slice literal in a `for ... range` loop (a magefile preparing the images of
an end-to-end test: `for _, image := range images { sh.Run("docker", "pull", image) }`): the loop's variable is each
literal element in turn, the slice written in the loop (`range []string{...}`) or assigned to a name before it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_commands import go_docker_runs

SOURCE = """\
//go:build mage

package main

import (
\t"fmt"
\t"os/exec"

\t"github.com/magefile/mage/sh"
)

// PrepareImages pulls the test images and loads them into kind.
func PrepareImages() error {
\timages := []string{
\t\t"mirror.gcr.io/library/redis:7.4",
\t\t"alpine:3.21.1",
\t}
\tfmt.Printf("Preparing %d image(s)...\\n", len(images))
\tfor _, image := range images {
\t\tif err := sh.Run("docker", "pull", image); err != nil {
\t\t\treturn fmt.Errorf("couldn't pull image %q: %v", image, err)
\t\t}
\t\tif err := sh.Run("kind", "load", "docker-image", image); err != nil {
\t\t\treturn err
\t\t}
\t}
\tfor _, name := range []string{"busybox:1.37", "nginx:1.27"} {
\t\t_ = exec.Command("docker", "pull", name).Run()
\t}
\treturn nil
}

func pullAll(tags []string) {
\tfor _, tag := range tags {
\t\t_ = sh.Run("docker", "pull", tag)
\t}
\t_ = sh.Run("docker", "pull", image)
}
"""


def test_a_range_loop_over_a_slice_literal_pulls_each_element() -> None:
    found = go_docker_runs(SOURCE, "magefile.go")
    assert [(item.text, item.line, item.problem is None) for item in found] == [
        ("mirror.gcr.io/library/redis:7.4", 20, True),
        ("alpine:3.21.1", 20, True),
        ("busybox:1.37", 28, True),
        ("nginx:1.27", 28, True),
        ("${tag}", 35, False),  # a parameter: known only when the program runs
        ("${image}", 37, False),  # after the loop: not its variable
    ]


def test_a_loop_of_many_calls_is_read_in_a_time_that_grows_with_its_length() -> None:
    # each call looked for its loop from the file's start and counted the braces of the body before it: a loop of
    # 20,000 calls took minutes
    calls = '\t\t_ = exec.Command("docker", "pull", image).Run()\n' * 20_000
    head = 'package main\n\nfunc F() {\n\timages := []string{"alpine:3.21.1"}\n\tfor _, image := range images {\n'
    source = head + calls + "\t}\n}\n"
    found = go_docker_runs(source, "magefile.go")
    assert len(found) == 20_000
    assert {(item.text, item.problem) for item in found} == {("alpine:3.21.1", None)}
    assert [item.line for item in found[:2]] == [6, 7]
