"""The build arguments a build command passes to the Dockerfile it builds (pure).

`docker build --build-arg PYTHON_FLAVOR=slim-bullseye -f docker/Dockerfile .` in a script or a CI step, or kaniko's
`executor --context $CI_PROJECT_DIR --dockerfile $CI_PROJECT_DIR/Dockerfile --build-arg PYTHON_FLAVOR=slim-bullseye`
in a GitLab job, builds that Dockerfile with those values: `FROM python:3.12-${PYTHON_FLAVOR}` pulls
python:3.12-slim-bullseye there. Read are `docker build`, `docker buildx build`, `docker image build`, `podman
build`, `buildah bud`/`build` (`--build-arg K=V`, `--build-arg=K=V`; the Dockerfile from `-f`/`--file`, else
`Dockerfile` in the context, the first word that is not an option) and kaniko's `executor` (`--dockerfile`/`-f`,
`--context`/`-c`, a `dir://` context too); a Dockerfile read on standard input, `-f -`, is the file `cat FILE |`
pipes in or `< FILE` redirects in (cluster-api's `cat ./Dockerfile | DOCKER_BUILDKIT=1 docker build --build-arg
ARCH=$(ARCH) ... --file -`; https://docs.docker.com/build/concepts/context/#how-to-specify-a-dockerfile-from-stdin),
and another writer (`sed`, `echo`, a heredoc) builds no file of the tree as written. A value with a variable takes
the file's one literal value for it; one that cannot be known is not passed, so the Dockerfile's default applies.
`--build-arg NAME` alone passes the variable of the environment: the file's value where it exports the name (`export
NAME=value`, as a workflow step's `env:` is given, step_environment.py), else nothing. Only commands that pass at
least one argument are returned: without one, the Dockerfile read alone says what it pulls.

A word that is one variable of options (`$${DOCKER_ARGS}`, as `docker run` reads it) is replaced by each value the
same command line gives it (`DOCKER_ARGS="--build-arg=BASE=x"` in each branch of an `if` inside a loop), one build
per value; a context with a variable is the file that line copies there (`cp Dockerfile build/docker/$${arch}`).
The paths are relative to where the command runs: the repository's top for `$CI_PROJECT_DIR`, `$GITHUB_WORKSPACE`,
`$(CURDIR)` and `$(shell pwd)`, and, looked up by the caller, the file's directory or one above it. A script's path
built from its own place (`--file $script_path/Dockerfile` after `script_path=$(dirname $(realpath -s $0))`, `$(dirname
"$0")/Dockerfile`, `${BASH_SOURCE[0]}`: sourced_paths.py's rules) is from the script's directory; one from a command's
output (`$(mktemp -d)`) is not known. The build takes
one context: among the words that are no option, one that is not a lone variable is it, the others variables that
expand to options (`$(DOCKER_BUILD_LABELS) $(shell pwd)`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.make_functions import with_name_functions, with_rule_variables
from ecr_mirror.choose.discovery.make_includes import is_makefile
from ecr_mirror.choose.discovery.make_recipe_variables import recipe_variables
from ecr_mirror.choose.discovery.make_static_patterns import recipe_readings
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position, variable_name
from ecr_mirror.choose.discovery.shell_equal_tests import with_tested_values
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import own_place

MAX_ARGUMENT_SETS = 16  # build-argument sets read per build command
_BUILD_RE = re.compile(
    r"(?<![\w./-])(?:(?:docker|podman)(?:\s+image|\s+buildx)?|buildah)\s+(?:build|bud)(?![\w-])"
    r"|(?<![\w.-])(?:/kaniko/)?executor(?![\w-])"
)
# The top of the checkout where CI runs, and make's own directory: paths from there are relative to the tree
_TOP_RE = re.compile(
    r"^(?:\$\{?(?:CI_PROJECT_DIR|GITHUB_WORKSPACE|PWD)\}?|\$\{\{\s*github\.workspace\s*\}\}|\$\(CURDIR\)"
    r"|\$\(shell pwd\)|\$\$?\(pwd\))"
)
# options of docker/podman build that take no value (any other option takes one, unless written `--name=value`)
_FLAGS = frozenset({
    "--push", "--load", "--no-cache", "--pull", "-q", "--quiet", "--rm", "--force-rm", "--squash", "--compress",
    "--disable-content-trust", "--debug", "--check", "--layers", "--no-hosts", "--reproducible", "--single-snapshot",
    "--no-push", "--cache", "--cleanup", "--insecure", "--skip-tls-verify", "--use-new-run",
})  # fmt: skip
_EXPORT_RE = re.compile(r"^[ \t]*export[ \t]+([A-Za-z_]\w*)=", re.MULTILINE)
_SED_RE = re.compile(r"(?<![\w./-])sed(?=\s)")
# `cat FILE |` right before the build, environment assignments between (`cat ./Dockerfile | DOCKER_BUILDKIT=1 docker`);
# FILE may hold a variable (`cat $(CAPD_DIR)/Dockerfile |`), resolved with the file's values
_CAT_PIPE_RE = re.compile(
    r"(?:^|[;&|(]|\bthen|\bdo)\s*cat\s+((?:[^\s|;&<>()$]|\$[({][\w.-]+[)}]|\$\w+)+)\s*\|\s*(?:[A-Za-z_]\w*=\S*\s+)*$"
)
_REDIRECT_RE = re.compile(r"(?<![<\d])<(?![<(])\s*([^\s;&|<>()]+)")
_OPTIONS_NAME_RE = re.compile(r"(?:ARGS|OPTS|OPTIONS|FLAGS)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CommandBuild:
    """A build command's Dockerfile (as written, relative to where it runs) and the arguments it passes."""

    dockerfile: str
    args: tuple[tuple[str, str], ...]
    origin: str
    line: int


