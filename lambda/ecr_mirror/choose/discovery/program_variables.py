"""A Makefile's or a script's variable that names the container CLI, or a cluster tool whose commands make a cluster
pull (kubectl, kind, k3d, sonobuoy, faas-cli, operator-sdk), read as that program where a command runs (pure).

Makefiles let the user pick the engine: `DOCKER ?= docker`, `CONTAINER_TOOL ?= docker` (kubebuilder's scaffold),
`CONTAINER_CLI ?= docker`, then `$(DOCKER) run --rm apache/skywalking-eyes:0.6.0 header check`; scripts do the same
with `DOCKER="${DOCKER:-docker}"` and `$DOCKER run`, or write the default where the command runs (descheduler's
`${CONTAINER_ENGINE:-docker} run ... quay.io/helmpack/chart-testing:v3.7.0`: the default is one more value). The
command pulls the image as `docker run` does. A variable reference (`$(NAME)`, `${NAME}`, `$NAME`, quoted or not)
in command position, followed by a word, is replaced by the program when every value the file gives the variable
is `docker` or `podman` (`CLI = podman` and `CLI = docker` in two `ifeq` branches: either runs the image; a value that
first puts variables in the program's environment, `DOCKER=DOCKER_CLI_EXPERIMENTAL=enabled docker`, is that program too;
a probe that can only print one of them, Grafana's docs.mk `PODMAN := $(shell if command -v podman >/dev/null 2>&1; then
echo podman; else echo docker; fi)`; and a lookup of one, which prints the pathname the shell runs for it: `$(shell
command -v docker)`, gotosocial's `_docker=$(command -v 'podman') || _docker=$(command -v 'docker')`, `$(which docker)`,
`$(type -p podman)`, and Reloader's chain `$(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)`); a
variable of another value,
with no value in the file, or computed otherwise (`$(shell command -v nerdctl || echo docker)`, which may print
another program's path) is left as it is, so the command is not read. Scripts name the cluster tools so too
(`readonly KIND=${KIND:-kind}` then `${KIND} create cluster --image "${NODEIMAGE}"`, `${KUBECTL} run`,
`${SONOBUOY} run`): such a variable is replaced by its tool when every value the file gives it is that one tool (or,
for kubectl, the OpenShift CLI `oc`, which has its commands: percona's `ctrl="kubectl"` or `ctrl="oc"` in the
branches of an `if`, then `$ctrl apply -f -`; the empty value the script starts from and the program with options
added, `ctrl="$ctrl -n $namespace"`, change nothing). So does a version manager's lookup or run of the tool (kuma's
`KIND=$(shell $(MISE) which kind)` and `K3D=$(MISE) exec -- k3d`; `asdf which`, `aqua exec`). A
value that is a path to the program (`KIND ?= $(go_bin)/kind`, `KUBECTL := $(LOCALBIN)/kubectl`: the binary a target
of the Makefile installs there; also under its version, `KIND ?= $(LOCALBIN)/kind-$(KIND_VERSION)`, as kubebuilder's
scaffold installs its tools) stands for it too, whatever the directory, and so does such a path written where the
command runs (`${GITHUB_WORKSPACE}/bin/kind create cluster`, `./bin/kubectl run`, `$(LOCALBIN)/kind`), and so does
the tool run by `go tool [-modfile=FILE] NAME`, a tool of the module's `tool` directive (Go 1.24,
https://pkg.go.dev/cmd/go#hdr-Run_specified_go_tool: envoy gateway's `KIND=${KIND:-go tool -modfile=tools/go.mod
kind}` then `${KIND} create cluster --image ...`), as a value or where the command runs (not `go tool -n NAME`,
which prints the command). `$(CRANE)` and `$(SKOPEO)` with no value in the file are crane and skopeo
(makefile-modules' `$(CRANE) cp "$(livenessprobe_image_name_source):$(livenessprobe_image_tag)" ...`, its tools
defined through make's `eval`).
A variable whose every value is `docker buildx` (buildx's own scripts, `: "${BUILDX_CMD=docker buildx}"` then
`${BUILDX_CMD} build --output "type=docker,name=$iid" .`) stands for it too, for the builds it makes, and so does
one whose every value is a compose command (`docker compose`, `docker-compose`, `podman compose`, `podman-compose`:
quay's `DOCKER_COMPOSE ?= $(DOCKER) compose`, then `$(DOCKER_COMPOSE) -f docker-compose.static up -d`), for the
compose files it runs and the images they pull.
A bash array that holds the container CLI in every assignment, `DOCKER=(docker)` (a dry run's `DOCKER=(echo docker)`
aside), expanded whole where a command runs, `"${DOCKER[@]}" run ...`, is that CLI too.
Lines keep their numbers; other text, assignments included, is unchanged.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.shell_arrays import array_assignments
from ecr_mirror.choose.discovery.shell_command_words import in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues

# the programs a variable may stand for, in groups of one kind: either container CLI runs the same images; a
# cluster tool stands only for itself
_PROGRAM_GROUPS = (
    frozenset({"docker", "podman"}),
    frozenset({"docker buildx"}),  # `: "${BUILDX_CMD=docker buildx}"`, then `${BUILDX_CMD} build -t ...`
    # `DOCKER_COMPOSE ?= $(DOCKER) compose`, then `$(DOCKER_COMPOSE) -f docker-compose.static up`: each reads the
    # same compose files and pulls the same images
    frozenset({"docker compose", "docker-compose", "podman compose", "podman-compose"}),
    # the OpenShift CLI carries kubectl's commands (`oc apply`, `oc run`: https://docs.redhat.com/en/documentation/
    # openshift_container_platform/4.18/html/cli_tools/openshift-cli-oc#usage-oc-kubectl), so a script that picks
    # whichever is installed runs kubectl's commands either way
    frozenset({"kubectl", "oc"}),
    *(frozenset({tool}) for tool in ("kind", "k3d", "sonobuoy", "faas-cli", "operator-sdk")),
)
_TOOLS = frozenset(tool for group in _PROGRAM_GROUPS for tool in group)
# a registry tool's upper-case name that the file gives no value: that tool, installed by the build under that name
# (makefile-modules' `$(CRANE) cp SRC DST`, its `CRANE` set by `$(eval $(call tool_defs,...))`); crane and skopeo
# only pull (https://github.com/google/go-containerregistry/blob/main/cmd/crane/doc/crane_copy.md)
_UNSET_TOOLS = {"CRANE": "crane", "SKOPEO": "skopeo"}
# `$(LOCALBIN)/kind`, `./bin/kubectl`, and a binary installed under its version, `$(LOCALBIN)/kind-$(KIND_VERSION)`
# (kubebuilder's scaffold installs each tool so, its `go-install-tool` moving the binary to `NAME-VERSION`:
# https://book.kubebuilder.io/reference/makefile-helpers)
_TOOL_PATH_RE = re.compile(r"^\S*/(?P<tool>[\w-]+?)(?:-(?:\$\(\w+\)|\$\{\w+\}|v?\d[\w.-]*))?$")
# a path to one of the programs, written where a command runs: `${GITHUB_WORKSPACE}/bin/kind`, `./bin/kubectl`; also
# quoted, and a release binary kept under its asset's name, `"${BIN_DIR}/kind-linux-${ARCH}"` (kind's release
# binaries are kind-OS-ARCH, https://kind.sigs.k8s.io/docs/user/quick-start/#installing-from-release-binaries; k3d's
# k3d-OS-ARCH, https://github.com/k3d-io/k3d/releases)
_OS_ARCH = r"(?:-(?:linux|darwin|windows)-(?:\$\{\w+\}|\$\(\w+\)|\$\w+|[a-z0-9_]+))?"
_PATH_WORD_RE = re.compile(
    r"(?<![^\s;&|(`])(?P<quote>\"?)(?:\$\{\w+\}|\$\(\w+\)|\$\w+|[\w.~-]+)?(?:/[\w.-]+)*/(?P<tool>"
    + "|".join(re.escape(tool) for tool in sorted(_TOOLS))
    + rf"){_OS_ARCH}(?P=quote)(?=[ \t]+\w)"
)
# `go tool [-modfile=FILE] kind`: the tool the module's `tool` directive names (Go 1.24,
# https://pkg.go.dev/cmd/go#hdr-Run_specified_go_tool); not `go tool -n kind`, which prints the command it would run
_GO_TOOL = r"go[ \t]+tool(?:[ \t]+-modfile=\S+)?[ \t]+(?P<tool>" + "|".join(re.escape(t) for t in sorted(_TOOLS)) + ")"
_GO_TOOL_VALUE_RE = re.compile(rf"^{_GO_TOOL}$")
_GO_TOOL_WORD_RE = re.compile(rf"(?<![^\s;&|(`]){_GO_TOOL}(?=[ \t]+\w)")
# a probe that prints the program it finds: `$(shell if command -v podman >/dev/null 2>&1; then echo podman; else
# echo docker; fi)` (a lookup that is not silenced, `command -v nerdctl || echo docker`, may print a path instead)
_PROBE_RE = re.compile(r"^\$\((?:shell[ \t]+)?(?P<body>.*)\)$", re.DOTALL)
_ECHOED_RE = re.compile(r"\becho[ \t]+[\"']?([\w-]+)[\"']?[ \t]*(?=[;)|&]|$|\bfi\b)")
_LOOKUP_RE = re.compile(
    r"\b(?:command[ \t]+-v|which|type[ \t]+-p)[ \t]+[\w-]+(?![\w-])(?![ \t]*(?:&>|1?>)[ \t]*/dev/null)"
)
# a lookup that prints the pathname the shell runs for a program, `$(command -v 'podman')`, `$(which docker)`,
# make's `$(shell command -v docker 2>/dev/null || command -v podman 2>/dev/null)` (alternatives after `||`, stderr
# silenced; also the first of a script's `A=$(...) || A=$(...)` chain)
_SUBSTITUTION_RE = re.compile(r"^\$\((?:shell[ \t]+)?(?P<body>[^()]*)\)(?:[ \t]*\|\|[ \t]*\\?)?$")
_LOOKUP_PART_RE = re.compile(
    r"^[ \t]*(?:command[ \t]+-v|which|type[ \t]+-p)[ \t]+(?P<quote>[\"']?)(?P<tool>[\w-]+)(?P=quote)"
    r"(?:[ \t]+2>[ \t]*/dev/null)?[ \t]*$"
)
_REFERENCE_RE = re.compile(
    # followed by a word or an option (`$(DOCKER_COMPOSE) -f FILE up`); `${NAME:-docker}`, `${NAME-docker}` with the
    # program the shell gives when NAME is not set
    r"(?P<quote>\"?)\$(?:\((?P<paren>[A-Za-z_][\w./-]*)\)"  # a make name, `$(tools/k3d)` too
    r"|\{(?P<brace>\w+)(?::?-(?P<default>[\w -]+))?\}|(?P<bare>[A-Za-z_]\w*))"
    r"(?P=quote)(?=[ \t]+-?\w)"
)


def _looked_up(value: str) -> set[str]:
    """The programs a lookup value prints the pathname of (`$(command -v docker)`; each alternative of `||`), or
    none when any part is another command."""
    if (substitution := _SUBSTITUTION_RE.match(value.strip())) is None:
        return set()
    parts = [_LOOKUP_PART_RE.match(part) for part in substitution["body"].split("||")]
    return {part["tool"] for part in parts if part} if all(parts) else set()


# a version manager's lookup or run of a tool it installs: `$(shell $(MISE) which kind)` prints the path of the
# tool's binary (https://mise.jdx.dev/cli/which.html; `asdf which`, https://asdf-vm.com/manage/commands.html; `aqua
# which`), `$(MISE) exec -- k3d` runs it (https://mise.jdx.dev/cli/exec.html, `mise x`; `asdf exec`, `aqua exec`);
# the manager written as its name, a path to it, or a variable named for it (`MISE := $(shell which mise)`)
_MANAGER = (
    r"(?:(?:[^\s()$]*/)?(?:mise|asdf|aqua)|\$(?:\((?i:mise|asdf|aqua)\)|\{(?i:mise|asdf|aqua)\}|(?i:mise|asdf|aqua)\b))"
)
_MANAGED_RE = re.compile(
    rf"^(?:\$\((?:shell[ \t]+)?{_MANAGER}[ \t]+which[ \t]+(?P<which>[\w-]+)[ \t]*\)"
    rf"|{_MANAGER}[ \t]+(?:exec|x)(?:[ \t]+--)?[ \t]+(?P<exec>[\w-]+))$"
)


def _managed(value: str) -> str | None:
    """The tool a version manager's `which` or `exec` value stands for (`$(shell $(MISE) which kind)`: kind)."""
    managed = _MANAGED_RE.match(value.strip().strip("'\""))
    return (managed["which"] or managed["exec"]) if managed is not None else None


