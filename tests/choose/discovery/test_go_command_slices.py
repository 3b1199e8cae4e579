"""Go sources that build a docker command's arguments in a slice literal and hand it, spread, to a call with the
program first (`exec.Command("docker", args...)`, or a project's own runner, `run.WithStdout("docker", args...)`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_commands import go_docker_runs

SOURCE = """\
package cmd

import (
\t"os"
\t"os/exec"
\t"strings"

\t"example.com/acme/internal/run"
)

func crossBuild(flags []string) {
\tpwd, _ := os.Getwd()

\targs := []string{
\t\t"run", "--rm",
\t\t"--user", "1000:1000",
\t\t"-e", "RELEASE_TAG=" + os.Getenv("RELEASE_TAG"),
\t\t"-e", "FLAGS=" + strings.Join(flags, " "),
\t\t// the toolchain comes from the agent
\t\t"-v", pwd + ":/workdir",
\t\t"acme/crossbuild",
\t\t"goreleaser", "release",
\t}

\tcmd := run.WithStdout("docker", args...)
\t_ = cmd.Run()
}

func lint() error {
\targs := []string{"run", "--rm", "-v", ".:/src", "ghcr.io/acme/lint:2.1"}
\targs = append(args, "--fix")
\treturn exec.Command("podman", args...).Run()
}

func notDocker() {
\targs := []string{"run", "not/docker:1"}
\t_ = exec.Command("nerdctl", args...).Run()
\tparts := []string{"pull", "not/joined:1"}
\t_ = strings.Join(append([]string{"docker"}, parts...), " ")
}

func unknownSlice(extra []string) {
\t_ = exec.Command("docker", extra...).Run()
}
"""


def test_a_slice_literal_spread_after_the_program_is_read_as_the_command() -> None:
    found = go_docker_runs(SOURCE, "cmd/build.go")
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("acme/crossbuild", 25, "docker run", None),
        ("ghcr.io/acme/lint:2.1", 32, "docker run", None),
    ]
    assert {item.kind for item in found} == {"Go source"}


CONSTANTS = """\
package harness

import (
\t"context"
\t"os/exec"
)

const (
\t// the image of the throwaway probe container
\tprobeImage   = "curlimages/curl:8.11.1"
\tprobeAlias   = "probe"
)

const sidecarImage = "busybox:1.37"

var mutableImage = "alpine:3.21"

func probe(ctx context.Context, id string, other string) error {
\targs := []string{
\t\t"run", "--rm",
\t\t"--network", "container:" + id,
\t\tprobeImage,
\t\t"-ksS", "https://example.com/",
\t}
\tif err := exec.CommandContext(ctx, "docker", args...).Run(); err != nil {
\t\treturn err
\t}
\tif err := exec.CommandContext(ctx, "docker", "run", "--rm", sidecarImage, "true").Run(); err != nil {
\t\treturn err
\t}
\treturn exec.CommandContext(ctx, "docker", "run", "--rm", mutableImage, other).Run()
}
"""


def test_a_name_a_const_declaration_binds_to_one_literal_is_that_literal() -> None:
    found = go_docker_runs(CONSTANTS, "harness/client.go")
    assert sorted((item.text, item.line, item.problem is None) for item in found) == [
        ("${mutableImage}", 31, False),  # a variable may change before the call: known only when it runs
        ("busybox:1.37", 28, True),
        ("curlimages/curl:8.11.1", 25, True),
    ]


INLINE = """\
package cmd

import (
\t"testing"

\t"example.com/tool/pkg/exec"
)

