"""Whether a Go struct naming a program and its arguments is a task that runs (pure).

go_commands.py reads a task struct, `execute.ExecTask{Command: "docker", Args: []string{...}}` (go-execute's, whose
`Execute` runs it), as the command it runs. In test code (`_test.go`) a struct of another type with the same fields
is most often data handed to the code under test: an MCP proxy's parser test, `ServerInfo{Command: "docker", Args:
[]string{"run", "-i", "--rm", "mcp/fetch"}}` in a table of cases, or the configuration of a server a test client
would start; only a struct whose type is named for a task (`...Task`, `...Exec`, `...Cmd`, `...Command`) is read
there. A program's own code runs what it configures, so every such struct is read there.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.go_test_tables import literal_start

# the type of a struct that is a task a test runs (go-execute's `ExecTask`), not configuration handed to code
_TASK_TYPE_RE = re.compile(r"(?:Task|Exec|Cmd|Command)\w*$")
_TYPE_END_RE = re.compile(r"[\w.]*$")


def _struct_type(text: str, at: int) -> str:
    """The type written before the `{` of the composite literal holding offset `at` (`execute.ExecTask`), or ''."""
    start = literal_start(text, at)
    match = _TYPE_END_RE.search(text[max(0, start - 201) : start - 1].rstrip()) if start > 0 else None
    return match.group(0) if match else ""


def run_as_task(text: str, at: int, origin: str) -> bool:
    """Whether the struct literal holding offset `at` of the Go file `origin` is a command that runs (see the
    module)."""
    return not origin.endswith("_test.go") or _TASK_TYPE_RE.search(_struct_type(text, at)) is not None