# the environment assignments a value starts with, before its program (`DOCKER_BUILDKIT=1 docker`)
# a container CLI and its global options, a variable alone among them holding more (skopeo's systemtest helper
# `PODMAN="podman $runtime --cgroup-manager=cgroupfs"`, `runtime` empty or `--runtime runc`), at least one written
_WITH_OPTIONS_RE = re.compile(
    r"^(?P<program>docker|podman)(?=(?:[ \t]+\$\{?\w+\}?)*[ \t]+-)(?:[ \t]+(?:-[\w-]+(?:=[^\s$`'\"]*)?|\$\{?\w+\}?))+$"
)
_ENVIRONMENT_RE = re.compile(r"^(?:[A-Za-z_]\w*=[^\s'\"$`]*[ \t]+)+")
# a value that is one other variable (`KIND_BIN="${KIND}"`): the program that one stands for
_ONE_NAME_RE = re.compile(r"\$(?:\{(?P<brace>\w+)\}|\((?P<paren>\w+)\)|(?P<bare>[A-Za-z_]\w*))")
_DEPTH = 4  # at most this many names, one holding the next


def _program(name: str, values: ShellValues, depth: int = 0) -> str | None:
    """The program `name` stands for when every value of it in the file resolves to a program of one group (the
    first, sorted: `docker` or `podman`; `kind`); a value that is one other name stands for that name's program
    (`KIND_BIN="${KIND}"` over `export KIND="${bindir}/hack/bin/kind"`, whatever the directory)."""
    known = values.values.get(name, set())
    if len(known) == 1 and (other := _ONE_NAME_RE.fullmatch(next(iter(known)).strip("'\""))) is not None:
        held = other["brace"] or other["paren"] or other["bare"]
        return None if held == name or depth >= _DEPTH else _program(held, values, depth + 1)
    if not known:  # makefile-modules' `$(CRANE)`, defined through `$(eval $(call tool_defs,...))`
        return _UNSET_TOOLS.get(name)
    programs: set[str] = set()
    # the empty value a script starts from before it picks the program, and the program with options added
    # (`ctrl="$ctrl -n $namespace"`), leave the program as it is
    ignored = re.compile(rf"^(?:|[\"']{{2}}|\$(?:{re.escape(name)}|\{{{re.escape(name)}\}})(?:[ \t]+-\S.*)?)$")
    for value in known:
        if ignored.match(value.strip()):
            continue
        if looked_up := _looked_up(value):
            programs |= looked_up  # `command -v NAME` prints the pathname the shell runs for NAME
            continue
        if (managed := _managed(value)) is not None:
            programs.add(managed)  # `$(shell $(MISE) which kind)`, `$(MISE) exec -- k3d`
            continue
        if (path := _TOOL_PATH_RE.match(value.strip().strip("'\""))) and path["tool"] in _TOOLS:
            programs.add(path["tool"])  # `KIND ?= $(go_bin)/kind`: the binary a target installs, whatever the directory
            continue  # (before a probe: `$(LOCALBIN)/kind-$(KIND_VERSION)` is one too)
        other = _ONE_NAME_RE.fullmatch(_ENVIRONMENT_RE.sub("", value.strip().strip("'\"")))
        if other is not None and (held := other["brace"] or other["paren"] or other["bare"]) != name:
            # `KIND_CMD := $(KIND)` beside a branch's `KIND_CMD := KIND_EXPERIMENTAL_PROVIDER=podman $(KIND)` (the
            # assignment only goes into the program's environment): the program `KIND` stands for
            programs.add((_program(held, values, depth + 1) if depth < _DEPTH else None) or "?")
            continue
        if (probe := _PROBE_RE.match(value.strip())) and not _LOOKUP_RE.search(probe["body"]):
            programs.update(_ECHOED_RE.findall(probe["body"]) or ["?"])  # the programs it may print
            continue
        if (optioned := _WITH_OPTIONS_RE.match(value.strip().strip("'\""))) is not None:
            programs.add(optioned["program"])  # `podman $runtime --cgroup-manager=cgroupfs`: its global options
            continue
        resolved, problem = ShellValues(values={**values.values, name: {value}}).resolve(f"${{{name}}}")
        if problem is not None:
            return None
        # `DOCKER=DOCKER_CLI_EXPERIMENTAL=enabled docker`: the assignments before the program only go into its
        # environment (https://gnu.org/software/bash/manual/html_node/Simple-Command-Expansion.html)
        command = _ENVIRONMENT_RE.sub("", resolved.strip())
        go_tool = _GO_TOOL_VALUE_RE.match(command)  # `KIND=${KIND:-go tool -modfile=tools/go.mod kind}`
        programs.add(go_tool["tool"] if go_tool else command)
    return sorted(programs)[0] if programs and any(programs <= group for group in _PROGRAM_GROUPS) else None


