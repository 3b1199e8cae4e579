"""A script's own functions that run a command given as their arguments (pure).

Scripts often wrap commands in a function of their own: one that runs its arguments (`retry 3 docker pull x` with
`retry() { ...; until "$@"; do ...; }`, `quietly docker pull x` with `out="$("$@" 2>&1)"`), or one that hands them
to a command (`kctl run probe --image=x` with `kctl() { kubectl --request-timeout=30s "$@"; }`, also with kubectl's
global options given values, `k() { kubectl -n my-operator "$@"; }`). `unwrapped` rewrites the calls of such functions,
where a command runs, so that the command readers (docker_run.py, kubectl.py) read them as the command they run: a
runner's name and the words before the command it runs (`3`) are blanked, and a
name that stands for docker, podman or kubectl is replaced by it. A function that runs docker or podman (`run`,
`pull`, `create`), or creates a kind cluster (`kind create cluster --image="${kind_image}"`), with its positional
parameters (`pull() { docker pull "$1" && return 0; ...; }`, a retrying pre-pull in a CI step) is read at each
call as that command, `$1`, `${2}`, ... replaced by the call's words (`pull redis:7.2` is `docker pull "redis:7.2"`;
the body's own command is then not read, its `$1` no image of its own, unless the script never calls it),
unless it builds the image it runs (`docker build -t "$1-gen"` then `docker
run "$1-gen"`); a name the body binds to a positional parameter once (`local img="$1" cluster="$2"`, `img=${1}`,
a required one `local v="${1:?}"`, one with a default, `local version="${1:-}"`, the default taken when the call
gives no word) stands for it in the body's lines, a command continued over lines read as one.
A function is one of the same text (`NAME() {`, `function NAME {`), its body up to the `}` that closes it at its
indentation (or on its line), else, bash closing it at the matching brace however indented, the last line starting
with `}` before the next definition (etcd's `function start_container {` closed by `  }`); one that runs its
arguments otherwise (`echo "$@"`, `log "$*"`) is no wrapper. A function that hands a positional parameter to a
script of the tree by its path (`in_docker() { "$ROOT/ci/run-in-docker.sh" -i "$1" "${@:2}"; }`) is read at each
call as that script's call (`in_docker "$HELM_IMAGE" -- lint` is `"$ROOT/ci/run-in-docker.sh" -i "$HELM_IMAGE" --
lint`, whose option wrapper_runs.py reads). The functions of the libraries a script sources are its own after the
`source` line, as the shell defines them there: sourced_libraries.py appends their definitions after the script's
last line as comments marked `LIBRARY_MARK` (`library_functions`), which `unwrapped` reads as definitions, so that
their calls are rewritten, and leaves as comments, so that no reader takes a library's body for the script's
commands. Each line keeps its place, so the line numbers hold.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ecr_mirror.choose.discovery.local_builds import build_words
from ecr_mirror.choose.discovery.shell_command_words import in_command_position
from ecr_mirror.choose.discovery.shell_wrapper_programs import programs_of, starts_command, with_programs

_DEFINITION_RE = re.compile(
    r"^([ \t]*)(?:function[ \t]+([A-Za-z_][\w:.-]*)(?:[ \t]*\([ \t]*\))?|([A-Za-z_][\w:.-]*)[ \t]*\([ \t]*\))"
    r"[ \t]*(\{?)(.*)$"
)
_ARGUMENTS_RE = re.compile(r"\"\$(?:@|\{@\}|\*|\{\*\})\"|\$(?:@|\{@\}|\*|\{\*\})")  # "$@", "${@}", $@, "$*"
# the command before the arguments, its options first: kubectl's global ones that take a value written apart from it
# (`kubectl -n security-profiles-operator "$@"`, https://kubernetes.io/docs/reference/kubectl/generated/kubectl_options/)
_HANDED_RE = re.compile(
    r"(?<![\w./-])(docker|podman|kubectl|skopeo|buildah)[ \t]+"
    r"(?:\$\{?[A-Za-z_]\w*\}?[ \t]+"  # an unquoted variable of the wrapper's options (`${BUILDAH_REGISTRY_OPTS}`)
    r"|(?:-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server)[ \t]+[^\s;&|<>-][^\s;&|<>]*[ \t]+"
    r"|-[\w-]*=(?:\"[^\"]*\"|'[^']*'|[^\s;&|<>\"']+)[ \t]+"  # `--context="${context}"`: a value the caller gives
    r"|-[^\s\"'$]*[ \t]+)*$"
)
# `shift` / `shift 2` in a body: the first arguments are the function's own, the rest its command's
_SHIFT_RE = re.compile(r"^[ \t]*shift(?:[ \t]+([1-9]))?[ \t]*(?:[;#]|$)", re.MULTILINE)
_SHIFTED = "#"  # a wrapper's role and the count of its own arguments, `kubectl#1`
_WORD_RE = re.compile(r"(?:\"[^\"]*\"|'[^']*'|[^\s;&|<>()'\"`#])+[ \t]*")
# `$1`, `${2}`, a required one, `${1:?}` / `${2:?message}`: the parameter's value, or an error that ends the script,
# and one with a default, `${1:-}` / `${2:-kindest/node}`: the default when the call gives no word or an empty one
# (`-` without `:`: only when it gives none) (https://www.gnu.org/software/bash/manual/bash.html#Shell-Parameter-Expansion)
_POSITIONAL_RE = re.compile(r"\$(?:\{([1-9])(?::?\?[^}\"$`]*|(:?-)([^}\"$`]*))?\}|([1-9]))")
# the commands a function may run with its positional parameters: docker or podman's, or a script of the tree's
_TEMPLATED_RE = re.compile(
    r"(?<![\w./-])(?:docker|podman)(?:[ \t]+(?:container|image))?[ \t]+(?:run|pull|create)(?![\w-])"
    r"|(?<![\w./-])kind[ \t]+create[ \t]+cluster(?![\w-])"  # a kind cluster of the node image it is given
    r"|(?<![\w./-])(?:ctr[ \t].*?[ \t](?:images?|i)|crictl(?:[ \t].*?)?)[ \t]+pull(?![\w-])"  # containerd_cli_pulls.py
    r"|(?<![\w./-])(?:skopeo[ \t]+(?:copy|sync)|(?:regctl[ \t]+image|oras|crane)[ \t]+c(?:opy|p))(?![\w-])"  # copies
    r"|[\"']?(?:\$\{?[A-Za-z_]\w*\}?/)?(?:[\w.-]+/)*[\w.-]+\.(?:sh|bash)[\"']?(?=[ \t])"  # a script by its path
)
_VARIABLE_RE = re.compile(r"\$\{([A-Za-z_]\w*)[}:%#/-]|\$([A-Za-z_]\w*)")  # `$NAME`, `${NAME}`, `${NAME:-d}`
_RUNNERS = ("docker", "podman")
LIBRARY_MARK = "#ecr-mirror:library-function: "  # a sourced library's definition line, appended to the script
_ARGUMENT_RE = re.compile(r"[ \t]+((?:\"[^\"]*\"|'[^']*'|[^\s;&|<>()'\"`#])+)")  # one word of a call
# `local img="$1" out="$2"`: names bound to positional parameters, each once in a body (`local v="${1:?}"` too)
_BOUND_RE = re.compile(
    r"(?:^|[\s;])([A-Za-z_]\w*)=(\"?)(\$(?:\{[1-9](?::?\?[^}\"$`]*|:?-[^}\"$`]*)?\}|[1-9]))\2(?=[\s;]|$)"
)
_ASSIGN_RE = r"(?:^|[\s;]){}\+?="
_CONTINUED_RE = re.compile(r"\\\n[ \t]*")  # a backslash-newline and the next line's indentation
# the commands the readers look for: a runner's arguments up to the first of them are the runner's own
_COMMANDS = r"(?:docker|podman|kubectl|kind|faas-cli|helm|buildah)"


def _bodies(lines: list[str]) -> list[tuple[str, int, int, str]]:
    """(name, first line index, last line index, body text) of each function defined in `lines`."""
    out: list[tuple[str, int, int, str]] = []
    definitions = [(index, match) for index, line in enumerate(lines) if (match := _DEFINITION_RE.match(line))]
    for place, (index, match) in enumerate(definitions):
        indent, name, rest = match.group(1), match.group(2) or match.group(3), match.group(5)
        if rest.rstrip().endswith("}") and (match.group(4) or rest.lstrip().startswith("{")):
            out.append((name, index, index, rest.rstrip()[:-1]))  # `NAME() { ...; }` on one line
            continue
        # the next definition at this indentation or less starts after this body ends
        bound = next((at for at, later in definitions[place + 1 :] if len(later.group(1)) <= len(indent)), len(lines))
        closings = [end for end in range(index + 1, bound) if lines[end].strip().startswith("}")]
        # the `}` at the definition's indentation (or less), else the last `}` line before the next definition:
        # bash closes the body at the matching brace however it is indented (`  }` under `function NAME {`)
        level = [end for end in closings if len(lines[end]) - len(lines[end].lstrip()) <= len(indent)]
        if end := (level[0] if level else closings[-1] if closings else None):
            out.append((name, index, end, "\n".join([rest, *lines[index + 1 : end]])))
    return out


def function_lines(lines: list[str]) -> set[int]:
    """The indexes of `lines` that define a function or are in its body, where `$1` is the function's argument."""
    return {index for _, first, last, _ in _bodies(lines) for index in range(first, last + 1)}


