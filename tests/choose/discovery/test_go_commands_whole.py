"""Docker commands of Go sources read whole: every call form at its edges, slices spread into a call, comments,
expressions and unclosed calls, each finding compared with its line, problem, use and kind (go_commands.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import go_docker_runs

SOURCE = """
package main

func run() {
\texec.Command("git", "pull")
\texec.CommandContext(ctx)
\texec.Command("docker","run","--rm","nospace:1")
\texec.Command("docker", "run", "--rm", fmt.Sprintf("redis:%s", v))
\texec.Command("docker", "run", opts...)
\texec.Command("docker", "run", opts... )
\texec.Command("docker", "run", "say \\"hi\\"", "escaped:1")
//exec.Command("docker", "run", "commented:1")
\t// run.WithStdout("docker", commented...)
\targs := []string{"run", "--rm", "spread:1"}
\trun.WithStdout("docker", args...)
\tmore := []string{"run", "--rm", extra..., "after-spread:1"}
\tutils.Run("podman", more...)
\tsh.RunV("docker", "pull", "pulled:1")
}
// the end
"""

UNKNOWN = "$GO_EXPRESSION has no value in this file (set by the environment, the command line or a caller)"


def test_every_call_form() -> None:
    # (the file starts with a blank line, counted) another program, too few arguments, a spread or a string with
    # escapes ending what is known, commented calls (also at the start of a line), a slice holding a spread: nothing;
    # calls without blanks after commas are read; the spread slices first, then the calls, each in order
    assert go_docker_runs(SOURCE.rstrip("\n"), "magefile.go") == [  # the last line a comment
        Found("spread:1", "magefile.go", 15, None, "docker run", "Go source"),
        Found("nospace:1", "magefile.go", 7, None, "docker run", "Go source"),
        Found("${GO_EXPRESSION}", "magefile.go", 8, UNKNOWN, "docker run", "Go source"),
        Found("pulled:1", "magefile.go", 18, None, "docker pull", "Go source"),
    ]


def test_a_call_cut_off_at_the_end_of_the_file_gives_nothing() -> None:
    assert go_docker_runs('package x\nfunc a() { exec.Command("docker", ', "x.go") == []