def probes_a_program(value: str) -> bool:
    """Whether a value is a probe or lookup that can only give a program of one group (docs.mk's `$(shell if command
    -v podman >/dev/null 2>&1; then echo podman; else echo docker; fi)`, `$(shell command -v docker)`): an included
    makefile's such assignment is shared with the makefiles of its make run (make_includes.py)."""
    value = value.strip()
    programs = _looked_up(value) or ({managed} if (managed := _managed(value)) is not None else set())
    if not programs and (probe := _PROBE_RE.match(value)) and not _LOOKUP_RE.search(probe["body"]):
        programs = set(_ECHOED_RE.findall(probe["body"]))
    return bool(programs) and any(programs <= group for group in _PROGRAM_GROUPS)


def _paths_named(line: str) -> str:
    """`line` with each path to a program that starts a command replaced by the program."""
    out: list[str] = []
    position = 0
    for match in sorted([*_PATH_WORD_RE.finditer(line), *_GO_TOOL_WORD_RE.finditer(line)], key=lambda m: m.start()):
        if match.start() < position:
            continue
        if in_command_position(line[: match.start()]):
            out += [line[position : match.start()], match["tool"]]
            position = match.end()
    return "".join([*out, line[position:]]) if out else line


def paths_named(text: str) -> str:
    """`text` with each path to a program that starts a command (`./bin/kind create cluster`, a CI step's too)
    replaced by the program."""
    if "/" not in text and "go tool" not in text:
        return text
    return "\n".join(
        _paths_named(line) if ("/" in line or "go" in line) and not line.lstrip().startswith("#") else line
        for line in text.split("\n")
    )