def _role(body: str) -> str | None:
    """ "run" when the body runs its arguments as a command, the command's name when it hands them to docker,
    podman, kubectl, skopeo or buildah, None otherwise."""
    lines = _CONTINUED_RE.sub(" ", body).splitlines()  # a command continued on the next lines, as one
    for index, line in enumerate(lines):
        for match in _ARGUMENTS_RE.finditer(line):
            before = line[: match.start()]
            if (handed := _HANDED_RE.search(before)) and starts_command(before[: handed.start()]):
                shifted = sum(int(shift.group(1) or 1) for shift in _SHIFT_RE.finditer("\n".join(lines[:index])))
                return f"{handed.group(1)}{_SHIFTED}{shifted}" if shifted else handed.group(1)
            if in_command_position(before):
                return "run"
    return None


def _template(body: str, elsewhere: tuple[str, ...] = ()) -> str | None:
    """The docker or podman commands (or script calls) of `body` that use its positional parameters, joined by ` ; `;
    None when there is none. A command running a name another function of the file builds with the same words
    (`elsewhere`: `docker build -t localbuild/connect:${TAG}`) is not one."""
    commands = []
    built = [word for _, word in build_words(body)]
    for line in _CONTINUED_RE.sub(" ", body).splitlines():  # a command continued on the next lines, as one
        for match in _TEMPLATED_RE.finditer(line):
            command = line[match.start() :].strip()
            if any(word in command for word in built):
                return None  # `docker build -t "$1-gen"` then `docker run "$1-gen"`: made here, not pulled
            if any(word in command for word in elsewhere):
                continue
            if in_command_position(line[: match.start()]) and (
                _POSITIONAL_RE.search(command) or (match.group(0).startswith(_RUNNERS) and _global(command, body))
            ):
                commands.append(command)
                break
    return " ; ".join(commands) or None