def _path(written: str) -> str:
    path = _TOP_RE.sub(".", written.removeprefix("dir://"))
    return re.sub(r"^(?:\./)+", "", path.replace("//", "/")) or "."


def _parsed(words: list[str], kaniko: bool) -> tuple[str | None, str | None, list[str]]:
    """(Dockerfile, context, build-arg words) of a build command's words."""
    dockerfile: str | None = None
    context: str | None = None
    arguments: list[str] = []
    positional: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        name, equals, value = word.partition("=")
        if word.startswith("-") and not equals and word not in _FLAGS and index + 1 < len(words):
            value, index = words[index + 1], index + 1
        if name == "--build-arg" and value:
            arguments.append(value)
        elif name in (("--dockerfile", "-f") if kaniko else ("--file", "-f")):
            dockerfile = value
        elif kaniko and name in ("--context", "-c"):
            context = value
        elif not word.startswith("-") and not kaniko:
            positional.append(word)
        index += 1
    # the build takes one context: other words there are variables that expand to options (`$(LABELS)`) or nothing
    literal = [word for word in positional if variable_name(word.replace("$$", "$")) is None]
    if not kaniko:
        context = literal[0] if len(literal) == 1 else positional[0] if positional else None
    return dockerfile, context, arguments


def _alternatives(words: list[str], command: str) -> list[list[str]]:
    """The words with a variable of options replaced by each value the command line assigns it (`A="--x=1"`)."""
    for index, word in enumerate(words):
        name = variable_name(word.replace("$$", "$"))
        if name and _OPTIONS_NAME_RE.search(name):
            assigned = re.findall(rf"(?:^|[\s;]){name}=(\"[^\"]*\"|'[^']*'|[^\s;]*)", command)
            if assigned:
                split = [
                    [w for w in command_words(value[1:-1] if value[:1] in "'\"" else value) if w] for value in assigned
                ]
                return [words[:index] + value + words[index + 1 :] for value in split]
    return [words]


def _stdin_file(command: str, start: int, end: int) -> str | None:
    """The file of the tree a build reading its Dockerfile on standard input (`-f -`) is given: the one `cat FILE |`
    pipes into it (environment assignments between, `cat ./Dockerfile | DOCKER_BUILDKIT=1 docker build ...`), or the
    one `< FILE` redirects to it (https://docs.docker.com/build/concepts/context/#how-to-specify-a-dockerfile-from-stdin);
    None when another command writes it (`echo`, `sed`, a heredoc): no file of the tree is built as written."""
    if (piped := _CAT_PIPE_RE.search(command[:start])) is not None:
        return piped.group(1).strip("'\"")
    rest = re.split(r"[;&|]", command[end:], maxsplit=1)[0]
    redirected = _REDIRECT_RE.search(rest)
    return redirected.group(1).strip("'\"") if redirected is not None else None


def _copied_into(context: str, command: str) -> str | None:
    """The file `cp FILE CONTEXT` puts in a context named with a variable (`build/docker/$${arch}`)."""
    for match in re.finditer(r"(?<![\w.-])cp\s+(\S+)\s+(\S+?)/?\s*(?:;|&&|$)", command):
        if match.group(2) == context.rstrip("/"):
            return match.group(1)
    return None


def _sed_sources(text: str) -> dict[str, str]:
    """The file each `sed ... SOURCE > FILE` of `text` writes, and its source: kubebuilder's `docker-buildx` target
    edits the Dockerfile's `FROM` lines into `Dockerfile.cross` and builds that, whose images are the Dockerfile's."""
    out: dict[str, str] = {}
    for _, command in joined_lines(text):
        for match in _SED_RE.finditer(command):
            words = command_words(command[match.end() :])
            if not words or words[-1].startswith("-") or not in_command_position(command[: match.start()]):
                continue
            redirect = re.compile(re.escape(words[-1]) + r"['\"]?[ \t]*>[ \t]*([^\s;&|>'\"]+)")
            if (written := redirect.search(command, match.end())) is not None:
                out[_path(written.group(1))] = _path(words[-1])
    return out


