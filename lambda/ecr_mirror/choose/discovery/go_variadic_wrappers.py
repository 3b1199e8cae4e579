"""Images a Go package's callers hand its function that runs docker with their words, variadic (pure).

A Go test tree often keeps a small helper package that starts the containers its tests watch, taking the rest of
the docker command from its caller: `func Run(tb testing.TB, args ...string)` that prepends the subcommand,
`args = append([]string{"run", "--detach"}, args...)`, and runs `exec.Command("docker", args...)` (or writes it in
one call, `exec.Command("docker", append([]string{"create"}, args...)...)`). Go passes a variadic parameter's
arguments as the slice (https://go.dev/ref/spec#Passing_arguments_to_..._parameters), so a call
`docker.Create(t, "--name", "in-init-tree-test", "bash", "bash", "-c", "sleep infinity")` runs `docker create --name
in-init-tree-test bash bash -c "sleep infinity"`, which pulls `bash:latest`. Read: top-level functions whose last
parameter is `NAME ...string` and whose body gives `exec.Command` or `exec.CommandContext` the program "docker" or
"podman", then literal words, then `NAME...` (the literal words of the `append([]string{...}, NAME...)` last
assigned to NAME before it prefixed) or `append([]string{...}, NAME...)...`; a word of the prefix that is no literal
(`append([]string{"exec", id}, args...)`) is known only when the tests run. Their calls: unqualified in a file of the
same package (its directory), and `ALIAS.F(` in a file importing the package's path (its alias, or its path's last
element). The call's arguments from the variadic place are the command's words: a literal, a constant of the
file, or the literal the file last binds to a name before the call (go_command_wrappers.bound_value); any other
argument is a word known only when the tests run (an image so written is unresolved); nothing after a spread
(`opts...`) is known. The command is read by docker_run.py's rules (`run`, `create`, `pull`), at the call's line.
Not read: wrappers whose variadic slice is built otherwise (words appended later, a loop), other process APIs,
methods.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from collections.abc import Mapping

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_command_wrappers import bound_value, calls_of
from ecr_mirror.choose.discovery.go_commands import call_arguments
from ecr_mirror.choose.discovery.go_helpers import imports
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames

MARK = b"...string"  # the bytes of a Go file that may declare such a wrapper

# a top-level function (no receiver) whose last parameter is variadic strings
_FUNC_RE = re.compile(
    r"^func[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\((?P<params>[^)]*?)(?P<variadic>[A-Za-z_]\w*)\s+\.\.\.string\s*\)",
    re.MULTILINE,
)
_BODY_END_RE = re.compile(r"^}", re.MULTILINE)
_LITERALS = r'(?P<literals>(?:"[^"\\\n]*"\s*,\s*)*)'
_PROGRAM = r'exec\.Command(?:Context)?\(\s*(?:[A-Za-z_][\w.]*(?:\(\))?\s*,\s*)?"(?P<program>docker|podman)"\s*,\s*'

Wrapper = tuple[int, str, tuple[str, ...]]  # (place of the variadic parameter, the program, the words before it)


def _words(elements: str) -> list[str] | None:
    """The words of a slice literal's elements (`"exec", id`): literals as their text, others `${NAME}`."""
    words = call_arguments(elements + ")", 0)
    return None if words is None or None in words else [word for word in words if word is not None]


def variadic_wrappers(text: str) -> dict[str, list[Wrapper]]:
    """The top-level functions of a Go source that run docker with the words of their variadic `...string`
    parameter, each with the words its command puts before them."""
    wrappers: dict[str, list[Wrapper]] = {}
    for function in _FUNC_RE.finditer(text):
        name, params = function["variadic"], function["params"].strip().rstrip(",")
        place = params.count(",") + 1 if params else 0
        end = _BODY_END_RE.search(text, function.end())
        body = text[function.end() : end.start() if end else len(text)]
        prepended = rf"append\(\s*\[\]string\s*\{{(?P<prefix>[^{{}}]*)\}}\s*,\s*{name}\.\.\.\s*\)"
        spread = re.compile(_PROGRAM + _LITERALS + rf"(?:(?P<name>{name})\.\.\.|{prepended}\.\.\.)\s*\)")
        assigned = re.compile(rf"(?<![\w.]){name}\s*=\s*{prepended}")
        for call in spread.finditer(body):
            literals = _words(call["literals"].rstrip().rstrip(","))
            if call["prefix"] is not None:
                prefix = _words(call["prefix"])
            else:
                last = [each for each in assigned.finditer(body, 0, call.start())]
                prefix = _words(last[-1]["prefix"]) if last else []
            if literals is not None and prefix is not None:
                wrappers.setdefault(function["name"], []).append((place, call["program"], (*literals, *prefix)))
    return wrappers


def _command(program: str, words: list[str]) -> str:
    return " ".join(f'"{word}"' if word.startswith("${") else shlex.quote(word) for word in [program, *words])


def variadic_runs(
    text: str, origin: str, own: Mapping[str, list[Wrapper]], imported: Mapping[str, Mapping[str, list[Wrapper]]]
) -> list[Found]:
    """The images the calls in `text` (a Go file) hand the variadic docker wrappers of its own package (`own`,
    called unqualified) and of the packages it imports (`imported`: import path -> wrappers), in order."""
    by_alias = {alias: imported[path] for alias, path in imports(text).items() if path in imported}
    if not own and not by_alias:
        return []
    names, lines = SourceNames.of(text), LineIndex(text)
    calls = [(own, name, at, arguments) for name, at, arguments in calls_of(text, own, lines)] if own else []
    for alias, wrappers in by_alias.items():
        qualified = [f"{alias}.{name}" for name in wrappers]
        for name, at, arguments in calls_of(text, qualified, lines):
            calls.append((wrappers, name.split(".", 1)[1], at, arguments))
    found: list[Found] = []
    for wrappers, name, at, arguments in sorted(calls, key=lambda call: call[2]):
        for place, program, prefix in wrappers[name]:
            words = list(prefix)
            for argument in arguments[place:]:
                if argument is None:
                    break  # a spread: the rest is not known
                words.append(bound_value(argument, names, at) or argument)
            line = lines.line(at)
            found += [
                dataclasses.replace(item, line=line, kind="Go source")
                for item in docker_runs(_command(program, words), origin)
            ]
    return found