def _global(command: str, body: str) -> bool:
    """Whether a docker command of a function's `body` names a variable the body does not assign: a global, whose
    value is the caller's when the function runs (`docker run $REPOSITORY/cp-base-new:${CONFLUENT_DOCKER_TAG}`)."""
    for match in _VARIABLE_RE.finditer(command):
        name = match.group(1) or match.group(2)
        if not re.search(_ASSIGN_RE.format(re.escape(name)), body):
            return True
    return False


def _called(line: str, call_re: re.Pattern[str], templates: dict[str, str]) -> str:
    """`line` with each call of a function of `templates` written as the command it runs, its words substituted."""
    out, at = [], 0
    for match in call_re.finditer(line):
        if match.start() < at or match.group(1) not in templates or not in_command_position(line[: match.start()]):
            continue
        words, end = [], match.end()
        while (argument := _ARGUMENT_RE.match(line, end)) is not None:
            word = argument.group(1)
            words.append(word[1:-1] if len(word) > 1 and word[0] == word[-1] and word[0] in "'\"" else word)
            end = argument.end()

        def parameter(found: re.Match[str], words: list[str] = words) -> str:
            number = int(found.group(1) or found.group(4))
            word = words[number - 1] if number <= len(words) else None
            if found.group(2) is not None and (word is None or (word == "" and found.group(2) == ":-")):
                return found.group(3)  # the parameter's default
            return word or ""

        out += [line[at : match.start()], _POSITIONAL_RE.sub(parameter, templates[match.group(1)])]
        at = end
    return "".join(out) + line[at:] if out else line


