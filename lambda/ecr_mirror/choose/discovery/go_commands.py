"""Images a Go program pulls by running docker: `docker run` / `docker pull` commands given to os/exec or to mage's
sh package with literal arguments (pure).

A magefile that lints with a container (`sh.RunV("docker", "run", "--rm", "-v", ..., "cytopia/yamllint:1", ...)`)
or a test helper that starts a service (`exec.Command("docker", "run", "-d", "redis:7")`) pulls the image as a
shell script would. Read: the calls `exec.Command`, `exec.CommandContext` and mage's `sh.Run`, `sh.RunV`,
`sh.Output`, `sh.RunWith`, `sh.RunWithV`, `sh.OutputWith`, `sh.Exec`, when the program is the literal "docker" or
"podman" (after the context, environment or writers those take first). The arguments are read by docker_run.py's
rules: a literal string ("...", or a raw `...`) is a word; any other argument (a name, a call such as
`fmt.Sprintf(...)`) is known only when the program runs, so an image written with one is unresolved, naming it.
A project's own runner given the program and then its words, as `exec.Command` is (`harness.RunCommand("docker",
"pull", image)`: any call, qualified or not, whose first argument is the literal "docker" or "podman", or "kind"
or "kubectl", and whose second is a literal: node-agent's component tests, `testutils.RunCommand("kubectl", "run",
"-n", ns.Name, "malware-cryptominer", "--image=quay.io/petr_ruzicka/malware-cryptominer-container:2.0.2")`), is read
the same way.
A command built in a slice literal and handed, spread, to any call right after the program
(`args := []string{"run", ..., "acme/crossbuild"}`, then `exec.Command("docker", args...)` or a project's own runner,
`utils.CommandWithStdout("docker", args...)`) is read from the literal last assigned to that name before the call,
and so is a slice literal written in the call right after the program (a runner taking the program and its
arguments, `exec.RunCommand("docker", []string{"run", "-d", "ddev/test-ssh-server:v1.22.2"})`; also for "kind" and
"kubectl", below: argo-events' e2e `Exec("kubectl", []string{"-n", ns, "run", "test-pod", "--image", "hello-world"})`).
A task struct naming the program and then its arguments (go-execute's `execute.ExecTask{Command: "docker", Args:
args}`, dstack's GPU probes; `Args` a name assigned a slice literal before, or a slice literal) is read the same way;
in test code (`_test.go`) only a struct of a task type (named `...Task`, `...Exec`, `...Cmd`, `...Command`): another
(`ServerInfo{Command: "docker", Args: []string{"run", "mcp/fetch"}}`, a case of a parser's table test, a server's
configuration) is data handed to the code under test, not run.
A call inside a `for _, image := range images` loop over a slice of literals is read once with each element
(go_range_loops.py). A name the file declares a constant of one literal (`const probeImage =
"curlimages/curl:8.11.1"`, or in a `const ( ... )` block) is that literal, in the call or the slice; a variable
(`var`, `:=`, `=`) is the literal the call's own function last assigns it before the call (trivy's e2e setup,
`testImage := "alpine@sha256:..."` then `exec.Command("docker", "pull", testImage)`), and known only when the
program runs when that assignment is anything else (`os.Getenv(...)`) or is in another function.
A shell given a command string, `exec.Command("/bin/sh", "-c", cmdStr)`, runs it as a shell line, read as a
script's (go_shell_strings.py: a literal, or `fmt.Sprintf` with its verbs known only when the program runs).
The names its `docker build -t` / `docker tag` commands make are images built here (go_docker_builds). The programs
"kind" and "kubectl" are read the same way by kubectl.py's rules: `kind create cluster --image` pulls that node image
(https://kind.sigs.k8s.io/docs/user/quick-start/#creating-a-cluster: a magefile's `sh.RunWithV(env, "kind",
"create", "cluster", "--image", "kindest/node:v1.30.6")`), `kubectl run --image` makes the cluster pull it. Not read:
words `append`ed to the slice, a wrapper given the words themselves, `sh.RunCmd` functions, other process
APIs.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import shlex
from pathlib import PurePath

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_range_loops import RangeLoops
from ecr_mirror.choose.discovery.go_shell_strings import SHELLS, ShellStrings
from ecr_mirror.choose.discovery.go_task_structs import run_as_task
from ecr_mirror.choose.discovery.kubectl import kubectl_images
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild, local_builds
from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder
from ecr_mirror.choose.discovery.source_names import SourceNames

_PROGRAMS = ("docker", "podman")
_CLUSTER_PROGRAMS = ("kind", "kubectl")  # read by kubectl.py's rules
# a cluster tool given as a call's program, its first argument after it: `"kind", "create"`
_CLUSTER_CALL_RE = re.compile(rb'"(?:kind|kubectl)"\s*,\s*(?:"|\[\]string\s*\{)')
# the program is the first argument, or comes after the context (CommandContext), the environment (RunWith,
# RunWithV, OutputWith) or the environment and two writers (Exec)
_CALL_RE = re.compile(
    r"(?<![\w.])(?:exec\.(?P<exec>CommandContext|Command)|sh\.(?P<sh>RunWithV|RunWith|RunV|Run|OutputWith|Output|Exec))"
    r"\s*\(\s*"
)
# a project's runner given the program then its words as literals, like exec.Command: `harness.RunCommand("docker",
# "pull", image)`, `testutils.RunCommand("kubectl", "run", ...)`; the call's name, qualified or not
_RUNNER_RE = re.compile(
    r'(?<![\w.])(?:[A-Za-z_]\w*\.)?(?P<runner>[A-Za-z_]\w*)\s*\(\s*(?="(?:docker|podman|kind|kubectl)"\s*,\s*")'
)
_SKIPPED = {"Command": 0, "CommandContext": 1, "Run": 0, "RunV": 0, "Output": 0, "RunWith": 1, "RunWithV": 1}
_SKIPPED |= {"OutputWith": 1, "Exec": 3}
GO_STRING_RE = re.compile(r'"(?P<double>[^"\\\n]*)"|`(?P<raw>[^`]*)`')
_SPACE_RE = re.compile(r"(?:\s|//[^\n]*)*")
_FUNC_START_RE = re.compile(r"^func[ \t]", re.MULTILINE)
# the program, then a slice spread, as a call's last arguments: `("docker", args...)`, `(ctx, "podman", args...)`
_CONST_BLOCK_RE = re.compile(r"^const[ \t]*\((?P<body>.*?)^\)", re.MULTILINE | re.DOTALL)
_CONST_RE = re.compile(
    r'^[ \t]*(?P<name>[A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*=[ \t]*"(?P<value>[^"\\\n]*)"[ \t]*(?://.*)?$', re.MULTILINE
)
# a slice literal assigned to a name: `args := []string{`, `args = []string{`
_SLICE_RE = re.compile(r"(?<![\w.])(?P<name>[A-Za-z_]\w*)\s*:?=\s*\[\]string\s*\{")
_SPREAD_RE = re.compile(r"[(,]\s*\"(?P<program>docker|podman)\"\s*,\s*(?P<name>[A-Za-z_]\w*)\.\.\.\s*\)")
# the program, then a slice literal written in the call: a project's runner, `exec.RunCommand("docker", []string{...})`,
# an e2e suite's `Exec("kubectl", []string{"-n", ns, "run", ...})`
_INLINE_RE = re.compile(r"[(,]\s*\"(?P<program>docker|podman|kind|kubectl)\"\s*,\s*\[\]string\s*\{")
# a task struct naming the program, then its arguments (other simple fields between): go-execute's
# `execute.ExecTask{Command: "docker", Args: args}` or `Args: []string{...}`
_TASK_RE = re.compile(
    r'(?<![\w.])Command:\s*"(?P<program>docker|podman|kind|kubectl)"\s*,\s*(?:[A-Z]\w*:[ \t]*[^,{}\n]*,\s*)*'
    r"Args:\s*(?:(?P<name>[A-Za-z_]\w*)\s*[,}\n]|\[\]string\s*\{)"
)


def _constants(text: str) -> dict[str, str]:
    """The names the file's `const` declarations bind to one literal string each (a name bound twice is left out)."""
    bodies = [block["body"] for block in _CONST_BLOCK_RE.finditer(text)]
    bodies += [line[len("const") :] for line in re.findall(r"^const[ \t]+[A-Za-z_].*$", text, re.MULTILINE)]
    values: dict[str, list[str]] = {}
    for body in bodies:
        for match in _CONST_RE.finditer(body):
            values.setdefault(match["name"], []).append(match["value"])
    return {name: found[0] for name, found in values.items() if len(found) == 1}


