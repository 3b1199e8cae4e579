"""A Makefile's recipe lines with the variables that hold a container command expanded, as make runs them (pure).

GNU make expands the variable and function references of a recipe line before it hands the line to the shell
(https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html), and `$(call NAME,ARGS)` expands
NAME's value with `$(1)`, `$(2)`, ... bound to the arguments
(https://www.gnu.org/software/make/manual/html_node/Call-Function.html); a multi-line `define` so expanded is a
canned recipe, one shell command per line
(https://www.gnu.org/software/make/manual/html_node/Canned-Recipes.html). So `<TAB>$(CROSS_BUILD)`, with
`CROSS_BUILD = docker run ... $(GO_IMAGE) go build ...`, runs that docker command, and `<TAB>$(LINT_RUN)
hadolint/hadolint:v2 ...`, with `LINT_RUN := docker run --rm -v $(CURDIR):/work`, runs that image.

`recipe_variables` returns the text with each reference, in a recipe line (a line that starts with a tab, outside a
`define`), to a variable of the file whose value holds a docker, podman or buildah command (`$(NAME)`, `${NAME}`,
`$(call NAME,ARGS)`) replaced by that value on one line (a value's continuation lines joined with a space and its
`# comment` taken off, the lines of a `define` with `;`, make's `@`, `-`, `+` prefixes taken off), the references
of its value to other such variables expanded too; any other reference (`$(GO_IMAGE)`, `$@`, `$(dir $@)`) is left
as written, for the file's values to resolve (shell_words.py) or to stay unknown. The lines keep their numbers. A
variable assigned two different values (`ifdef CI` branches, `=` then `?=`) is not expanded; `+=` appends. The
definitions of the variables expanded so are blanked, so that what they run is read once, where it runs
(`THRIFT=docker run ...` reads as a command where it is written). `notes` gives, for each recipe line changed so,
the first variable expanded and the line that defines it. For the names a recipe builds (`builds=True`, read by
local_builds.py), a variable given a build command in each branch of a conditional (`docker buildx build
--platform ...` or `docker build`, as a flag chooses) is expanded by its first value: a run reads one branch, and
either builds the recipe's `-t` name. For the images a recipe runs, a variable given a container command in one
branch of a conditional and another program in the others (gateway-api's `HUGO = docker run ... $(HUGO_IMAGE)` when
`USE_DOCKER_HUGO` is `true`, its default, else `HUGO = hugo`) is expanded by that branch's value: a run that takes it
pulls the image; two branches running containers (`docker run acme/lint:1` or `podman run acme/lint:2`) leave it
unexpanded.

A value holds a container command also through a variable of the file whose one value is the engine (`DOCKERCMD ?=
docker`, `podman`, `buildah`) before the command's verb: `PROTOC := $(DOCKERCMD) run ... ${DOCKER_PROTOBUF}` is
expanded as `docker run ...`. A recipe line so expanded is also unwrapped from make's `$(foreach VAR,LIST,TEXT)` and
from a `$(call NAME,ARGS)` of a canned recipe that passes its argument through, when what they expand to holds the
command (opentelemetry-collector's `$(foreach file,$(PROTO_FILES),$(call exec-command,$(PROTOC) $(file)))` with
`define exec-command` / `$(1)` / `endef`: `docker run ... otel/build-protobuf:0.23.0` once, `$(file)` as written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BUILD_ARG_RE = re.compile(r"(?<![\w-])--build-arg(?:[ \t=])")
_CONTAINER_RE = re.compile(
    r"(?<![\w./$-])(?:docker|podman|buildah)\s+(?:container\s+|image\s+)?(?:run|pull|create|build|buildx|tag)(?![\w-])"
)
# a reference to a variable in command position before a container verb: `$(DOCKERCMD) run ...`
_PROGRAM_RUN_RE = re.compile(
    r"(?<!\$)\$[({](?P<name>[A-Za-z_][\w.-]*)[)}]"
    r"(?=[ \t]+(?:container[ \t]+|image[ \t]+)?(?:run|pull|create|build|buildx|tag)(?![\w-]))"
)
_PROGRAMS = frozenset({"docker", "podman", "buildah"})
# `$(foreach VAR,LIST,TEXT)` and `$(call NAME,ARGS)`, which a recipe line's expanded command may be wrapped in
_WRAPPER_RE = re.compile(r"(?<!\$)\$\((?:foreach[ \t]+|call[ \t]+(?P<name>[A-Za-z_][\w.-]*)[ \t]*,)")
_RULE_RE = re.compile(r"^[^\s#=][^=]*?:(?!=)")
_BUILD_RE = re.compile(r"(?<![\w./$-])(?:(?:docker|podman)(?:\s+buildx)?\s+build|buildah\s+(?:bud|build))(?![\w-])")
_ASSIGN_RE = re.compile(
    r"^(?:(?:export|override)[ \t]+)*([A-Za-z_][\w.-]*)[ \t]*(:::=|::=|:=|\?=|\+=|!=|=)[ \t]*(.*?)[ \t]*$"
)
_DEFINE_RE = re.compile(r"^[ \t]*(?:(?:export|override)[ \t]+)*define[ \t]+([A-Za-z_][\w.-]*)")
_ENDEF_RE = re.compile(r"^[ \t]*endef\b")
_REFERENCE_RE = re.compile(r"(?<!\$)\$[({](?P<call>call[ \t]+)?(?P<name>[A-Za-z_][\w.-]*)")  # not `$$(...)`
_ARGUMENT_RE = re.compile(r"(?<!\$)\$(?:\((\d)\)|\{(\d)\}|(\d))")
_DEPTH = 8


@dataclass
class _Variable:
    value: str | None  # None: two different values
    defined: int  # the 0-based line of its first definition
    lines: list[int] = field(default_factory=list)  # 0-based lines of its definitions' values
    choices: list[str] = field(default_factory=list)  # each value of a name given different ones (no `+=`)


@dataclass(frozen=True, slots=True)
class RecipeText:
    """The text with its recipes' container-command variables expanded, and (line -> (name, defining line))."""

    text: str
    notes: dict[int, tuple[str, int]]