def _positional_names(text: str) -> str:
    """`text` with, in each function's body, a name the body binds once to a positional parameter (`local
    img="$1"`) written as that parameter (`$1`), so that the body's commands read as run with the call's words."""
    lines = text.split("\n")
    for _, first, last, _ in _bodies(lines):
        body = "\n".join(lines[first : last + 1])
        for match in _BOUND_RE.finditer(body):
            name, parameter = match.group(1), match.group(3)
            if len(re.findall(_ASSIGN_RE.format(re.escape(name)), body)) != 1:
                continue  # bound twice, or changed after: not the parameter throughout
            reference = re.compile(rf"\$(?:\{{{re.escape(name)}\}}|{re.escape(name)}(?!\w))")
            for index in range(first, last + 1):
                lines[index] = reference.sub(parameter.replace("\\", "\\\\"), lines[index])  # `$1`, `${1:-d}`
    return "\n".join(lines)


def _functions(lines: list[str], kind: Callable[[str], str | None]) -> tuple[dict[str, str], set[int]]:
    """The functions of `lines` whose body `kind` gives a value for, by name, and the indexes of their lines."""
    found: dict[str, str] = {}
    inside: set[int] = set()
    for name, first, last, body in _bodies(lines):
        if (value := kind(body)) is not None:
            found[name] = value
            inside.update(range(first, last + 1))
    return found, inside


def _with_templates(text: str) -> str:
    """`text` with the calls of its functions that run docker with their positional parameters written as that
    command (see the module)."""
    lines = text.split("\n")
    elsewhere = tuple(word for _, word in build_words(text))
    templates, inside = _functions(lines, lambda body: _template(body, elsewhere))
    if not templates:
        return text
    names = "|".join(re.escape(name) for name in sorted(templates, key=len, reverse=True))
    call_re = re.compile(rf"(?<![\w$./:-])({names})(?=[ \t])")
    owners = {index: name for name, first, last, _ in _bodies(lines) for index in range(first, last + 1)}
    _join_continued_calls(lines, call_re, inside)
    outside = [line for index, line in enumerate(lines) if index not in inside]
    called = {m.group(1) for line in outside for m in call_re.finditer(line) if in_command_position(line[: m.start()])}
    return "\n".join(
        _at_calls(_nested(line, call_re, templates, owners[index]), owners[index] in called)
        if index in inside
        else _called(line, call_re, templates)
        for index, line in enumerate(lines)
    )


def _at_calls(line: str, called: bool) -> str:
    """A wrapper's body line without its command on its positional parameters (`docker pull "$1"`) when the script
    calls the wrapper: read at each call instead; a wrapper never called keeps it (reported unresolved)."""
    if not called:
        return line
    for match in _TEMPLATED_RE.finditer(line):
        if in_command_position(line[: match.start()]) and _POSITIONAL_RE.search(line, match.end()):
            return line[: match.start()].rstrip()
    return line


def _join_continued_calls(lines: list[str], call_re: re.Pattern[str], inside: set[int]) -> None:
    """Join in place each call of a function of `call_re` outside the bodies (`inside`) that is continued over lines
    (`run_registry \\` then one argument a line) into its first line, as the shell joins a backslash-newline
    (https://www.gnu.org/software/bash/manual/bash.html#Escape-Character), its other lines left empty so that the
    lines keep their numbers."""
    index = 0
    while index < len(lines):
        line = lines[index]
        call = call_re.search(line)
        if (
            index in inside
            or not line.rstrip().endswith("\\")
            or not call
            or not in_command_position(line[: call.start()])
        ):
            index += 1
            continue
        end = index
        while lines[end].rstrip().endswith("\\") and end + 1 < len(lines) and end + 1 not in inside:
            end += 1
        joined = _CONTINUED_RE.sub(" ", "\n".join(lines[index : end + 1]))
        lines[index : end + 1] = [joined, *([""] * (end - index))]
        index = end + 1