def _arguments(
    text: str, at: int, close: str = ")", constants: dict[str, str] | None = None
) -> list[str | None] | None:
    """The call's arguments (or a slice literal's elements, up to `close`) from `at`: a literal's text (or a
    constant's), or None for any other expression; None when the call is not closed."""
    arguments: list[str | None] = []
    while True:
        at = _SPACE_RE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
        if at >= len(text):
            return None
        if text[at] == close:
            return arguments
        literal = GO_STRING_RE.match(text, at)
        after = _SPACE_RE.match(text, literal.end()).end() if literal else at  # type: ignore[union-attr]
        if literal is not None and text[after : after + 1] in (",", close):
            arguments.append(literal["double"] if literal["double"] is not None else literal["raw"])
            at = after
        else:
            end = expression_end(text, at, GO_STRING_RE, "\"`'", unread_ends=True)
            if end >= len(text):
                return None
            expression = text[at:end].strip()
            if expression in (constants or {}):
                arguments.append((constants or {})[expression])
            else:
                arguments.append(None if expression.endswith("...") else placeholder(expression, "GO_EXPRESSION"))
            if arguments[-1] is None:
                return arguments  # `args...`: the rest is not known
            at = end
        if text[at : at + 1] == ",":
            at += 1


class _Assigned:
    """The literal a function last assigns a name before a call (None when that assignment is no literal, or the
    function has none): read only when a call is given a name, each name's assignments found once, each looked up
    by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._names: SourceNames | None = None
        self._starts: list[int] = []
        self._assignments: dict[str, list[tuple[int, str | None]]] = {}
        self._offsets: dict[str, list[int]] = {}

    def _of(self, name: str) -> list[tuple[int, str | None]]:
        if self._names is None:
            self._names = SourceNames.of(self.text)
            self._starts = [match.start() for match in _FUNC_START_RE.finditer(self.text)]
        if name not in self._assignments:
            pattern = rf"^[ \t]*(?:var[ \t]+)?{re.escape(name)}(?:[ \t]+string)?[ \t]*:?=(?!=)"
            literals = self._names.literals.get(name, [])
            assignments: list[tuple[int, str | None]] = []
            for match in re.finditer(pattern, self.text, re.MULTILINE):
                line_end = self.text.find("\n", match.end())
                line_end = len(self.text) if line_end < 0 else line_end
                value = next((value for at, value in literals if match.end() <= at < line_end), None)
                assignments.append((match.start(), value))
            self._assignments[name] = assignments
            self._offsets[name] = [offset for offset, _ in assignments]
        return self._assignments[name]

    def before(self, name: str, at: int) -> str | None:
        assignments = self._of(name)
        index = bisect.bisect_left(self._offsets[name], at) - 1
        starts = self._starts
        function = starts[bisect.bisect_right(starts, at) - 1] if starts and starts[0] < at else 0
        return assignments[index][1] if index >= 0 and assignments[index][0] >= function else None


def _shell(words: list[str]) -> str:
    return " ".join(f'"{word}"' if word.startswith("${") else shlex.quote(word) for word in words)


def may_run_docker(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold a docker command this module reads (checked before it is decoded): the
    program's literal, or a shell's `"-c"` with a docker command in a string."""
    if PurePath(origin).suffix.lower() != ".go":
        return False
    if any(f'"{program}"'.encode() in data for program in _PROGRAMS) or _CLUSTER_CALL_RE.search(data):
        return True
    return b'"-c"' in data and any(f"{program} ".encode() in data for program in _PROGRAMS)