func TestAuthSSH(t *testing.T) {
\t_, err := exec.RunCommand("docker", []string{"exec", "tool-agent", "ssh-add", "-D"})
\t_, err = exec.RunCommand("docker", []string{"run", "-d", "--name=ssh-server",
\t\t"--network=tool_default", "acme/test-ssh-server:v1.2.2"})
\t_, err = exec.RunCommand("podman", []string{"pull", "quay.io/acme/probe:3"})
\t// _, err = exec.RunCommand("docker", []string{"run", "acme/commented:1"})
\t_, err = exec.RunCommand("nerdctl", []string{"run", "not/docker:1"})
\trows := []struct{ program string; args []string }{{"docker", []string{"run", "not/a-table-row:1"}}}
\t_, err = exec.RunCommand("docker", []string{"run", "--rm", image, "true"})
\t_ = rows
\t_ = err
}
"""


def test_a_slice_literal_written_after_the_program_is_read_as_the_command() -> None:
    found = go_docker_runs(INLINE, "cmd/auth_test.go")
    assert [(item.text, item.line, item.use, item.problem is None) for item in found] == [
        ("acme/test-ssh-server:v1.2.2", 11, "docker run", True),
        ("quay.io/acme/probe:3", 13, "docker pull", True),
        ("${image}", 17, "docker run", False),  # a name: known only when the test runs
    ]


TASK = """\
package host

import (
\t"context"

\texecute "github.com/alexellis/go-execute/v2"
)

const (
\tsmiImage = "acme/gpu-smi:latest"
)

func gpuInfo(ctx context.Context, withDriver bool) (string, error) {
\targs := []string{
\t\t"run",
\t\t"--rm",
\t\t"--device", "/dev/kfd",
\t\tsmiImage,
\t\t"static", "--json",
\t}
\tif withDriver {
\t\targs = append(args, "--driver")
\t}
\tcmd := execute.ExecTask{
\t\tCommand:     "docker",
\t\tArgs:        args,
\t\tStreamStdio: false,
\t}
\tpull := execute.ExecTask{Command: "podman", Args: []string{"pull", "quay.io/acme/probe:3"}}
\tother := execute.ExecTask{Command: "nerdctl", Args: []string{"pull", "not/docker:1"}}
\t_, _ = pull.Execute(ctx)
\t_, _ = other.Execute(ctx)
\tres, err := cmd.Execute(ctx)
\treturn res.Stdout, err
}
"""


def test_a_task_struct_naming_the_program_and_its_arguments_is_read_as_the_command() -> None:
    """go-execute's `ExecTask{Command: "docker", Args: args}` (a struct literal with the program and a slice) runs
    the command as exec.Command does."""
    found = go_docker_runs(TASK, "runner/host/gpu.go")
    assert [(item.text, item.line, item.use, item.problem is None) for item in found] == [
        ("acme/gpu-smi:latest", 25, "docker run", True),
        ("quay.io/acme/probe:3", 29, "docker pull", True),
    ]


TABLE = """package scanner

func TestDockerImageFromCommand(t *testing.T) {
\tcases := []struct {
\t\tname string
\t\tinfo ServerInfo
\t\twant string
\t}{
\t\t{
\t\t\tname: "simple docker run",
\t\t\tinfo: ServerInfo{Command: "docker", Args: []string{"run", "-i", "--rm", "mcp/fetch"}},
\t\t\twant: "mcp/fetch",
\t\t},
\t}
\tclient := &config.ServerConfig{
\t\tName:    "user-docker-server",
\t\tCommand: "docker",
\t\tArgs:    []string{"run", "-i", "--rm", "mcp/example"},
\t}
\tprobe := execute.ExecTask{Command: "docker", Args: []string{"pull", "quay.io/acme/probe:3"}}
\t_, _ = probe.Execute(ctx)
}
"""


def test_a_tests_configuration_struct_naming_docker_is_data_not_a_command() -> None:
    """In test code, a struct of another type than a task (`ServerInfo{Command: "docker", Args: [...]}`, the
    configuration of a server the code under test would start, a table case it parses) is handed to the code, not
    run; a task struct (`execute.ExecTask`) is run as in a program."""
    found = go_docker_runs(TABLE, "internal/security/scanner/image_scan_test.go")
    assert [(item.text, item.use) for item in found] == [("quay.io/acme/probe:3", "docker pull")]