def _nested(line: str, call_re: re.Pattern[str], templates: dict[str, str], owner: str) -> str:
    """A line of a function's body with each call of another such function written as the command it runs, when
    the call gives it no positional parameter of the body's own (`pull_if_needed "$AGNHOST_WITH_SHA"` in
    `prepare_images`, run with the script's value; `pull_if_needed "$1"` is known only where `prepare_images` is
    called): the body is not read again for its calls."""
    others = {name: template for name, template in templates.items() if name != owner}
    rewritten = _called(line, call_re, others)
    return line if _POSITIONAL_RE.search(rewritten) else rewritten


def library_functions(text: str) -> list[str]:
    """The lines of the wrapper functions a library `text` defines, each marked `LIBRARY_MARK` (see the module)."""
    if "(" not in text and "function" not in text:
        return []
    lines = text.split("\n")
    named = _positional_names(text).split("\n") if _POSITIONAL_RE.search(text) else lines  # `local img=${3}` as $3
    out: list[str] = []
    elsewhere = tuple(word for _, word in build_words(text))  # the names the library builds
    programs = programs_of(text)  # `${SKOPEO_BINARY}` run by a function, as `skopeo`
    for _, first, last, body in _bodies(lines):
        templated = _template("\n".join(named[first : last + 1]) if named is not lines else body, elsewhere)
        handed = with_programs(lines[first : last + 1], programs)
        if _role("\n".join(handed)) is not None or templated is not None:
            out += [LIBRARY_MARK + line for line in _without_built(handed, elsewhere)]
    return out


def _without_built(lines: list[str], built: tuple[str, ...]) -> list[str]:
    """`lines` with each command (continued over lines too) that runs a name of `built` blanked: a run of an image
    the library builds is no pull where its functions are called."""
    out: list[str] = []
    group: list[str] = []
    for line in lines:
        group.append(line)
        if line.rstrip().endswith("\\"):
            continue
        joined = " ".join(group)
        runs_built = built and _TEMPLATED_RE.search(joined) and any(word in joined for word in built)
        out += [""] * len(group) if runs_built else group
        group = []
    return out + group


def unwrapped(text: str) -> str:
    """`text` with the calls of its own wrapper functions, and of those of the libraries it sources, written as the
    command they run (see the module)."""
    if LIBRARY_MARK not in text:
        return _unwrapped(text)
    lines = text.split("\n")
    visible = [line.removeprefix(LIBRARY_MARK) for line in lines]
    out = _unwrapped("\n".join(visible)).split("\n")
    return "\n".join(line if line.startswith(LIBRARY_MARK) else out[index] for index, line in enumerate(lines))


def _unwrapped(text: str) -> str:
    if _TEMPLATED_RE.search(text) and (_POSITIONAL_RE.search(text) or ("(" in text and "$" in text)):
        text = _with_templates(_positional_names(text))
    if "$@" not in text and "${@}" not in text and "$*" not in text and "${*}" not in text:
        return text
    lines = text.split("\n")
    wrappers, inside = _functions(with_programs(lines, programs_of(text)), _role)
    if not wrappers:
        return text
    names = "|".join(re.escape(name) for name in sorted(wrappers, key=len, reverse=True))
    call_re = re.compile(rf"(?<![\w$./:-])({names})[ \t]+(?:(?:[^\s;&|<>()'\"`$]+[ \t]+)*?(?={_COMMANDS}[ \t]))?")
    for index, line in enumerate(lines):
        if index in inside:
            continue
        lines[index] = _rewritten(line, call_re, wrappers)
    return "\n".join(lines)


def _rewritten(line: str, call_re: re.Pattern[str], wrappers: dict[str, str]) -> str:
    out, at = [], 0
    for match in call_re.finditer(line):
        if match.start() < at or not in_command_position(line[: match.start()]):
            continue
        role, _, shifted = wrappers[match.group(1)].partition(_SHIFTED)
        if role == "run":
            out += [line[at : match.start()], " " * (match.end() - match.start())]
            at = match.end()
            continue
        out += [line[at : match.start()], role, " "]
        at = match.end()
        for _ in range(int(shifted or 0)):  # the words the function shifts off are its own, not the command's
            at = word.end() if (word := _WORD_RE.match(line, at)) is not None else at
    return "".join(out) + line[at:] if out else line