class _Slices:
    """The slice literals of one text assigned to names, found once (not searched again for each call that spreads
    one), each literal's elements read once."""

    def __init__(self, text: str, constants: dict[str, str]) -> None:
        self.text, self.constants = text, constants
        self._ends: dict[str, list[int]] = {}
        for assignment in _SLICE_RE.finditer(text):
            self._ends.setdefault(assignment["name"], []).append(assignment.end())
        self._words: dict[int, list[str | None] | None] = {}

    def words(self, name: str, before: int) -> list[str | None] | None:
        """The elements of the slice literal last assigned to `name` before `before` (`args := []string{...}`)."""
        ends = self._ends.get(name, [])
        index = bisect.bisect_right(ends, before) - 1
        if index < 0:
            return None
        if (end := ends[index]) not in self._words:
            self._words[end] = _arguments(self.text, end, "}", self.constants)
        return self._words[end]


def _runs(program: str, elements: list[str | None], line: int, origin: str) -> list[Found]:
    """The images of `program` run with a slice's elements, as far as they are known, at the call's line."""
    words = [program]
    for element in elements:
        if element is None:
            break
        words.append(element)
    command = _shell(words)
    pulls = kubectl_images(command, origin) if program in _CLUSTER_PROGRAMS else docker_runs(command, origin)
    return [dataclasses.replace(item, line=line, kind="Go source") for item in pulls]


def _slice_runs(text: str, origin: str) -> list[Found]:
    """The commands a slice literal holds, spread after the program in any call (`run.WithStdout("docker",
    args...)`, a project's own runner, or `exec.Command`), or written in the call right after it
    (`exec.RunCommand("docker", []string{"run", ...})`): the literal's words as far as they are known."""
    found: list[Found] = []
    slices, lines = _Slices(text, _constants(text)), LineIndex(text)
    for call in _SPREAD_RE.finditer(text):
        if lines.led_by(call.start(), "//") or not (elements := slices.words(call["name"], call.start())):
            continue
        found += _runs(call["program"], elements, lines.line(call.start()), origin)
    for call in _INLINE_RE.finditer(text):
        if lines.led_by(call.start(), "//") or not (elements := _arguments(text, call.end(), "}", slices.constants)):
            continue
        found += _runs(call["program"], elements, lines.line(call.start()), origin)
    for task in _TASK_RE.finditer(text):
        if not run_as_task(text, task.start(), origin):
            continue  # a test's configuration or table case handed to the code under test, not run
        elements = (
            slices.words(task["name"], task.start())
            if task["name"]
            else _arguments(text, task.end(), "}", slices.constants)
        )
        if elements and not lines.led_by(task.start(), "//"):
            found += _runs(task["program"], elements, lines.line(task.start()), origin)
    return found