def _joined(lines: list[str], index: int) -> tuple[str, int]:
    """The logical line that starts at `index` (backslash continuations joined with a space) and the next index."""
    parts: list[str] = []
    while index < len(lines):
        line = lines[index].rstrip()
        index += 1
        if not line.endswith("\\"):
            parts.append(line.strip())
            break
        parts.append(line[:-1].strip())
    return " ".join(part for part in parts if part), index


def _canned(body: list[str]) -> str:
    commands: list[str] = []
    index = 0
    while index < len(body):
        command, index = _joined(body, index)
        if command := command.lstrip("@+-").strip():
            commands.append(command)
    return " ; ".join(commands)


def _assign(variables: dict[str, _Variable], name: str, operator: str, value: str, lines: range) -> None:
    known = variables.get(name)
    if known is None:
        variables[name] = _Variable(value, lines.start, list(lines))
        return
    known.lines += lines
    if operator == "+=":
        known.value = f"{known.value} {value}".strip() if known.value is not None else None
        known.choices = []
    elif known.value != value and (known.value is not None or known.choices):
        known.choices = [*(known.choices or [known.value or ""]), value]
        known.value = None


def _variables(lines: list[str]) -> dict[str, _Variable]:
    """The file's variables by name, with the lines that define them; recipe lines are not assignments."""
    variables: dict[str, _Variable] = {}
    index, in_rule = 0, False
    while index < len(lines):
        line = lines[index]
        if (define := _DEFINE_RE.match(line)) is not None:
            end = next((at for at in range(index + 1, len(lines)) if _ENDEF_RE.match(lines[at])), len(lines))
            body = range(index + 1, end)  # `define` and `endef` are kept, so that the lines around read the same
            _assign(variables, define.group(1), "=", _canned(lines[index + 1 : end]), body)
            variables[define.group(1)].defined = min(variables[define.group(1)].defined, index)
            index = end + 1
            continue
        logical, following = _joined(lines, index)
        # a tab-led line is a recipe line after a rule, an assignment before any (in a conditional's branch)
        if not (line.startswith("\t") and in_rule) and (match := _ASSIGN_RE.match(logical.lstrip())) is not None:
            name, operator, value = match.groups()
            if operator != "!=":  # a shell command's output
                _assign(variables, name, operator, _uncommented(value), range(index, following))
            in_rule = in_rule and line.startswith("\t")
        elif line.strip() and not line.startswith(("\t", "#", " ")):
            in_rule = in_rule or _RULE_RE.match(line) is not None
        index = following
    return variables