# make's `eval` in a recipe, `$(eval NAME := VALUE)`: an assignment make makes when it expands the recipe
# (https://www.gnu.org/software/make/manual/html_node/Eval-Function.html), Kuadrant's `container-runtime-tool` target
# probing for docker or podman before `$(CONTAINER_RUNTIME_BIN) run ... $(IMAGE)`
_EVAL_RE = re.compile(r"\$\(eval[ \t]+([A-Za-z_]\w*)[ \t]*(?:::?=|\?=|=)[ \t]*")


def _evaluated(text: str) -> dict[str, set[str]]:
    """The values the `$(eval NAME := VALUE)` calls of a makefile give their names (line continuations joined)."""
    out: dict[str, set[str]] = {}
    for match in _EVAL_RE.finditer(text):
        depth, at = 1, match.end()
        while at < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[at], 0)
            at += 1
        if depth == 0:
            value = re.sub(r"\\\n[ \t]*", " ", text[match.end() : at - 1]).strip()
            out.setdefault(match[1], set()).add(value)
    return out


# the container CLI kept in a bash array, expanded whole where a command runs: `DOCKER=(docker)`, then `"${DOCKER[@]}"
# run ...` (kubernetes' and test-infra's hack scripts, a dry-run branch `DOCKER=(echo docker)` beside it)
_ARRAY_REFERENCE_RE = re.compile(r"(?P<quote>\"?)\$\{(?P<array>[A-Za-z_]\w*)\[[@*]\]\}(?P=quote)(?=[ \t]+-?\w)")


