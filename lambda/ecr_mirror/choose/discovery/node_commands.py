"""Images a JavaScript or TypeScript file pulls by running docker: `docker run` / `docker pull` commands given to
child_process or execa as literal strings (pure).

A jest global setup that starts the service its tests call (`execSync("docker run -d ... IMAGE ...")`) pulls IMAGE
as a shell script would. Read: the first argument of `exec`, `execSync`, `execFile`, `execFileSync`, `spawn`,
`spawnSync`, `execa`, `execaSync`, `execaCommand`, `execaCommandSync` when it is a one-line literal ('...', "..." or
a template string without `${...}`): a whole command line (read as a shell line, by docker_run.py's rules), or, when
an array of arguments follows (`spawnSync("docker", ["run", "--rm", "redis:7"])`), the program and its arguments:
an element known only when it runs (a template string with `${...}`, a name, a call) is a word with a variable in
it (`${prName}`, `${JS_EXPRESSION}`), as an option's value not in the way of the image after it (`"-e",
`REPO=${prName}`, "acme/app:pr"`), as the image unresolved, naming it; nothing is read after a spread (`...args`)
or a string with escapes, but a spread of a conditional with an empty branch (`...(key ? ['-e', `K=${key}`] : [])`,
words added only sometimes) is read as left out. An array named after the program (`spawn('docker', packArgs)`) is
the array literal last assigned to that name before the call (`const packArgs = ['run', ..., 'buildpacksio/pack']`,
serverless' buildpacks build; words `push`ed later are not read). A name as the first argument is read as the
command line the file builds in it (`let cmd = ...`, then `cmd += ...`; node_command_variables.py). Not read:
string concatenation, strings with escapes, a command passed through a
project's own wrapper (`runCommand('docker', [...])`), other process APIs (`Deno.Command`). A template string
with `${...}` as the whole command line (``utils.spawn(`docker run -v ${volume} ${image} bash`)``) is read as zx's
below: each `${NAME}` the literal the file last binds NAME to before the call (``const image =
`matterlabs/ci-integration-test:latest` ``), any other expression a word known only when it runs.

zx's `$` tagged template (https://google.github.io/zx/api#dollar: `` await $`docker run -p ${PORT}:5000 registry:2`
``) and Bun Shell's (`` Bun.$`...` ``, https://bun.sh/docs/runtime/shell) run their text as a command line, each
`${...}` escaped and quoted as one word: read, on one line, as a shell line, each `${...}` a word known only when it
runs (gravitee-kubernetes-operator's `hack/scripts/test-bundle.mjs`, `registry:2`).
"""

from __future__ import annotations

import dataclasses
import re
import shlex

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.node_command_variables import command_in_variable, command_names
from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder
from ecr_mirror.choose.discovery.testcontainers import language_of

_LANGUAGES = frozenset({"JavaScript", "TypeScript"})
_CALL_RE = re.compile(  # also as a method (`childProcess.execSync(`, `cp.spawn(`)
    r"(?<![\w$])"
    r"(?:execSync|execFileSync|execFile|exec|spawnSync|spawn|execaCommandSync|execaCommand|execaSync|execa)\s*\(\s*"
)
# a one-line literal without escapes; the other quotes may be inside it (`"docker run -e 'A=1' redis"`)
_LITERAL = r"""(?:"(?P<double>[^"\\\n]*)"|'(?P<single>[^'\\\n]*)'|`(?P<template>[^`\\\n]*)`)"""
_LITERAL_RE = re.compile(_LITERAL)
_ARRAY_START_RE = re.compile(r"\s*,\s*\[\s*")
_NAMED_ARRAY_RE = re.compile(r"\s*,\s*(?P<name>[A-Za-z_$][\w$]*)\s*[,)]")  # `spawn('docker', packArgs)`
# a spread of a conditional with an empty branch: optional words (`...(key ? ['-e', `K=${key}`] : [])`)
_OPTIONAL_SPREAD_RE = re.compile(r"\.\.\.\s*\(\s*[^()?]*\?\s*\[[^\[\]]*\]\s*:\s*\[\s*\]\s*\)", re.DOTALL)
_ELEMENT_RE = re.compile(_LITERAL + r"\s*(?P<separator>[,\]])\s*")
_SEPARATOR_RE = re.compile(r"\s*(?P<separator>[,\]])\s*")
_INTERPOLATION_RE = re.compile(r"\$\{([^{}]*)\}")
_PLAIN = r"""(?P<quote>["'`])(?P<plain>[^"'`\\\n$]*)(?P=quote)"""  # a literal without `${...}` or escapes
_COMMENTS = ("//", "/*", "*")
_TAGGED_RE = re.compile(r"(?<![\w$.])(?:Bun\.)?\$`(?P<template>[^`\\\n]*)`")  # zx's and Bun Shell's `$`


def _body(literal: re.Match[str]) -> str | None:
    """The text of a literal; None for a template string with `${...}`, known only when it runs."""
    template = literal["template"]
    if template is not None:
        return None if "${" in template else template
    return literal["double"] if literal["double"] is not None else literal["single"]