def _uncommented(value: str) -> str:
    """An assignment's value without its comment: a `#` not escaped (`\\#`) nor inside a variable reference or a
    function call starts one (GNU make manual, "What Makefiles Contain")."""
    depth = 0
    for index, char in enumerate(value):
        if char == "#" and not depth and not value[:index].endswith("\\"):
            return value[:index].rstrip()
        opened = char in "({" and (depth > 0 or value[index - 1 : index] == "$")
        depth += 1 if opened else -1 if char in ")}" and depth else 0
    return value


def _closing(text: str, start: int) -> int:
    """The index of the `)` or `}` that closes the reference opened before `start`, or -1."""
    depth = 1
    for index in range(start, len(text)):
        depth += 1 if text[index] in "({" else -1 if text[index] in ")}" else 0
        if depth == 0:
            return index
    return -1


def _arguments(text: str) -> list[str]:
    """The comma-separated arguments of a call (commas inside parentheses or braces kept)."""
    out: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        depth += 1 if char in "({" else -1 if char in ")}" else 0
        if char == "," and depth == 0:
            out.append(text[start:index])
            start = index + 1
    return [*out, text[start:]]


class _Expander:
    def __init__(self, variables: dict[str, _Variable], *, builds: bool = False) -> None:
        self._variables = variables
        self._builds = builds
        self._commands: dict[str, str | None] = {}
        self.used: set[str] = set()

    def command(self, name: str, depth: int = 0) -> str | None:
        """NAME's value, its container-command variables expanded, when it holds a container command."""
        if name not in self._commands:
            self._commands[name] = None  # a variable defined through itself holds none
            known = self._variables.get(name)
            given = known.value if known is not None else None
            if known is not None and given is None and self._builds and known.choices:
                each = [self.expanded(choice, depth + 1)[0] for choice in known.choices]
                given = known.choices[0] if all(_BUILD_RE.search(one) for one in each) else None
            elif known is not None and given is None and known.choices:
                each = [self.expanded(choice, depth + 1)[0] for choice in known.choices]
                running = {choice for choice, one in zip(known.choices, each, strict=True) if _CONTAINER_RE.search(one)}
                given = next(iter(running)) if len(running) == 1 else None  # the one branch that runs a container
            if given is not None and depth < _DEPTH:
                value = self._programs_named(self.expanded(given, depth + 1)[0])
                self._commands[name] = value if _CONTAINER_RE.search(value) else None
        return self._commands[name]

    def _programs_named(self, value: str) -> str:
        """`value` with each reference to a variable whose one value is a container CLI (`DOCKERCMD ?= docker`),
        before a container command's verb, replaced by that program: `$(DOCKERCMD) run ...` is `docker run ...`."""

        def named(match: re.Match[str]) -> str:
            known = self._variables.get(match["name"])
            program = known.value.strip() if known is not None and known.value is not None else None
            return program if program in _PROGRAMS else match.group(0)

        return _PROGRAM_RUN_RE.sub(named, value) if "$" in value else value

    def expanded(self, text: str, depth: int = 0) -> tuple[str, str | None]:
        """`text` with its references to container-command variables expanded, and the first name expanded."""
        out: list[str] = []
        first: str | None = None
        position = 0
        for match in _REFERENCE_RE.finditer(text):
            if match.start() < position:
                continue  # inside a call already expanded
            close = _closing(text, match.start() + 2)
            name, call = match["name"], match["call"] is not None
            value = self.command(name, depth) if close > 0 else None
            flags = value is None and close > 0 and _BUILD_RE.search(text[: match.start()]) is not None
            value = self.build_flags(name) if flags else value
            if value is None or (text[match.end() : close].strip() and not call):
                continue  # another variable, a function (`$(dir $@)`), or not closed
            if call:
                value = _called(value, name, _arguments(text[match.end() : close].removeprefix(",")))
            out += [text[position : match.start()], value]
            position = close + 1
            first = first or name
            self.used |= set() if flags else {name}  # a flags variable's definition stays, for other lines' values
        return "".join(out) + text[position:], first

    def build_flags(self, name: str) -> str | None:
        """NAME's one value when it is options of a build that give it `--build-arg`s (`--build-arg
        base_image="$(BASE_IMAGE)" --network=host`), else None."""
        known = self._variables.get(name)
        value = known.value if known is not None else None
        if value is None or not value.lstrip().startswith("-") or _BUILD_ARG_RE.search(value) is None:
            return None
        return value.strip()

    def unwrapped(self, text: str) -> str:
        """`text` with each `$(foreach VAR,LIST,TEXT)` whose TEXT holds a container command replaced by TEXT (the
        command once, `$(VAR)` as written), and each `$(call NAME,ARGS)` of a variable that passes a container
        command of its arguments through replaced by what it expands to: opentelemetry-collector's canned `define
        exec-command` / `$(1)` / `endef` (each command its own recipe line, https://www.gnu.org/software/make/
        manual/html_node/Foreach-Function.html) in `$(foreach file,$(PROTO_FILES),$(call exec-command,$(PROTOC)
        $(file)))`, `PROTOC` holding `$(DOCKERCMD) run ... ${DOCKER_PROTOBUF}`."""
        start = 0
        for _ in range(_DEPTH * 4):
            match = _WRAPPER_RE.search(text, start)
            close = _closing(text, match.start() + 2) if match is not None else -1
            if match is None or close < 0:
                return text
            arguments = _arguments(text[match.end() : close])
            if match["name"] is None:
                inner = ",".join(arguments[2:]) if len(arguments) >= 3 else ""
            else:
                known = self._variables.get(match["name"])
                given = known.value if known is not None else None
                inner = _called(given, match["name"], arguments) if given is not None else ""
            if _CONTAINER_RE.search(inner) is None:
                start = match.end()  # another function, or a command of no container: its inner calls are read
                continue
            text = text[: match.start()] + inner.strip() + text[close + 1 :]
            start = match.start()
        return text