def _values(pairs: list[str], values: ShellValues, exported: frozenset[str]) -> list[tuple[tuple[str, str], ...]]:
    """The sets of build arguments a command passes: one per combination of the values each takes in the script's
    branches (`BASE` set before an `if` that may override it: each), at most MAX_ARGUMENT_SETS."""
    options: dict[str, list[str]] = {}
    for pair in pairs:
        name, equals, written = pair.partition("=")
        if not equals and name not in exported:
            continue  # `--build-arg NAME`: its value comes from the environment, not known here
        each = values.resolve_each(written if equals else f"${{{name}}}")
        known = list(dict.fromkeys(value for value, problem in each if problem is None))
        if known and len(known) == len(each):
            options[name] = known
    sets = [tuple(zip(options, chosen, strict=True)) for chosen in itertools.product(*options.values())]
    return sets[:MAX_ARGUMENT_SETS] if options else []


def command_builds(text: str, origin: str, *, yaml: bool = False) -> list[CommandBuild]:
    """The build commands of `text` that pass build arguments, one per set of values."""
    if "build-arg" not in text:
        return []
    values = ShellValues.of(text, yaml=yaml)
    written = _sed_sources(text) if "sed" in text else {}
    exported = frozenset(_EXPORT_RE.findall(text))  # in the environment of the commands after them
    builds: list[CommandBuild] = []
    # a recipe's variables of build commands and of build flags written in, as make writes them before the shell
    # splits the line (`docker build $(DOCKER_BUILD_FLAGS) -f ...`, make_recipe_variables.py)
    commands = recipe_variables(text, builds=True).text if is_makefile(origin) else text
    # a static pattern rule's targets named by a variable, `$(BUILD_DOCKER_ARCHS): common-docker-%:` with
    # `BUILD_DOCKER_ARCHS = $(addprefix common-docker-,$(DOCKER_ARCHS))`: make expands a rule's targets as it reads
    # the rule (make_functions.py), so each architecture is a target and a stem
    commands = with_rule_variables(with_name_functions(commands)) if is_makefile(origin) else commands
    readings = recipe_readings(commands) if is_makefile(origin) else {}  # a static pattern rule's stems, `$(eval)`s
    for line, written_command in joined_lines(commands):
        if "build-arg" not in written_command or written_command.lstrip().startswith("#"):
            continue
        for command in readings.get(line, [written_command]):
            # `if [ "$$dockerfile" = "Dockerfile" ]; then docker build -f $$dockerfile`: that branch builds Dockerfile
            builds += _command_builds(with_tested_values(command), line, origin, values, (written, exported))
    return builds


def _command_builds(
    command: str, line: int, origin: str, values: ShellValues, given: tuple[dict[str, str], frozenset[str]]
) -> list[CommandBuild]:
    """The builds with arguments of one command (`line` its first line); `given` is (the files `sed` writes from
    others, the names the file exports)."""
    written, exported = given
    builds: list[CommandBuild] = []
    for match in _BUILD_RE.finditer(command):
        if not in_command_position(command[: match.start()]):
            continue
        kaniko = "executor" in match.group()
        for words in _alternatives(command_words(command[match.end() :]), command):
            dockerfile, context, arguments = _parsed(words, kaniko)
            sets = _values(arguments, values, exported)
            if not sets:
                continue
            context = _path(context) if context is not None else None
            if dockerfile == "-":
                dockerfile = _stdin_file(command, match.start(), match.end())
                if dockerfile is None:
                    continue
            elif dockerfile is None and context is not None and "$" in context:
                dockerfile = _copied_into(context, command)
            elif dockerfile is None:
                dockerfile = f"{context or '.'}/Dockerfile"
            if dockerfile is None:
                continue
            for path in _dockerfiles(dockerfile, values, origin):
                builds += [CommandBuild(written.get(path, path), args, origin, line) for args in sets]
    return builds


def _dockerfiles(dockerfile: str, values: ShellValues, origin: str) -> list[str]:
    """The Dockerfile paths a build's `-f` names: one per value a variable takes in the branches of a conditional
    (`-f $(DOCKERFILE)` with `DOCKERFILE := Dockerfile.debug` under `ifeq ($(DEBUG),true)` and `Dockerfile` under
    its `else`: each branch's make run builds its file,
    https://www.gnu.org/software/make/manual/html_node/Conditional-Example.html), a script's path from its own place,
    or none when it cannot be known."""
    each = values.resolve_each(_path(dockerfile))
    known = [_path(resolved) for resolved, problem in each if problem is None]
    if not known and not is_makefile(origin) and (own := _own_place(dockerfile, values)):
        known = [_path(own)]
    return known


def _own_place(dockerfile: str, values: ShellValues) -> str | None:
    """A script's path built from its own directory (`$script_path/Dockerfile`, `script_path=$(dirname $(realpath -s
    $0))`), from that directory; None for any other path (sourced_paths.own_place)."""
    return own_place(dockerfile, values.values)
