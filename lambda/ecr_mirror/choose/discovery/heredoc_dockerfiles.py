"""Dockerfiles and compose files a script writes in a heredoc (pure).

`docker build -t probe:v1 -f - . <<EOF` (also `-f-`, `--file -`, a context of `-`, or `cat <<EOF | docker build -f -
.`) builds the heredoc's body as its Dockerfile; `cat <<EOF > "$DIR/Dockerfile"` (or `tee FILE <<EOF`) writes one to a
file named like a Dockerfile, for a build later in the script (`cat >>Dockerfile <<EOF`, `tee -a`, appends a fragment
to one other commands write, `sed ... >Dockerfile` from the project's Dockerfiles: a bare name in it, `COPY
--from=assets`, may be a stage of the part written before, and is unresolved); a heredoc a variable keeps
(`builder=$(cat <<'EOF'`) is one when a later command writes the variable to a file named like a Dockerfile or a
compose file (`echo "$builder" > "$DIR/tool-builder.dockerfile"`) or pipes it to a build reading standard input
(`printf '%s' "$builder" | docker build -f - .`): a build script's inline builder image. The body is read as a
Dockerfile (FROM, `COPY --from`, `# syntax`, stage names, ARG defaults), each use at its line of the script. In an
unquoted heredoc the shell substitutes the script's variables first (`FROM alpine:${ALPINE_VERSION}` with
`ALPINE_VERSION="3.22"` at the script's top), `\\$` leaving a `$` for the Dockerfile's own ARGs; a variable the script
gives no value is unresolved, naming it. A quoted delimiter (`<<'EOF'`) passes the body as written. A heredoc written
to a file named like a compose file (`cat << EOF > $TMP/docker-compose-e2e.yaml`, the name after the script's
variables; a workflow step's `cat > ${{ github.workspace }}/docker-compose.yml << 'EOF'`, the expression one word,
https://docs. github.com/en/actions/reference/workflows-and-actions/expressions, substituted before the shell runs) is
read as one, its services' images at their lines of the script; when no reading of the body is YAML, its expansions
making it YAML only when they run (influxdb's install script: `--node-id=node0${CLUSTER_ARG:+` and a newline, a
service key `${SERVICE_NAME}:` set per branch of an `if`), its `image:` lines are read one by one, each value with the
script's values, once per value a name takes in the branches of its `if` (`image: ${IMAGE_NAME}`:
`influxdb:3-enterprise` and `influxdb:3-core`). A heredoc written to a file (any name) whose body is a kind cluster
config (`kind: Cluster`, `apiVersion: kind.x-k8s.io/...`: kind's own schema,
https://kind.sigs.k8s.io/docs/user/configuration/) is read as YAML a cluster tool reads: it serves only to create a
cluster, by a later command or a later CI step (helm/kind-action's `config:` input), whose nodes pull their images."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from collections.abc import Callable
from pathlib import PurePath

from ecr_mirror.choose.discovery.cluster_inputs import cluster_yaml_images, handed_files
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.yaml_sources import compose_images
from ecr_mirror.errors import ConfigError

_HEREDOC_RE = re.compile(r"(?<!<)<<(?!<)(-?)[ \t]*([\"']?)([A-Za-z_][\w.-]*)\2")
_BUILD_RE = re.compile(r"(?<![\w./-])(?:(?:docker|podman)(?:\s+image|\s+buildx)?|buildah)\s+(?:build|bud)(?![\w-])")
_WRITER_RE = re.compile(r"(?<![\w./-])(cat|tee)(?![\w-])")
# the file a redirection writes; a GitHub Actions expression in it (`${{ github.workspace }}/docker-compose.yml`) is
# one word, the runner substituting it before the shell runs
_REDIRECT_RE = re.compile(r"(?<![<>&\d])>>?[ \t]*(\"[^\"]*\"|'[^']*'|(?:\$\{\{[^{}\n]*\}\}|[^\s;&|<>])+)")
# In an unquoted heredoc: `\$` (a literal `$`), or a shell variable the script may give a value
_SHELL_REFERENCE_RE = re.compile(r"\\([$`\\])|\$\{([A-Za-z_]\w*)(?::?[-=+?][^}]*)?\}|\$([A-Za-z_]\w*)")
_STDIN_FILE = ("-f", "--file")
# a variable keeping a heredoc: `builder=$(cat <<'EOF'`, `local df="$(cat <<EOF` (the body is the variable's value)
_KEPT_RE = re.compile(r"^[ \t]*(?:(?:local|export|readonly|declare)[ \t]+)?([A-Za-z_]\w*)=\"?\$\([ \t]*cat[ \t]*<<")
# an output redirection and its target: `> build.log`, `2>&1`, `2>/dev/null`, `&> out`, `>> log`
_OUTPUT_REDIRECT_RE = re.compile(r"(?<![\w<>-])(?:\d+|&)?>>?(?:&\d+|[ \t]*(?:\"[^\"]*\"|'[^']*'|[^\s;&|<>]+))")
_APPENDS_RE = re.compile(r"(?<![<>&\d])>>|(?<![\w./-])tee\s+(?:-\w*a\w*|--append)\b")
# a kind cluster config, by its own keys at the top level of the body (a CI step's body dedented)
_KIND_CONFIG_RE = (
    re.compile(r"^kind:[ \t]*[\"']?Cluster[\"']?[ \t]*$", re.M),
    re.compile(r"^apiVersion:[ \t]*[\"']?kind\.x-k8s\.io/", re.M),
)
_IMAGE_LINE_RE = re.compile(r"^[ \t]+image:[ \t]*(?:\"([^\"]+)\"|'([^']+)'|([^\s#\"'][^#]*?))[ \t]*(?:#.*)?$")
# what makes a heredoc's body YAML only once the shell has run it: an expansion spanning lines (`${ARG:+` then a
# newline), a key that is a variable (`${SERVICE_NAME}:`), a line holding only a variable, whose value is lines the
# shell pastes in (`${nodeAffinity}`, a block the script assigned); a body broken otherwise (tabs kept by `<<EOF`)
# is not read
_SHAPED_WHEN_RUN_RE = re.compile(
    r"\$\{[^}\n]*\n|^[ \t]*\$\{?[A-Za-z_]\w*\}?:|^[ \t]*\$\{?[A-Za-z_]\w*\}?[ \t]*$", re.MULTILINE
)
_STAGE_SHAPED_RE = re.compile(r"[a-z0-9][a-z0-9._-]*")  # no registry, path, tag or digest: what a stage is named
StdinBuild = Callable[[str, ShellValues], bool]  # whether the script a path names builds its standard input
_FRAGMENT = "appended to a Dockerfile other commands write: it may name a stage written before"
_READERS: dict[Kind, tuple[str, Callable[[str, str], list[Found]]]] = {
    Kind.DOCKERFILE: ("a Dockerfile", dockerfile_images),
    Kind.COMPOSE: ("a compose file", compose_images),
    Kind.YAML: ("a YAML file", cluster_yaml_images),
}


def _unquoted_at(line: str, position: int) -> bool:
    """Whether `position` of `line` is outside quotes (`echo "... <<EOF"` is text)."""
    before = line[:position]
    return before.count("'") % 2 == 0 and before.count('"') % 2 == 0


def _builds_stdin(words: list[str]) -> bool:
    """`docker build WORDS` reads its Dockerfile from standard input: `-f -`, `-f-`, `--file=-`, or context `-`."""
    for index, word in enumerate(words):
        if word in _STDIN_FILE and words[index + 1 : index + 2] == ["-"]:
            return True
        if word in ("-f-", "--file=-") or (word == "-" and (index == 0 or words[index - 1] not in _STDIN_FILE)):
            return True
    return False


def _named(target: str, values: ShellValues) -> str:
    """A written file's name with the script's variables replaced where each has one value, the others left as
    written (`$TMP/docker-compose-e2e.yaml` from `$COMPOSE_FILE`): its directory may be known only when it runs,
    its name, which says its kind, often is not."""
    for _ in range(4):
        expanded = _SHELL_REFERENCE_RE.sub(
            lambda match: (
                next(iter(known))
                if len(known := values.values.get(match[2] or match[3] or "", set())) == 1
                else match[0]
            ),
            target,
        )
        if expanded == target:
            break
        target = expanded
    return target


def _written_targets(command: str, values: ShellValues) -> list[str]:
    """The files `cat ... > FILE` or `tee FILE` writes, after the script's variables (`$WORK/Dockerfile`,
    `$COMPOSE_FILE` set to `$TMP/docker-compose-e2e.yaml`)."""
    targets = [target.strip("\"'") for target in _REDIRECT_RE.findall(command)]
    tee = re.search(r"(?<![\w./-])tee(?![\w-])(.*)", command)
    if tee:
        targets += [word for word in command_words(tee.group(1)) if not word.startswith("-")]
    return [_named(target, values) for target in targets if target]


def _handed_later(target: str, rest: str, values: ShellValues) -> bool:
    """Whether a command after the heredoc hands the file `target` to kubectl, helm or kind (by its name: the
    directory may be written differently, `$WORK/kind.yaml` and `"$WORK/kind.yaml"`)."""
    name = PurePath(target).name
    return any(
        PurePath(_named(handed, values)).name == name
        for _, line in joined_lines(rest)
        for handed in handed_files(line)
        if handed != "-"
    )


def _builds_from_stdin(command: str) -> bool:
    """A build on this command line reads its Dockerfile from standard input; its output redirections, which may
    come before its last words (`docker build -t x > build.log 2>&1 -<<EOF`: the shell takes a redirection anywhere
    in a simple command, https://www.gnu.org/software/bash/manual/html_node/Redirections.html), left out."""
    return any(
        in_command_position(command[: match.start()])
        and _builds_stdin(command_words(_OUTPUT_REDIRECT_RE.sub(" ", command[match.end() :])))
        for match in _BUILD_RE.finditer(command)
    )


def _kept_kind(command: str, values: ShellValues, rest: str) -> Kind | None:
    """What the heredoc a variable keeps (`builder=$(cat <<'EOF'`) is, by what a later command of `rest` does with
    the variable: `echo "$builder" > x.dockerfile` (a Dockerfile or a compose file, by the file's name), or
    `printf '%s' "$builder" | docker build -f - .` (a Dockerfile); None when neither."""
    if (kept := _KEPT_RE.match(command)) is None:
        return None
    use = re.compile(rf"(?<![\w./-])(?:echo|printf)\b[^|>]*\$\{{?{kept.group(1)}(?!\w)")
    for _, line in joined_lines(rest):
        if (match := use.search(line)) is None or not in_command_position(line[: match.start()]):
            continue
        after = line[match.end() :]
        if "|" in after and _builds_from_stdin(after.split("|", 1)[1]):
            return Kind.DOCKERFILE
        kinds = {kind_of(PurePath(target)) for target in _written_targets(line[match.start() :], values)}
        if kind := next((kind for kind in (Kind.DOCKERFILE, Kind.COMPOSE) if kind in kinds), None):
            return kind
    return None


def _fed_kind(command: str, values: ShellValues, rest: str, body: str, fed: StdinBuild | None) -> Kind | None:
    """What the heredoc of this command line is: a Dockerfile built from standard input or written to a file, or
    given to a script of the tree that builds its standard input (`fed`, stdin_builds.py), a compose file written
    to one, YAML a cluster tool reads (from standard input, written to a file a later command of `rest` hands it,
    or a kind cluster config written to a file: Kind.YAML), or neither (None)."""
    if _builds_from_stdin(command):
        return Kind.DOCKERFILE
    if kept := _kept_kind(command, values, rest):
        return kept
    words = command_words(command)
    if fed is not None and words and "/" in words[0] and fed(words[0], values):
        return Kind.DOCKERFILE
    if "-" in handed_files(command):
        return Kind.YAML
    for match in _WRITER_RE.finditer(command):
        if not in_command_position(command[: match.start()]):
            continue
        targets = _written_targets(command[match.start() :], values)
        kinds = {kind_of(PurePath(target)) for target in targets}
        if kind := next((kind for kind in (Kind.DOCKERFILE, Kind.COMPOSE) if kind in kinds), None):
            return kind
        if targets and all(pattern.search(textwrap.dedent(body)) for pattern in _KIND_CONFIG_RE):
            return Kind.YAML
        if any(_handed_later(target, rest, values) for target in targets):
            return Kind.YAML
    return None


# a function's definition line (`renderDockerCompose() {`, `function render {`), and a call of one whose output is
# written to a file (`renderDockerCompose > docker-compose.yml`)
_FUNCTION_RE = re.compile(r"^[ \t]*(?:function[ \t]+)?([A-Za-z_][\w-]*)[ \t]*(?:\(\)[ \t]*)?\{?[ \t]*$")
_PRINTS_RE = re.compile(r"^[ \t]*cat[ \t]*<<")


def _printed_kind(command: str, lines: list[str], at: int, text: str, values: ShellValues) -> Kind | None:
    """A heredoc a function prints (`cat <<EOF` with no redirection, in `NAME() {`) whose output a call of that
    function writes to a Dockerfile or a compose file (`NAME > docker-compose.yml`): that file's kind."""
    if not _PRINTS_RE.match(command) or ">" in command or "|" in command:
        return None
    for line in reversed(lines[:at]):
        if line.rstrip() == "}":
            return None  # the nearest function above ends before the heredoc
        if (function := _FUNCTION_RE.match(line)) is not None and ("(" in line or "function" in line):
            calls = re.findall(rf"(?m)^[ \t]*{re.escape(function.group(1))}[ \t]*>[ \t]*(\S+)[ \t]*$", text)
            kinds = {kind_of(PurePath(_named(target.strip("\"'"), values))) for target in calls}
            return next((kind for kind in (Kind.DOCKERFILE, Kind.COMPOSE) if kind in kinds), None)
    return None


def _shell_expanded(body: str, values: ShellValues) -> tuple[str, dict[str, str]]:
    """The body after the shell's substitution in an unquoted heredoc, and the variables it could not substitute
    (name -> why), left as written."""
    unknown: dict[str, str] = {}

    def one(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1)
        resolved, problem = values.resolve(match.group(0))
        if problem is None:
            return resolved
        unknown[match.group(2) or match.group(3)] = problem
        return match.group(0)

    return _SHELL_REFERENCE_RE.sub(one, body), unknown


def _variants(body: str, values: ShellValues) -> list[tuple[str, dict[str, str]]]:
    """`_shell_expanded` once per value of the one variable of the body that takes a value per branch of the
    script's chain (`image: "${NODE_IMAGE}"`, NODE_IMAGE set in each arm of a `case`: one body per arm)."""
    uses = {match.group(0): match.group(2) or match.group(3) for match in _SHELL_REFERENCE_RE.finditer(body)}
    each = {word: values.resolve_each(word) for word, name in uses.items() if name and name in values.choices}
    chosen = [word for word, resolved in each.items() if len(resolved) > 1]
    if len(chosen) != 1:
        return [_shell_expanded(body, values)]
    word = chosen[0]
    return [
        _shell_expanded(_pinned(body, word, resolved), values) if problem is None else (body, {uses[word]: problem})
        for resolved, problem in each[word]
    ]


def _pinned(body: str, word: str, value: str) -> str:
    return _SHELL_REFERENCE_RE.sub(lambda match: value if match.group(0) == word else match.group(0), body)


def _images(
    body: str, quoted: bool, first: int, origin: str, values: ShellValues, kind: Kind, appended: bool = False
) -> list[Found]:
    found: list[Found] = []
    readable = False
    for text, unknown in [(body, {})] if quoted else _variants(body, values):
        read = _read_images(text, unknown, first, origin, kind, appended)
        readable = readable or read is not None
        found += [item for item in read or () if item not in found]
    if not readable and kind in (Kind.COMPOSE, Kind.YAML) and not quoted and _SHAPED_WHEN_RUN_RE.search(body):
        return _image_lines(body, quoted, first, origin, values, _READERS[kind][0])
    return found


def _image_lines(body: str, quoted: bool, first: int, origin: str, values: ShellValues, what: str) -> list[Found]:
    """The `image:` lines of a compose file or of manifests (`what`) whose body is YAML only once the shell has
    expanded it (`${ARG:+` then a newline, a key from a name set per branch, a line pasting in a block), each value
    read with the script's values, once per branch value."""
    found: list[Found] = []
    for number, line in enumerate(body.splitlines()):
        if (match := _IMAGE_LINE_RE.match(line)) is None:
            continue
        written = next(group for group in match.groups() if group).strip()
        readings = [(written, None)] if quoted or "$" not in written else values.resolve_each(written)
        for text, problem in readings:
            item = Found(text, origin, first + number, problem, f"image ({what} in a heredoc, its line)")
            found += [item] if item not in found else []
    return found


def _read_images(
    text: str, unknown: dict[str, str], first: int, origin: str, kind: Kind, appended: bool
) -> list[Found] | None:
    """The body's images, read by its kind's reader; None when it is not of that kind (not YAML)."""
    found: list[Found] = []
    what, reader = _READERS[kind]
    try:
        read = reader(text, origin)
    except ConfigError:
        return None  # a body that is not YAML (a template the script fills in otherwise)
    for item in read:
        # a variable of the script the shell substitutes (with nothing, when unset) before the tool reads the body
        problem = next(
            (why for name, why in unknown.items() if re.search(rf"\$\{{?{name}(?!\w)", item.text)), item.problem
        )
        if appended and problem is None and _STAGE_SHAPED_RE.fullmatch(item.text):
            problem = _FRAGMENT
        use = f"{item.use} ({what} in a heredoc)"
        found.append(dataclasses.replace(item, line=(item.line or 1) + first - 1, problem=problem, use=use))
    return found


def heredoc_dockerfiles(text: str, origin: str, fed: StdinBuild | None = None) -> list[Found]:
    """The images of the Dockerfiles `text` (a script, a CI step) gives `docker build` or writes in heredocs; `fed`
    tells a script of the tree, by the path a command runs it with, that builds what it is given."""
    if "<<" not in text:
        return []
    values = ShellValues.of(text)
    lines = text.splitlines()
    found: list[Found] = []
    index = 0
    while index < len(lines):
        parts = [lines[index]]
        while parts[-1].rstrip().endswith("\\") and index + 1 < len(lines):
            index += 1
            parts.append(lines[index])
        index += 1
        command = " ".join(part.rstrip().removesuffix("\\").strip() for part in parts)
        kept = _KEPT_RE.match(command) is not None  # `df="$(cat <<EOF`: the shell reads the heredoc inside the quotes
        heredoc = next((m for m in _HEREDOC_RE.finditer(command) if kept or _unquoted_at(command, m.start())), None)
        if heredoc is None or command.lstrip().startswith("#"):
            continue
        strip_tabs, quoted, word = heredoc.group(1) == "-", bool(heredoc.group(2)), heredoc.group(3)
        first = index + 1
        body: list[str] = []
        while index < len(lines) and (lines[index].lstrip("\t") if strip_tabs else lines[index]).strip() != word:
            body.append(lines[index].lstrip("\t") if strip_tabs else lines[index])
            index += 1
        index += 1  # the delimiter
        kind = _fed_kind(command, values, "\n".join(lines[index:]), "\n".join(body), fed)
        if kind := kind or _printed_kind(command, lines, first - 1, text, values):
            appended = kind is Kind.DOCKERFILE and not _builds_from_stdin(command) and bool(_APPENDS_RE.search(command))
            found += _images("\n".join(body) + "\n", quoted, first, origin, values, kind, appended)
    return found