def _called(value: str, name: str, arguments: list[str]) -> str:
    """`value` with `$(0)` the variable's name and `$(1)`, `$(2)`, ... its call's arguments (missing ones empty)."""

    def bound(match: re.Match[str]) -> str:
        number = int(next(group for group in match.groups() if group is not None))
        return name if number == 0 else arguments[number - 1] if number <= len(arguments) else ""

    return _ARGUMENT_RE.sub(bound, value)


def recipe_variables(text: str, *, builds: bool = False) -> RecipeText:
    """`text` (a Makefile) with its recipe lines' container-command variables expanded (see the module's docstring)."""
    if "$" not in text or (_CONTAINER_RE.search(text) is None and _PROGRAM_RUN_RE.search(text) is None):
        return RecipeText(text, {})
    lines = text.splitlines()
    variables = _variables(lines)
    expander = _Expander(variables, builds=builds)
    notes: dict[int, tuple[str, int]] = {}
    start, inside = 0, False
    for index, line in enumerate(lines):
        if inside or _DEFINE_RE.match(line):
            inside = _ENDEF_RE.match(line) is None
            continue
        start = start if index and lines[index - 1].rstrip().endswith("\\") else index
        if not lines[start].startswith("\t") or "$" not in line:
            continue  # not a recipe line
        changed, name = expander.expanded(line)
        if name is not None:
            lines[index] = expander.unwrapped(changed)
            notes.setdefault(start + 1, (name, variables[name].defined + 1))
    if not notes:
        return RecipeText(text, {})
    for name in expander.used:
        for at in variables[name].lines:
            lines[at] = ""
    return RecipeText("\n".join(lines) + "\n", notes)