def _filled(text: str, literal: re.Match[str], before: int) -> str | None:
    """A template string's command line (`` `docker run ${image}` ``), each `${NAME}` the literal the file last binds
    NAME to before the call (`` const image = `acme/app:1` ``), any other `${...}` a word known only when it runs."""
    template = literal["template"]
    if template is None or ("docker" not in template and "podman" not in template):
        return None

    def value(match: re.Match[str]) -> str:
        expression = match[1].strip()
        if re.fullmatch(r"[A-Za-z_$][\w$]*", expression):
            pattern = rf"(?<![\w$.])(?:const|let|var)\s+{re.escape(expression)}\s*=\s*{_PLAIN}\s*;?\s*$"
            bound = list(re.finditer(pattern, text[:before], re.MULTILINE))
            if bound:
                return bound[-1]["plain"]
        return placeholder(match[1], "JS_EXPRESSION")

    return _INTERPOLATION_RE.sub(value, template)


def _run_time(expression: str) -> str | None:
    """A shell word for an element known only when the program runs: a template string with each `${...}` a
    variable (`REPO=${prName}`), any other expression one variable (`${image}`, `${JS_EXPRESSION}`); None for a
    spread (`...args`), after which nothing is known, and for a template string joined to others or with quotes."""
    if not expression or expression.startswith("..."):
        return None
    if expression.startswith(("`", "'", '"')):
        literal = _LITERAL_RE.fullmatch(expression)
        if literal is None or literal["template"] is None or '"' in literal["template"]:
            return None
        return '"' + _INTERPOLATION_RE.sub(lambda m: placeholder(m[1], "JS_EXPRESSION"), literal["template"]) + '"'
    return f'"{placeholder(expression, "JS_EXPRESSION")}"'


def _arguments(text: str, at: int) -> list[str]:
    """The shell words of the array that starts at `at` (`_run_time` for an element that is no literal), up to a
    spread or an element that cannot be read."""
    words: list[str] = []
    while at < len(text) and text[at] != "]":
        element = _ELEMENT_RE.match(text, at)
        if element is not None and (word := _body(element)) is not None:
            words.append(shlex.quote(word))
        else:
            stop = expression_end(text, at, _LITERAL_RE, "\"'`", unread_ends=True)
            element = _SEPARATOR_RE.match(text, stop)
            expression = text[at:stop].strip()
            # a spread of a conditional with an empty branch adds words only sometimes: read without them
            written = "" if _OPTIONAL_SPREAD_RE.fullmatch(expression) else _run_time(expression)
            if element is None or written is None:
                break
            words += [written] if written else []
        if element["separator"] == "]" or text.startswith("]", element.end()):
            break
        at = element.end()
    return words


def _named_arguments(text: str, name: str, before: int) -> list[str]:
    """The shell words of the array last assigned to `name` before `before` (`const packArgs = [...]`); none when no
    array is."""
    pattern = rf"(?<![\w$.])(?:(?:const|let|var)\s+)?{re.escape(name)}\s*=\s*\[\s*"
    starts = [match.end() for match in re.finditer(pattern, text[:before])]
    return _arguments(text, starts[-1]) if starts else []


def may_run_docker(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold a docker command this module reads (checked before it is decoded)."""
    return language_of(origin) in _LANGUAGES and (b"docker" in data or b"podman" in data)


def node_docker_runs(text: str, origin: str) -> list[Found]:
    """The images the literal docker commands of a JavaScript/TypeScript source run or pull, in order."""
    language = language_of(origin)
    if language not in _LANGUAGES or ("docker" not in text and "podman" not in text):
        return []
    found: list[Found] = []
    lines = LineIndex(text)
    names = command_names(text)
    for call in _CALL_RE.finditer(text):
        if lines.led_by(call.start(), _COMMENTS):
            continue
        literal = _LITERAL_RE.match(text, call.end())
        if literal is None:  # a name: the command line it was built into (node_command_variables.py)
            built = command_in_variable(text, call.end(), names) if names else None
            if built is not None and ("docker" in built or "podman" in built):
                found += [
                    dataclasses.replace(item, line=lines.line(call.end()), kind=f"{language} source")
                    for item in docker_runs(built, origin)
                ]
            continue
        if (command := _body(literal)) is None and (command := _filled(text, literal, call.start())) is None:
            continue
        if (array := _ARRAY_START_RE.match(text, literal.end())) is not None:
            command = " ".join([shlex.quote(command), *_arguments(text, array.end())])
        elif (named := _NAMED_ARRAY_RE.match(text, literal.end())) is not None and command in ("docker", "podman"):
            command = " ".join([command, *_named_arguments(text, named["name"], call.start())])
        if "docker" not in command and "podman" not in command:
            continue
        line = lines.line(literal.start())
        found += [
            dataclasses.replace(item, line=line, kind=f"{language} source") for item in docker_runs(command, origin)
        ]
    return sorted(found + _tagged_runs(text, origin, lines, f"{language} source"), key=lambda item: item.line or 0)


def _tagged_runs(text: str, origin: str, lines: LineIndex, kind: str) -> list[Found]:
    """The images of the docker commands zx's or Bun Shell's `$` tagged templates run (see the module)."""
    found: list[Found] = []
    for tagged in _TAGGED_RE.finditer(text) if "$`" in text else ():
        if lines.led_by(tagged.start(), _COMMENTS) or not re.search(r"\b(?:docker|podman)\b", tagged["template"]):
            continue
        command = _INTERPOLATION_RE.sub(lambda m: placeholder(m[1], "JS_EXPRESSION"), tagged["template"])
        line = lines.line(tagged.start())
        found += [dataclasses.replace(item, line=line, kind=kind) for item in docker_runs(command, origin)]
    return found
