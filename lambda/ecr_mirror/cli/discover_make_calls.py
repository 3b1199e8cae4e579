"""The images the make runs of a tree pull with the variables their callers give them (the parsing is
choose/discovery/make_calls.py): a recipe's `TAG=$(TAG)-ubi BASEIMAGE=registry.access.redhat.com/ubi9-micro:latest
$(MAKE) image`, whose `image` target builds the Dockerfile with `--build-arg BASEIMAGE="$(BASEIMAGE)"` over `ARG
BASEIMAGE=scratch`; a CI step's `make e2e NODE_IMAGE=kindest/node:v1.30.4` over the Makefile's `NODE_IMAGE :=
...`; a script's `make -C deploy test-db DB_IMAGE=postgres:15`. Both readings are listed, as a workflow's env over a
compose default is (cli/discover_step_scripts.py): the caller's is a use of the Makefile's line (or of the Dockerfile's
line its build reads) naming the calling line.

The Makefile is the one `-f` names, else the default one (`GNUmakefile`, `makefile`, `Makefile`) of the directory
`-C` names, from the calling file's directory (a workflow's: the repository's top); a script's or a CI file's call
without `-C` or `-f` also from up to three directories above it, the first whose Makefile has the targets. Read are
the recipe lines of the targets and of their prerequisites (make_reach), the Dockerfiles their builds build with
`--build-arg` (a `Dockerfile.cross` the recipes write with `sed` from the Dockerfile: the Dockerfile), and the
scripts they run by their path, with the variables make exports to them (those of the command line, and of the
environment but a name the Makefile assigns other than with `?=`).

The names the reached recipes build (`docker build -t ${TAG}`) with the call's values are built by the calling file
(`make PGVERSION=11 TAG=stolon:master-pg11 docker` in a script that then runs `kubectl run
--image=stolon:master-pg11`): `make_call_builds`.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.command_builds import CommandBuild, command_builds
from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.local_builds import LocalBuild, build_words
from ecr_mirror.choose.discovery.make_calls import MakeCall, make_calls, with_command_line
from ecr_mirror.choose.discovery.make_defined import with_defined
from ecr_mirror.choose.discovery.make_functions import with_name_functions, with_rule_variables
from ecr_mirror.choose.discovery.make_includes import included_makefiles
from ecr_mirror.choose.discovery.make_loops import recipe_loops
from ecr_mirror.choose.discovery.make_patterns import pattern_targets, with_stems
from ecr_mirror.choose.discovery.make_recipe_variables import recipe_variables
from ecr_mirror.choose.discovery.make_target_values import target_calls
from ecr_mirror.choose.discovery.shell_loops import loops_unrolled
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.step_scripts import make_reach, step_calls, with_env
from ecr_mirror.choose.discovery.workflow_steps import matrix_runs
from ecr_mirror.cli.discover_builds import locate_dockerfile
from ecr_mirror.cli.discover_scripts import STEP_KINDS, command_pulls, script_kind
from ecr_mirror.cli.discover_step_scripts import EnvReadings, passed_on, workflow_root
from ecr_mirror.errors import ConfigError

Reader = Callable[..., str | None]
_MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
_MAX_READINGS = 32  # the readings of one Makefile with other values
_MAX_STEMS = 16  # the targets of a Makefile's pattern rules read (`docker-build-amd64`, ...)
# a reading: the makefile, the call's targets (a pattern rule's stem), the values of its command line and
# environment, the recipe lines reached
_Key = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], frozenset[int]]


@dataclasses.dataclass
class _Makefiles:
    files: EnvReadings
    read: Reader
    count: dict[str, int] = dataclasses.field(default_factory=dict)
    readings: dict[_Key, list[Found]] = dataclasses.field(default_factory=dict)

    def located(self, caller: str, call: MakeCall) -> tuple[str, str, set[int], list[str]] | None:
        """(the Makefile, its text with the pattern rules of the call's targets written for them, its reached recipe
        lines, the scripts they run) of a call from `caller`; a call that passes no value only where a pattern rule
        makes one of its targets."""
        start = workflow_root(caller) if kind_of(caller) is Kind.WORKFLOW else os.path.dirname(caller)
        if script_kind(caller) == "Makefile" and not call.directory and not call.makefile:
            here = os.path.normpath(start)
            names = [os.path.normpath(os.path.join(here, base)) for base in _MAKEFILES] + [caller]
        else:  # a script or CI file may run from its directory or one above it (the repository's top)
            places = [os.path.normpath(os.path.join(place, call.directory)) for place in [start, *_parents(start, 3)]]
            bases = [call.makefile] if call.makefile else _MAKEFILES
            names = [os.path.normpath(os.path.join(place, base)) for place in places for base in bases]
        for name in names:
            if (text := self.files.scripts.get(name)) is None:
                continue
            # `$(MAKE) $(addprefix docker-build-,$(ALL_DOCKER_BUILD))`, `push-all: $(PUSH_ARCH_TARGETS)`
            text = with_rule_variables(with_name_functions(text))
            stemmed = with_stems(text, call.targets)
            if stemmed is text and not (call.command_line or call.environment):
                continue
            lines, scripts = make_reach(stemmed, call.targets)
            if lines:
                return name, stemmed, lines, scripts
            if (included := self._included(name, call)) is not None:
                return included
        return None

    def _included(self, name: str, call: MakeCall) -> tuple[str, str, set[int], list[str]] | None:
        """The makefile `name` includes that holds the recipes of the call's targets (a suite's `include
        ../common.mk` defining `run`: make reads an included file as part of the including Makefile), when the
        call passes values."""
        if not call.targets or not (call.command_line or call.environment):
            return None
        for included in included_makefiles(name, self.files.scripts[name], self.files.scripts):
            lines, scripts = make_reach(self.files.scripts[included], call.targets)
            if lines:
                return os.path.normpath(included), self.files.scripts[included], lines, scripts
        return None

    def pulls(self, caller: str, call: MakeCall, budget: str = "") -> list[Found]:
        """The images a call pulls where they differ from the Makefile's own reading; `budget` names the count of
        readings the call takes its turn from (a pattern rule's runs per target have their own)."""
        located = self.located(caller, call)
        if located is None:
            return []
        budget += f"+exported by {caller}" if call.exported else ""  # a count of its own for each file exporting
        # the same reading reached by many calls (each case directory's `make -C DIR run` of a suite): once
        key = (located[0], call.targets, call.command_line, call.environment, frozenset(located[2]))
        if key not in self.readings:
            if self.count.setdefault(located[0] + budget, 0) >= _MAX_READINGS:
                return []
            self.count[located[0] + budget] += 1
            self.readings[key] = self._pulls(located, call)
        return self.readings[key]

    def _pulls(self, located: tuple[str, str, set[int], list[str]], call: MakeCall) -> list[Found]:
        makefile, text, lines, scripts = located
        given = dict(call.command_line)
        changed = with_command_line(with_env(text, dict(call.environment), makefile=True), given)
        if makefile not in self.files.alone:  # the Makefile's own reading, once
            own = self.files.scripts[makefile]
            self.files.alone[makefile] = {(item.line, item.text) for item in command_pulls(own, makefile)}
        alone = self.files.alone[makefile]
        found = [
            item
            for item in command_pulls(changed, makefile)
            if item.line in lines and item.problem is None and (item.line, item.text) not in alone
        ]
        found += self._built(makefile, text, changed, lines)
        exported = {**passed_on(text, dict(call.environment)), **given}
        for script in scripts:
            shown = os.path.normpath(os.path.join(os.path.dirname(makefile), script))
            found += self.files.differing(shown, exported, None) if shown in self.files.scripts else []
        return found

    def _built(self, makefile: str, text: str, changed: str, lines: set[int]) -> list[Found]:
        """The images the Dockerfiles the reached builds build pull with the call's values, where they differ."""
        default: dict[int, list[CommandBuild]] = {}  # a static pattern rule's recipe builds once per target
        for build in command_builds(text, makefile):
            default.setdefault(build.line, []).append(build)
        found: list[Found] = []
        for build in command_builds(changed, makefile):
            name = locate_dockerfile(makefile, build.dockerfile) if build.line in lines else None
            dockerfile = self.read(name, Path(name)) if name is not None else None
            if name is None or dockerfile is None:
                continue
            before = [dict(other.args) for other in default.get(build.line, [])]
            known = {
                (item.line, item.text) for args in ({}, *before) for item in dockerfile_images(dockerfile, name, args)
            }
            for pulled in dockerfile_images(dockerfile, name, dict(build.args)):
                if pulled.problem is None and (pulled.line, pulled.text) not in known:
                    use = f"{pulled.use} (built by {makefile}:{build.line})"
                    found.append(dataclasses.replace(pulled, use=use, kind="Dockerfile"))
        return found


def _parents(directory: str, most: int) -> list[str]:
    out: list[str] = []
    while directory not in ("", ".", os.path.dirname(directory)) and len(out) < most:
        directory = os.path.dirname(directory)
        out.append(directory or ".")
    return out


def _calls(caller: str, text: str) -> list[MakeCall]:
    """The make runs of a file, those of a workflow's `run:` steps over its job's matrix too (`make e2e/${{
    matrix.k8s-version }}`, once per version), and those of a Makefile recipe's or a shell script's `for` loop once
    per word of its list (`for v in $(VERSIONS); do VERSION=$${v} $(MAKE) image; done`, make_loops.py and
    shell_loops.py), at the file's lines."""
    kind = script_kind(caller)
    looping = kind in ("Makefile", "shell script") and kind_of(caller) not in STEP_KINDS
    unrolled = loops_unrolled(recipe_loops(text) if kind == "Makefile" else text) if looping else text
    calls = make_calls(unrolled, yaml=caller.endswith((".yml", ".yaml")), bare=True)
    if script_kind(caller) == "Makefile":
        calls += [call for call in target_calls(text, caller) if call not in calls]  # `v16: export PG_VERSION = 16`
    if kind_of(caller) is not Kind.WORKFLOW or "matrix" not in text:
        return calls
    try:
        runs = matrix_runs(text, caller)
    except ConfigError:
        return calls  # reported by the workflow's own reader
    for first, commands in runs:
        for call in make_calls(commands, bare=True):
            moved = dataclasses.replace(call, line=call.line + first - 1)
            calls += [moved] if moved not in calls else []
    return calls


def _pattern_calls(caller: str, text: str) -> list[MakeCall]:
    """The make runs of a Makefile's pattern rules' recipes, once for each target its rules name that only a pattern
    rule makes, with the stem written for `$*`: `docker-build-all: $(addprefix docker-build-,$(ALL_ARCH))` beside
    `docker-build-%:` running `$(MAKE) ARCH=$* docker-build` is `$(MAKE) ARCH=amd64 docker-build`, ... (make runs
    the pattern's recipe for each prerequisite it makes; make_patterns.py, make_functions.py). Read with a count of
    readings of their own: a Makefile's other runs may take all of its count."""
    if script_kind(caller) != "Makefile":
        return []
    written = with_rule_variables(with_name_functions(text))
    calls: list[MakeCall] = []
    for target in pattern_targets(written)[:_MAX_STEMS]:
        calls += [call for call in make_calls(with_stems(written, (target,)), bare=True) if call not in calls]
    return calls


def make_call_pulls(texts: dict[str, str], scripts: dict[str, str], read: Reader) -> list[Found]:
    """The images the make runs of the tree's scripts, Makefiles and CI files (`texts` and `scripts`, name shown ->
    text) pull with the variables they give, where these change them, each use naming the calling line."""
    files = EnvReadings({os.path.normpath(shown): text for shown, text in scripts.items()})
    makefiles = _Makefiles(files, read)
    callers = _callers(texts, files)
    found: list[Found] = []
    for caller, text in callers.items():
        calls = _calls(caller, text)
        stemmed = [call for call in _pattern_calls(caller, text) if call not in calls]
        for call, budget in [(call, "") for call in calls] + [(call, " (stems)") for call in stemmed]:
            for item in makefiles.pulls(caller, call, budget):
                use = f"{item.use} (with the variables of {caller}:{call.line})"
                kind = item.kind if item.kind == "Dockerfile" else script_kind(item.origin)
                changed = dataclasses.replace(item, use=use, kind=kind)
                if changed not in found:
                    found.append(changed)
    return found


def _callers(texts: dict[str, str], files: EnvReadings) -> dict[str, str]:
    return {**files.scripts, **{shown: text for shown, text in texts.items() if kind_of(shown) in STEP_KINDS}}


def make_call_builds(texts: dict[str, str], scripts: dict[str, str]) -> list[LocalBuild]:
    """The images the make runs of the tree build with the values their callers give (a CI step's `make
    docker-build IMG=operator:scan` over the recipe's `docker build -t ${IMG} .`, then Trivy scanning
    `operator:scan`), each a build at the calling line. The Makefile is the one the call reaches as for its pulls,
    else, for a call whose Makefile is not found so (a step's `cd operator` before it), each Makefile of the tree
    that has the call's targets: a name is taken as built only where it is used, so a build read too widely marks
    nothing else."""
    files = EnvReadings({os.path.normpath(shown): text for shown, text in scripts.items()})
    makefiles = _Makefiles(files, lambda *_, **__: None)
    candidates = [name for name in files.scripts if os.path.basename(name) in _MAKEFILES]
    builds: list[LocalBuild] = []
    for caller, text in _callers(texts, files).items():
        calls = _calls(caller, text)
        with_env_calls = [call for call in _step_env_calls(caller, text) if call not in calls]
        exported = {call.line for call in with_env_calls}  # a step that exports before the call: read with them
        calls += with_env_calls
        for call in calls + [call for call in _pattern_calls(caller, text) if call not in calls]:
            ci = kind_of(caller) in STEP_KINDS and (call in with_env_calls or call.line not in exported)
            located = makefiles.located(caller, call)
            reached = (
                [located[:3]]
                if located
                else [
                    (name, text, make_reach(text, call.targets)[0])
                    for name in candidates
                    if (text := files.scripts[name])
                ]
            )
            for makefile, made, lines in reached:
                builds += _made(made, makefile, lines, call, caller, ci=ci) if lines else []
    return builds


def _step_env_calls(caller: str, text: str) -> list[MakeCall]:
    """The make runs of a workflow's `run:` steps with the environment the step gives them: what its `run:` exports
    before the call (`export REGISTRY=test`, then `make container-build`), the `env:` of the workflow, the job and
    the step, and what earlier steps write to `$GITHUB_ENV` (step_scripts.step_calls); make reads them over a `?=`
    default (https://www.gnu.org/software/make/manual/html_node/Environment.html). The call's command line is read
    with that environment too: the shell expands `IMG=${operatorImage}` before make sees it (harbor-operator's `make
    docker-build IMG=${dockerImage}` with the job's `dockerImage: harbor-operator:dev_test`)."""
    if kind_of(caller) is not Kind.WORKFLOW or "make" not in text:
        return []
    try:
        found = step_calls(text, caller)
    except ConfigError:
        return []  # reported by the workflow's own reader
    return [
        MakeCall(call.directory, "", call.names, _command_line(text, call.line, call.env), call.env, call.line)
        for call in found
        if call.kind == "make" and call.env
    ]


def _command_line(text: str, line: int, env: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The values of the command line of the make run at `line` of a workflow, with the step's `env`."""
    return _command_lines(text, env).get(line, ())


@functools.lru_cache(maxsize=16)  # the steps of a job share their env: the workflow read once for each
def _command_lines(text: str, env: tuple[tuple[str, str], ...]) -> dict[int, tuple[tuple[str, str], ...]]:
    return {call.line: call.command_line for call in reversed(make_calls(text, yaml=True, env=env))}


def _made(
    text: str, makefile: str, lines: set[int], call: MakeCall, caller: str, *, ci: bool = False
) -> list[LocalBuild]:
    """The names the reached recipe lines of `makefile` build into the image store (not a multi-platform build that
    does not load, its `--platform` read with the call's values) with the call's values, where they differ from the
    Makefile's own (`docker build -t ${IMG} .` with `IMG=operator:scan` given), and, with its own values, a name of
    no namespace nor registry, no one's published image (kubeflow pipelines' `$(MAKE) -C ../backend/api image`,
    whose recipe builds `-t $(IMAGE_TAG)` with `IMAGE_TAG=kfp-api-generator`); and, for a CI step's run, every name
    a build that keeps its image locally makes with the Makefile's own values too: a job runs the defaults, no user's
    choice of where to publish, and a later step of the same job uses the image it built (apisix-docker's
    `make build-on-${{ matrix.platform }}`, whose recipe builds `apache/apisix:3.18.0-ubuntu`, then `docker compose
    -f ./compose/docker-compose-release.yaml up -d`: marked_built takes such a published name as built only for a
    use of the same flow; `ci`: the call is a CI step's, read with what the step exports before it when it
    does)."""
    values = {**dict(call.environment), **dict(call.command_line)}
    changed = with_command_line(with_env(text, dict(call.environment), makefile=True), dict(call.command_line))
    changed = with_defined(changed, values)  # `ifndef PUBLISH` with PUBLISH given: make_defined.py
    given, own = ShellValues.of(changed), ShellValues.of(text)
    changed = recipe_variables(changed, builds=True).text  # a canned recipe's build, as local builds read it
    targets = " ".join(call.targets)
    out: list[LocalBuild] = []
    # a multi-platform build that does not load keeps nothing in the image store, its platforms given with the call's
    # values (`--platform $(PLATFORMS)`): local_builds._published
    loaded = set(build_words(changed, published=False, resolve=lambda word: given.resolve(word)[0]))
    for line, written in build_words(changed):
        name, problem = given.resolve(written) if line in lines else ("", "not reached")
        if problem is None and name and (line, written) in loaded:
            mine = name == own.resolve(written)[0] and "/" in name  # the Makefile's own published name
            if mine and not ci:
                continue
            how = f"make {targets} ({makefile}:{line})".replace("make  ", "make ")
            out.append(LocalBuild(name, caller, call.line, how, flow_only=mine))
    return out