def _commands(text: str) -> list[tuple[int, str]]:
    """(line, shell line) of each docker command given to os/exec, mage or a project's runner with its program
    literal, in order."""
    commands: list[tuple[int, str]] = []
    constants = _constants(text)
    slices, lines = _Slices(text, constants), LineIndex(text)
    loops = RangeLoops(text, slices.words, lambda start: _arguments(text, start, "}", constants))
    shells, assigned = ShellStrings(text), _Assigned(text)
    calls = list(_CALL_RE.finditer(text))
    known = {call.start() for call in calls}
    calls += [call for call in _RUNNER_RE.finditer(text) if call.start() not in known and call["runner"] != "func"]
    for call in sorted(calls, key=lambda call: call.start()):
        if lines.led_by(call.start(), ("//", "func ")):
            continue
        if (arguments := _arguments(text, call.end(), ")", constants)) is None:
            continue
        skipped = _SKIPPED[call["exec"] or call["sh"]] if "runner" not in call.re.groupindex else 0
        if len(arguments) > skipped and arguments[skipped] in SHELLS:  # `exec.Command("/bin/sh", "-c", cmdStr)`
            if (script := shells.script(call.end(), skipped)) is not None:
                commands.append((lines.line(call.start()), script))
            continue
        if len(arguments) <= skipped or arguments[skipped] not in (*_PROGRAMS, *_CLUSTER_PROGRAMS):
            continue
        words: list[str] = []
        for argument in arguments[skipped:]:
            if argument is None:
                break
            name = argument[2:-1] if argument.startswith("${") and argument.endswith("}") else ""
            bound = assigned.before(name, call.start()) if name.isidentifier() else None
            words.append(argument if bound is None else bound)
        commands += [(lines.line(call.start()), _shell(each)) for each in _looped(loops, call.start(), words)]
    return commands


def _looped(loops: RangeLoops, at: int, words: list[str]) -> list[list[str]]:
    """`words` once for each value of the `range` loop variable it holds (`sh.Run("docker", "pull", image)` in `for
    _, image := range images`), go_range_loops.py; as they are when no word is one."""
    for index, word in enumerate(words):
        name = word[2:-1] if word.startswith("${") and word.endswith("}") else ""
        if not name.isidentifier() or name == "GO_EXPRESSION":
            continue
        if (values := loops.values(name, at)) is not None:
            return [[*words[:index], value, *words[index + 1 :]] for value in values]
    return [words]


def go_docker_runs(text: str, origin: str) -> list[Found]:
    """The images the literal docker commands of a Go source run or pull, in order."""
    found: list[Found] = _slice_runs(text, origin)
    for line, command in _commands(text):
        pulls = (
            kubectl_images(command, origin) if command.startswith(_CLUSTER_PROGRAMS) else docker_runs(command, origin)
        )
        found += [dataclasses.replace(item, line=line, kind="Go source") for item in pulls]
    return found


def go_docker_builds(text: str, origin: str) -> list[LocalBuild]:
    """The literal names the docker commands of a Go source build or tag (`exec.Command("docker", "build", "-t",
    "catalog-test", ".")`): images made here, which its `docker run` of the same name does not pull."""
    return [
        dataclasses.replace(build, line=line)
        for line, command in _commands(text)
        for build in local_builds(command, origin)
    ]


def docker_commands(text: str) -> list[tuple[int, str]]:
    """(line, shell line) of each literal docker command a Go source gives os/exec or mage (an argument that is a
    name written `${NAME}`), in order: go_command_wrappers.py reads a function's commands with its parameters."""
    return _commands(text)


def file_constants(text: str) -> dict[str, str]:
    """The names the file's `const` declarations bind to one literal string each."""
    return _constants(text)


def slice_elements(text: str, at: int, constants: dict[str, str]) -> list[str | None] | None:
    """The elements of the slice literal whose `{` ends at `at`, read as a call's arguments (`constants` resolved);
    None when it does not close."""
    return _arguments(text, at, "}", constants)


def call_arguments(text: str, at: int) -> list[str | None] | None:
    """The arguments of the call whose `(` ends at `at`: literals (and the file's constants) as their text, any
    other expression `${NAME}` (`${GO_EXPRESSION}` when not a plain name); None when the call is not closed."""
    return _arguments(text, at, ")", _constants(text))
