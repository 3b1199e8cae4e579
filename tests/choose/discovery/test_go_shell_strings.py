"""Go sources that run a shell with a command string, `exec.Command("/bin/sh", "-c", cmdStr)`: the string is a
shell line, read by the scripts' rules, whether written in the call, or formatted into a name just before it
(`cmdStr := fmt.Sprintf("docker pull hello-world:latest; docker tag hello-world:latest %s/library/...", addr)`,
each verb a value known only when the test runs)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_commands import go_docker_builds, go_docker_runs, may_run_docker

SUITE = """\
package integration

import (
\t"fmt"
\t"os/exec"
)

func (b *BaseTestSuite) TestPush() {
\taddr := b.Addr()
\tcmdStr := fmt.Sprintf("docker pull hello-world:latest;docker tag hello-world:latest %s/library/hello-world:latest",
\t\taddr)
\tcmd := exec.Command("/bin/sh", "-c", cmdStr)
\t_ = cmd.Run()

\tcmdStr = fmt.Sprintf("docker rmi %s/library/hello-world:latest", addr)
\tcmd = exec.Command("/bin/sh", "-c", cmdStr)
\t_ = cmd.Run()

\tout, _ := exec.CommandContext(ctx, "bash", "-c", "docker run --rm alpine:3.20 true").CombinedOutput()
\t_ = exec.Command("sh", "-c", "echo docker run busybox:1 > notes.txt")
\t_ = exec.Command("sh", "-c", b.script)
\t_ = exec.Command("sh", "-c", fmt.Sprintf("docker run %s", image))
\t_ = out
}
"""


def test_a_shell_command_string_given_to_sh_c_is_read() -> None:
    found = go_docker_runs(SUITE, "test/integration/base.go")
    assert [(item.text, item.line, item.use, item.problem is None) for item in found] == [
        ("hello-world:latest", 12, "docker pull", True),
        ("alpine:3.20", 19, "docker run", True),
        ("${image}", 22, "docker run", False),
    ]
    assert {item.kind for item in found} == {"Go source"}


def test_the_images_a_shell_string_builds_are_built_there() -> None:
    text = 'func build() {\n\t_ = exec.Command("bash", "-c", "docker build -t acme/app:dev . && docker push x")\n}\n'
    builds = go_docker_builds(text, "test/integration/build.go")
    assert [(build.line, build.name) for build in builds] == [(2, "acme/app:dev")]


def test_go_sources_running_a_shell_with_docker_in_its_string_are_opened() -> None:
    assert may_run_docker("test/integration/base.go", b'exec.Command("/bin/sh", "-c", "docker pull x:1")')
    assert not may_run_docker("test/integration/base.go", b'exec.Command("/bin/sh", "-c", "make test")')