def _array_program(assignments: list[list[str]]) -> str | None:
    """The container CLI an array holds in every assignment (a dry run's `echo ...` aside), or None."""
    programs = {words[0] for words in assignments if len(words) == 1}
    dry = [words for words in assignments if words[:1] == ["echo"]]
    single = programs and programs <= _PROGRAM_GROUPS[0]
    return sorted(programs)[0] if single and len(programs) + len(dry) >= len(assignments) else None


def _arrays_named(text: str) -> str:
    """`text` with each array holding the container CLI (`"${DOCKER[@]}"`) that starts a command replaced by it."""
    assignments = array_assignments(text)
    lines = text.split("\n")
    for index, written in enumerate(lines):
        line = written
        for match in reversed(list(_ARRAY_REFERENCE_RE.finditer(written))):
            program = _array_program(assignments.get(match["array"], []))
            if program is not None and in_command_position(written[: match.start()]):
                line = line[: match.start()] + program + line[match.end() :]
        lines[index] = line
    return "\n".join(lines)


def named_programs(text: str, *, yaml: bool = False) -> str:
    """`text` with each container-CLI variable, and each path to a program, that starts a command replaced by its
    program."""
    text = paths_named(text)
    if "$" not in text:
        return text
    if "[@]" in text or "[*]" in text:
        text = _arrays_named(text)
    values = ShellValues.of(text, yaml=yaml)
    if "$(eval" in text and (evaluated := _evaluated(text)):
        values = ShellValues(
            values={**values.values, **{k: values.values.get(k, set()) | v for k, v in evaluated.items()}}
        )
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "$" not in line or line.lstrip().startswith("#"):
            continue
        out: list[str] = []
        position = 0
        for match in _REFERENCE_RE.finditer(line):
            name = match["paren"] or match["brace"] or match["bare"]
            known = values
            if match["default"] is not None:  # the default is a value too: `${CONTAINER_ENGINE:-docker} run`
                given = values.values.get(name, set()) | {match["default"]}
                known = ShellValues(values={**values.values, name: given})
            program = _program(name, known)
            if program is None or not in_command_position(line[: match.start()]):
                continue
            out += [line[position : match.start()], program]
            position = match.end()
        if out:
            lines[index] = "".join([*out, line[position:]])
    return "\n".join(lines)
