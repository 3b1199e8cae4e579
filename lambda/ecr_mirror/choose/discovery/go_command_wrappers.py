"""Images a Go package hands its own function that runs docker with one of its string parameters (pure).

A provider's or a project's tests pull or start images through a small helper of their package (`func
pullImageForTest(t *testing.T, imageName string)` running `exec.Command("docker", "pull", imageName)`), called with
the image: `pullImageForTest(t, imageName)` after `imageName := "busybox:1.35.0@sha256:..."`. A wrapper is a
top-level function (not a method) one of whose `string` parameters is a word of a docker command its body runs
(go_commands.py's reading: `exec.Command`, `exec.CommandContext`, mage's `sh.Run...`). A call of it, unqualified, in
a file of the same package (its directory) hands it the argument in that place: a literal, a constant of the file,
or a name the file binds to a literal (source_names.py; the binding last written before the call, as in a test that
binds `imageName :=` in each of its functions). The command is read with that value (docker_run.py's rules), and
the images it names with the value are the call's; a value the command uses otherwise (a container name, an argument
of the container's own command, a `docker tag` source) adds nothing. An argument of any other kind (a call, an
environment variable) is known only when the tests run, and adds nothing. A function of the same file that calls a
wrapper with one of its own `string` parameters is a wrapper too (a kind harness's `func ensureKindImage(image
string)` calling `ensureLocalImage(image)`, whose `harness.RunCommand("docker", "pull", image)` pulls it), up to four
functions deep.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from collections.abc import Iterable, Iterator, Mapping

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import call_arguments, docker_commands
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames

# a top-level function (no receiver) and its parameter list
_FUNC_RE = re.compile(r"^func[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\((?P<params>[^)]*)\)", re.MULTILINE)
_BODY_END_RE = re.compile(r"^}", re.MULTILINE)
_PARAM_RE = re.compile(r"^\s*(?P<name>[A-Za-z_]\w*)(?:\s+(?P<type>\S.*?))?\s*$")

Wrapper = tuple[int, str, str]  # (place of the parameter among the arguments, its name, the docker command)


def string_parameters(params: str) -> list[tuple[int, str]]:
    """(place, name) of each `string` parameter: `t *testing.T, image string`, `name, image string`."""
    pieces = [_PARAM_RE.match(piece) for piece in params.split(",")]
    if not all(pieces):
        return []
    found: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []  # names whose type a later piece gives (`name, image string`)
    for place, piece in enumerate(pieces):
        assert piece is not None
        pending.append((place, piece["name"]))
        if piece["type"] is not None:
            found += pending if piece["type"] == "string" else []
            pending = []
    return found


def command_wrappers(text: str) -> dict[str, list[Wrapper]]:
    """The top-level functions of a Go source that run a docker command with one of their `string` parameters."""
    commands = docker_commands(text)
    if not commands:
        return {}
    lines = LineIndex(text)
    wrappers: dict[str, list[Wrapper]] = {}
    bodies: list[tuple[str, int, int, list[tuple[int, str]]]] = []  # (name, body start, end, string parameters)
    for function in _FUNC_RE.finditer(text):
        end = _BODY_END_RE.search(text, function.end())
        stop = end.start() if end else len(text)
        first, last = lines.line(function.end()), lines.line(stop)
        inside = [command for line, command in commands if first <= line <= last]
        parameters = string_parameters(function["params"])
        bodies.append((function["name"], function.end(), stop, parameters))
        for place, name in parameters:
            for command in inside:
                if "${" + name + "}" in command:
                    wrappers.setdefault(function["name"], []).append((place, name, command))
    return _handed_down(text, lines, bodies, wrappers)


def _handed_down(
    text: str,
    lines: LineIndex,
    bodies: list[tuple[str, int, int, list[tuple[int, str]]]],
    wrappers: dict[str, list[Wrapper]],
) -> dict[str, list[Wrapper]]:
    """The wrappers with the functions of the same file that call one with one of their own `string` parameters
    (`func ensureKindImage(image string)` calling `ensureLocalImage(image)`, which runs `docker pull`): a wrapper too,
    its command read with that parameter; up to four functions deep."""
    for _ in range(4 if wrappers else 0):
        added = False
        for function, start, stop, parameters in bodies:
            names = {name: place for place, name in parameters}
            for callee, at, arguments in calls_of(text[:stop], wrappers, lines):
                if at < start or callee == function:
                    continue
                for place, name, command in list(wrappers[callee]):
                    argument = arguments[place] if place < len(arguments) else None
                    own = argument[2:-1] if argument and argument.startswith("${") else None
                    wrapper = (
                        (names[own], own, command.replace("${" + name + "}", "${" + own + "}"))
                        if own in names
                        else None
                    )
                    if wrapper is not None and wrapper not in wrappers.get(function, []):
                        wrappers.setdefault(function, []).append(wrapper)
                        added = True
        if not added:
            break
    return wrappers


def bound_value(argument: str | None, names: SourceNames, at: int) -> str | None:
    """A call's argument as a literal: itself, or the literal last bound to the name before the call."""
    if argument is None:
        return None
    if not (argument.startswith("${") and argument.endswith("}")):
        return argument
    bound = [(offset, value) for offset, value in names.values(argument[2:-1]) if offset < at]
    return max(bound)[1] if bound else None


def calls_of(
    text: str, functions: Iterable[str], lines: LineIndex, qualified: bool = False
) -> Iterator[tuple[str, int, list[str | None]]]:
    """(name, offset, arguments) of each call in `text` of one of `functions` (also `pkg.F(` when `qualified`), not in
    a comment or a declaration, whose arguments can be read."""
    prefix = r"(?<![\w])(?:[A-Za-z_]\w*\.)?" if qualified else r"(?<![\w.])"
    calls = re.compile(prefix + r"(?P<name>" + "|".join(map(re.escape, sorted(functions))) + r")\s*\(")
    for call in calls.finditer(text):
        if (
            not lines.led_by(call.start(), ("//", "func "))
            and (arguments := call_arguments(text, call.end())) is not None
        ):
            yield call["name"], call.start(), arguments


def wrapper_runs(text: str, origin: str, wrappers: Mapping[str, list[Wrapper]]) -> list[Found]:
    """The images the calls of a package's docker wrappers in one of its files hand them, in order."""
    if not wrappers:
        return []
    names, lines = SourceNames.of(text), LineIndex(text)
    found: list[Found] = []
    for function, at, arguments in calls_of(text, wrappers, lines):
        for place, name, command in wrappers[function]:
            value = bound_value(arguments[place], names, at) if place < len(arguments) else None
            if value is None or value.startswith("${"):
                continue
            given = command.replace('"${' + name + '}"', shlex.quote(value))
            line = lines.line(at)
            found += [
                dataclasses.replace(item, line=line, kind="Go source")
                for item in docker_runs(given, origin)
                if item.text == value
            ]
    return found
