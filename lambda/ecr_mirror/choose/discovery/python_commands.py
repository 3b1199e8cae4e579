"""Images a Python file pulls by running docker through subprocess or os.system (pure).

A pytest conftest or a CI helper that starts the service its tests call (`subprocess.check_call(("docker", "run",
"-d", ..., "minio/minio"))`) pulls the image as a shell script would. Read: a tuple or list literal whose first
element (after any comments: `[ # noqa: S607`) is the string "docker" or "podman" (passed to subprocess directly or
through a variable), a name the file binds only to them, or a call of a function of the file without arguments that
gives only them (`def get_docker_binary():` with `shutil.which("podman")`, else `shutil.which("docker")`), or a
pytest fixture of the file parametrized only with them, or an attribute of what it yields (`@pytest.fixture(params=
["docker", "podman"])` on `def container_engine(request)`, then `[container_engine.name, "pull", IMAGE]`:
https://docs.pytest.org/en/stable/how-to/fixtures.html#parametrizing-fixtures), and the
first argument of `os.system` or a `subprocess` function when it is a one-line string (an f-string too) starting
with the program (`subprocess.run("docker run --rm postgres:16", shell=True)`), or of a function of the same file
that runs its first argument so (`def run_until_successful(command, ...)` calling `subprocess.run(command, ...)`: a
release script's helper), and of `run(...)`/`sudo(...)` or a task context's `ctx.run(...)` in a file that imports
Invoke or Fabric (a `tasks.py`); a literal filled in by `.format(...)` is read filled in (python_format.py); a one-line
command line split into its words (`("docker pull IMAGE").split()`, `shlex.split("...")`) is read as its list of words
(python_split_commands.py). The
words are read by docker_run.py's rules; a name the file binds to one literal is that literal (a module constant,
`IMAGE = "ghcr.io/..."`), a list spread into the command (`*mounts`) its options, and another element that is not a
literal string (a name, a call, an f-string's `{...}`) is a value known only when the program runs, so an image
written with one is reported unresolved, naming it. Not read: triple-quoted strings, strings joined by `+` or
written next to each other (but a name's adjacent literals a shell call runs by that name, python_held_commands.py),
commands built in a loop or extended after they are written (`cmd.extend([IMAGE,
...])`), a helper of another file or one that builds the command from its arguments.

A file that runs command lines it holds through a shell, `subprocess.run(command, shell=True)` with a name, runs the
docker lines it lists as plain one-line strings (a list's element, or `.append(...)`ed: flyway's build script lists
`"docker run --rm --privileged multiarch/qemu-user-static --reset -p yes"` before its buildx builds;
https://docs.python.org/3/library/subprocess.html#frequently-used-arguments); a file that does not is not read so.

The same commands name the images the file builds (`["docker", "build", "--tag", "app:integration", ...]`, by
local_builds.py's rules), and so does a literal `tag="..."` given to the Docker SDK's `images.build(...)`
(`client.images.build(path=..., dockerfile="Dockerfile.seeder", tag="tests-seeder:latest")`): a test setup that
builds an image before it starts it makes it there, not pulled.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from pathlib import PurePath

from ecr_mirror.choose.discovery.docker_run import docker_runs
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.local_builds import LocalBuild, local_builds
from ecr_mirror.choose.discovery.python_format import formatted
from ecr_mirror.choose.discovery.python_held_commands import held_commands
from ecr_mirror.choose.discovery.python_parameters import body as function_body
from ecr_mirror.choose.discovery.python_parameters import enclosing_scope
from ecr_mirror.choose.discovery.python_split_commands import split_commands
from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder
from ecr_mirror.choose.discovery.source_names import SourceNames

_PROGRAMS = ("docker", "podman")
_ARRAY_RE = re.compile(
    r"""[\[(](?:\s|\#[^\n]*)*(?:(?P<quote>["'])(?:docker|podman)(?P=quote)"""
    r"""|(?P<name>[A-Za-z_]\w*)(?:(?P<call>\(\s*\))|(?P<attribute>\.[A-Za-z_]\w*))?)\s*,"""
)
# what a function may give as the program: `shutil.which("podman")`, `return "docker"`
_PROGRAM_GIVEN_RE = re.compile(r"""(?:\bwhich\(\s*|\breturn[ \t]+)(?P<quote>["'])(?P<program>[^"'\n]*)(?P=quote)""")
_NAME_ONLY_RE = re.compile(r"[A-Za-z_]\w*")
# a pytest fixture parametrized with the container engines: `@pytest.fixture(params=["docker", "podman"])`
_ENGINE_FIXTURE_RE = re.compile(
    r"^[ \t]*@(?:pytest\.)?fixture\((?P<arguments>[^()]*)\)\s*def[ \t]+(?P<name>[A-Za-z_]\w*)", re.MULTILINE
)
_PARAMS_RE = re.compile(r"\bparams\s*=\s*[\[(](?P<values>[^\[\]()]*)[\])]")
_CALL_RE = re.compile(
    r"\b(?:os\.system|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput))\(\s*"
)
_STRING_RE = re.compile(r"""(?P<prefix>[rRbBuUfF]{0,2})(?P<quote>["'])(?P<body>[^"'\\\n]*)(?P=quote)""")
_FIELD_RE = re.compile(r"\{([^{}]*)\}")
# Invoke (and Fabric) tasks: `from invoke import run, task`, then `run("...")` or the task context's `ctx.run("...")`
_INVOKE_RE = re.compile(
    r"^[ \t]*(?:from[ \t]+(?:invoke|fabric)\b[^\n]*\bimport\b|import[ \t]+(?:invoke|fabric)\b)", re.M
)
_INVOKE_CALL_RE = re.compile(r"(?<![\w.])(?:run|sudo|(?:ctx|c|context|conn|connection)\.(?:run|sudo))\(\s*")
_SDK_BUILD_RE = re.compile(r"\.images\.build\(")  # the Docker SDK for Python: `client.images.build(tag=...)`
_TAG_RE = re.compile(r"""\btag\s*=\s*(?P<prefix>[rRuU]?)(?P<quote>["'])(?P<body>[^"'\\\n{}]*)(?P=quote)""")
_SPACE_RE = re.compile(r"(?:\s|#[^\n]*)*")
# a file that runs command lines it holds through a shell: `subprocess.run(command, shell=True)`, a name given
_SHELL_RUN_RE = re.compile(
    r"\bsubprocess\.(?:run|call|check_call|check_output|Popen)\(\s*[A-Za-z_][\w.]*\s*,[^()]*\bshell\s*=\s*True"
)
# a plain one-line docker command listed (a list's element, or appended): `"docker run --rm ... IMAGE --reset",`
_LISTED_RE = re.compile(
    r"""(?:[\[,]|\.(?:append|insert)\()\s*(?P<quote>["'])"""
    r"""(?P<line>(?:docker|podman)[ \t][^"'\\\n{}]*)(?P=quote)\s*[,\])]"""
)
_DEF_RE = re.compile(
    r"^(?P<indent>[ \t]*)def[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\(\s*"
    r"(?:(?:self|cls)\b[^,)]*,\s*)?(?P<param>[A-Za-z_]\w*)",
    re.MULTILINE,
)
_NAMED_CALL_RE = re.compile(r"(?<![\w.])(?:self\.)?(?P<name>[A-Za-z_]\w*)\(\s*")  # one pattern, any wrapper


def _word(literal: re.Match[str]) -> str:
    body = literal["body"]
    if "f" in literal["prefix"].lower():
        body = _FIELD_RE.sub(lambda field: placeholder(field.group(1), "PYTHON_EXPRESSION"), body)
    return body


def _elements(
    text: str, at: int, names: SourceNames | None = None, given: dict[str, str | None] | None = None
) -> list[str] | None:
    """The words of the tuple or list whose first element starts at `at`; None if it is not one this reads. A name
    that `names` binds to one literal is that literal (a module constant: `IMAGE = "ghcr.io/..."`), a parameter of
    the function it is in what a call `given` it (python_parameters.py)."""
    words: list[str] = []
    while True:
        at = _SPACE_RE.match(text, at).end()  # type: ignore[union-attr]  # matches the empty string
        if at >= len(text):
            return None
        if text[at] in ")]":
            return words
        literal = _STRING_RE.match(text, at)
        after = _SPACE_RE.match(text, literal.end()).end() if literal else at  # type: ignore[union-attr]
        if literal is not None and text[after : after + 1] in (",", ")", "]"):
            words.append(_word(literal))
            at = after
        else:
            end = expression_end(text, at, _STRING_RE, "\"'")
            expression = text[at:end].strip()
            if expression.startswith("*"):  # a list spread into the command: its options or arguments
                words.append("${PYTHON_ARGS}")
            elif given is not None and expression in given:
                words.append(given[expression] or placeholder(expression, "PYTHON_EXPRESSION"))
            else:
                words.append(_constant(expression, names) or placeholder(expression, "PYTHON_EXPRESSION"))
            at = end
        if text[at : at + 1] == ",":
            at += 1


def _constant(expression: str, names: SourceNames | None) -> str | None:
    """The one literal value the file binds a plain name to; None for anything else."""
    if names is None or not _NAME_ONLY_RE.fullmatch(expression):
        return None
    values = {value for _, value in names.values(expression)}
    return next(iter(values)) if len(values) == 1 else None


def _program_functions(text: str) -> set[str]:
    """The functions of the file without arguments that give the container CLI the user has: every program their
    body names (`shutil.which("podman")`, `return "docker"`) is docker or podman."""
    found: set[str] = set()
    for definition in re.finditer(r"^(?P<indent>[ \t]*)def[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\(\s*(?=\))", text, re.M):
        given = {match["program"] for match in _PROGRAM_GIVEN_RE.finditer(function_body(text, definition))}
        if given and given <= set(_PROGRAMS):
            found.add(definition["name"])
    return found


def _engine_fixtures(text: str) -> set[str]:
    """The pytest fixtures of the file parametrized only with docker and podman (`params=["docker", "podman"]`):
    a test naming one runs each engine, the fixture's value or an attribute of the object it yields holding it
    (https://docs.pytest.org/en/stable/how-to/fixtures.html#parametrizing-fixtures)."""
    found: set[str] = set()
    for fixture in _ENGINE_FIXTURE_RE.finditer(text):
        if (params := _PARAMS_RE.search(fixture["arguments"])) is None:
            continue
        values = [value.strip() for value in params["values"].split(",") if value.strip()]
        if values and all(value.strip("\"'") in _PROGRAMS and value[:1] in "\"'" for value in values):
            found.add(fixture["name"])
    return found


def _runs_a_program(array: re.Match[str], names: SourceNames, functions: set[str], engines: set[str]) -> bool:
    """Whether the first element of a list or tuple is docker or podman: written so, a name the file binds only
    to them, a call of a function of the file that gives only them, or a pytest fixture parametrized only with
    them (or an attribute of it: `container_engine.name`)."""
    if array["name"] is None:
        return True
    if array["name"] in engines and not array["call"]:
        return True
    if array["attribute"]:
        return False
    if array["call"]:
        return array["name"] in functions
    values = {value for _, value in names.values(array["name"])}
    return bool(values) and values <= set(_PROGRAMS)


def _shell(words: list[str]) -> str:
    return " ".join(f'"{word}"' if "${" in word else shlex.quote(word) for word in words)


def _wrappers(text: str) -> set[str]:
    """The functions of the file that run their first argument (after `self`) as a command: `def run(command):`
    with `subprocess.run(command, ...)` (or `os.system(command)`) in its body."""
    names: set[str] = set()
    for definition in _DEF_RE.finditer(text):
        body = function_body(text, definition)
        argument = re.compile(re.escape(definition["param"]) + r"\s*[,)]")
        if any(argument.match(body, call.end()) for call in _CALL_RE.finditer(body)):
            names.add(definition["name"])
    return names


def may_run_docker(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold a docker command this module reads (checked before it is decoded)."""
    return PurePath(origin).suffix.lower() == ".py" and any(program.encode() in data for program in _PROGRAMS)


def python_docker_runs(text: str, origin: str) -> list[Found]:
    """The images the docker commands of a Python source run or pull, in order."""
    found: list[Found] = []
    line, counted = 1, 0
    for start, command in _commands(text):  # in order: the line is counted on from the previous command's
        line, counted = line + text.count("\n", counted, start), start
        found += [dataclasses.replace(item, line=line, kind="Python source") for item in docker_runs(command, origin)]
    return found


def python_docker_builds(text: str, origin: str) -> list[LocalBuild]:
    """The literal names a Python source builds or tags: its docker commands' builds and the Docker SDK's
    `images.build(tag="...")`, in order."""
    builds: list[tuple[int, LocalBuild]] = []
    lines = LineIndex(text)
    for start, command in _commands(text):
        line = lines.line(start)
        builds += [(start, dataclasses.replace(build, line=line)) for build in local_builds(command, origin)]
    for call in _SDK_BUILD_RE.finditer(text):
        if lines.led_by(call.start(), "#"):
            continue
        end = call.end()
        while end < len(text) and text[end] != ")":  # argument by argument, to the call's closing parenthesis
            after = expression_end(text, end + (text[end] == ","), _STRING_RE, "\"'")
            if after == end:
                break  # a bracket that closes something else: the call is not read further
            end = after
        if (tag := _TAG_RE.search(text, call.end(), end)) is not None:
            line = lines.line(call.start())
            builds.append((call.start(), LocalBuild(tag["body"], origin, line, "docker SDK images.build")))
    return [build for _, build in sorted(builds, key=lambda pair: pair[0])]


def _commands(text: str) -> list[tuple[int, str]]:
    """Each docker command of a Python source (where it starts, its shell line), in order."""
    commands: list[tuple[int, str]] = []
    bound, functions, engines = SourceNames.of(text), _program_functions(text), _engine_fixtures(text)
    lines = LineIndex(text)
    for array in _ARRAY_RE.finditer(text):
        if lines.led_by(array.start(), "#") or not _runs_a_program(array, bound, functions, engines):
            continue
        scope = enclosing_scope(text, array.start())
        unset = dict.fromkeys(scope.parameters) if scope else None  # inside the function: the parameters
        if (words := _elements(text, array.start() + 1, bound, unset)) is None:
            continue
        program = "docker" if array["name"] else words[0]  # a function or a name standing for the CLI
        variants = (
            [
                (start, called)
                for start, given in scope.calls
                if (called := _elements(text, array.start() + 1, bound, given))
            ]
            if scope
            else []
        )
        if not variants or any(called == words for _, called in variants):
            commands.append((array.start(), _shell([program, *words[1:]])))
        for start, called in variants if any(called != words for _, called in variants) else ():
            commands.append((start, _shell([program, *called[1:]])))
    calls = list(_CALL_RE.finditer(text))
    calls += _INVOKE_CALL_RE.finditer(text) if _INVOKE_RE.search(text) else []
    if wrappers := _wrappers(text):
        calls += (call for call in _NAMED_CALL_RE.finditer(text) if call["name"] in wrappers)
    arguments = set()  # the literals read as a call's command line: one split there is read once
    for call in calls:
        literal = _STRING_RE.match(text, call.end())
        if literal is None or lines.led_by(call.start(), "#"):
            continue
        arguments.add(literal.start())
        command = (
            _word(literal)
            if "f" in literal["prefix"].lower()
            else formatted(text, literal["body"], literal.end(), bound)
        )
        if command.split(" ", 1)[0] in _PROGRAMS:
            commands.append((call.start(), command))
    for start, words in split_commands(text):  # `("docker pull IMAGE").split()`, `shlex.split("...")`
        if start not in arguments and not lines.led_by(start, "#"):
            commands.append((start, _shell(words)))
    if _SHELL_RUN_RE.search(text):
        for listed in _LISTED_RE.finditer(text):
            if not lines.led_by(listed.start(), "#") and (listed.start("line"), listed["line"]) not in commands:
                commands.append((listed.start("line"), listed["line"]))
    commands += [held for held in held_commands(text) if held not in commands and not lines.led_by(held[0], "#")]
    return sorted(commands)
