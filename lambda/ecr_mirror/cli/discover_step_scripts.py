"""The images the make targets and scripts of a workflow step pull with the step's `env:` (the parsing is
choose/discovery/step_scripts.py): a step that sets `NODE_IMAGE: ${{ matrix.node }}` and runs `make e2e`, whose
recipe runs a script creating a kind cluster with `--image "${NODE_IMAGE:-kindest/node:v1.33.1}"`, pulls each node
image of the matrix in CI, and the script's default on a laptop. Both are listed, as a workflow's env over a compose
default is (cli/discover_workflows.py): the CI one is a use of the script's line naming the step.

A make target is looked up in the Makefile of the step's directory (`working-directory`, then make's `-C`), and a
script by its path from there; the scripts a reached recipe runs by their path are read with the env the Makefile
passes on: the step's, but for a name the Makefile assigns itself other than with `?=`. Each file is read once per
set of values of the names it mentions: the steps of a large matrix that differ in other names cost nothing more.
A script the step runs passes the environment on to the scripts it runs by their path (`"${REPO_ROOT}"/hack/setup.sh`,
choose/discovery/script_runs.py), with what it exports before: those are read with it in turn.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.buildkite_steps import buildkite_step_calls
from ecr_mirror.choose.discovery.command_builds import command_builds
from ecr_mirror.choose.discovery.found import DOCKERFILE_KIND, Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.make_conditionals import branches
from ecr_mirror.choose.discovery.script_arguments import with_arguments
from ecr_mirror.choose.discovery.script_runs import nested_scripts, script_passed_on
from ecr_mirror.choose.discovery.step_scripts import StepCall, make_reach, step_calls, with_env
from ecr_mirror.cli.discover_action_calls import without_called_inputs
from ecr_mirror.cli.discover_builds import Reader, command_built_images, merge_builds
from ecr_mirror.cli.discover_scripts import command_pulls, script_kind
from ecr_mirror.errors import ConfigError

_MAKEFILES = ("GNUmakefile", "makefile", "Makefile")
_NESTED = 3  # scripts run by a script run by a step, and so on


def workflow_root(workflow: str) -> str:
    """The repository a `.github/workflows/x.yml` file belongs to (as shown)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(workflow)))


def pipeline_root(pipeline: str) -> str:
    """The repository a Buildkite pipeline belongs to (as shown): the directory holding its `.buildkite/`, else the
    pipeline's own (`buildkite.yml` at the top); its commands run from the checkout's top."""
    parts = pipeline.split(os.sep)
    return os.sep.join(parts[: parts.index(".buildkite")]) if ".buildkite" in parts else os.path.dirname(pipeline)


@dataclass
class EnvReadings:
    """The tree's Makefiles and scripts (name shown -> text), with what each gives read alone and with an env and
    arguments; `read` reads the Dockerfiles their builds name (discover_builds.Reader), if given."""

    scripts: dict[str, str]
    read: Reader | None = None
    alone: dict[str, set[tuple[int | None, str]]] = field(default_factory=dict)
    found: dict[tuple[str, tuple[tuple[str, str], ...], tuple[str, ...]], list[Found]] = field(default_factory=dict)

    def changed(self, shown: str, env: dict[str, str], args: tuple[str, ...] = ()) -> str:
        """The file's text as it runs with `env` and `args` (the file alone when they change nothing)."""
        text = self.scripts[shown]
        given = {name: value for name, value in env.items() if name in text}
        argued = with_arguments(text, args) if script_kind(shown) != "Makefile" else text
        return with_env(argued, given, makefile=script_kind(shown) == "Makefile") if given else argued

    def differing(
        self, shown: str, env: dict[str, str], lines: set[int] | None, args: tuple[str, ...] = ()
    ) -> list[Found]:
        """The pulls of the file read with `env` and `args` that its own reading does not give (on `lines` only,
        if given), and the pulls of the Dockerfiles its builds with other arguments build (discover_builds.py);
        only the names the file mentions are given, so steps that differ in other names read it once."""
        text = self.scripts[shown]
        given = tuple(sorted((name, value) for name, value in env.items() if name in text))
        args = args if with_arguments(text, args) != text else ()
        if not given and not args:
            return []
        if shown not in self.alone:
            self.alone[shown] = {(item.line, item.text) for item in command_pulls(text, shown)}
        if (key := (shown, given, args)) not in self.found:
            changed = self.changed(shown, env, args)
            self.found[key] = [
                item
                for item in command_pulls(changed, shown)
                if (item.line, item.text) not in self.alone[shown] and item.problem is None
            ] + self._built(shown, text, changed)
        return [item for item in self.found[key] if lines is None or item.line in lines]

    def _built(self, shown: str, text: str, changed: str) -> list[Found]:
        """The pulls of the Dockerfiles the builds of `changed` build with arguments the file's own builds do not
        pass (a shell script's; a Makefile's builds are read by discover_make_calls.py)."""
        if self.read is None or script_kind(shown) != "shell script" or "build" not in text:
            return []
        alone = set(command_builds(text, shown))
        builds = [build for build in command_builds(changed, shown) if build not in alone]
        return [
            dataclasses.replace(item, kind=DOCKERFILE_KIND)
            for item in command_built_images({shown: changed}, self.read, [])
            if any(item.use.endswith(f"(built by {shown}:{build.line})") for build in builds)
        ]


def passed_on(makefile: str, env: dict[str, str]) -> dict[str, str]:
    """The step's env as the Makefile's recipes see it: a name the Makefile assigns (but with `?=`) is its own; one
    it assigns only inside a conditional (`FLEET_IMAGE := elastic/elastic-agent` under `ifneq (,$(filter 8.0.%,
    $(STACK_VERSION)))`) keeps the environment's value in the runs where no such branch is taken
    (make_conditionals.py reads each branch as some run's)."""
    lines, where = makefile.splitlines(), branches(makefile)
    passed: dict[str, str] = {}
    for name, value in env.items():
        own = re.compile(r"^[ \t]*(?:export[ \t]+|override[ \t]+)?" + re.escape(name) + r"[ \t]*(?::::=|::=|:=|\+=|=)")
        if not any(own.match(line) and not where[index] for index, line in enumerate(lines)):
            passed[name] = value
    return passed


def _script_pulls(
    shown: str, env: dict[str, str], root: str, files: EnvReadings, within: tuple[str, ...], args: tuple[str, ...]
) -> list[Found]:
    """The pulls of the script `shown` run with `env` and `args` that its own reading does not give, and those of
    the scripts it runs by their path (script_runs.py) with what it passes on, `_NESTED` deep."""
    if shown not in files.scripts:
        return []
    found = files.differing(shown, env, None, args)
    text = files.scripts[shown]
    for line, path, exported in (
        nested_scripts(files.changed(shown, env, args), shown, root) if len(within) < _NESTED else ()
    ):
        if path in files.scripts and path not in within:
            given = {**script_passed_on(text, env, line), **exported}
            found += _script_pulls(path, given, root, files, (*within, shown), ())
    return found


def _call_pulls(call: StepCall, root: str, files: EnvReadings) -> list[Found]:
    env, scripts = dict(call.env), files.scripts
    directory = os.path.normpath(os.path.join(root, call.directory))
    if call.kind == "script":
        script = os.path.normpath(os.path.join(directory, call.names[0]))
        return _script_pulls(script, env, root, files, (), call.args)
    makefile = next(
        (name for base in _MAKEFILES if (name := os.path.normpath(os.path.join(directory, base))) in scripts), None
    )
    if makefile is None:
        return []
    lines, reached = make_reach(scripts[makefile], call.names)
    found = files.differing(makefile, env, lines)
    passed = passed_on(scripts[makefile], env)
    for script in reached:
        shown = os.path.normpath(os.path.join(directory, script))
        found += files.differing(shown, passed, None) if shown in scripts else []
    return found


def module_script_pulls(runs: list[tuple[str, StepCall]], scripts: dict[str, str]) -> list[Found]:
    """The images the scripts Terraform modules' local commands run (`runs`: (the `.tf` file, the call), from
    choose/discovery/terraform_local_exec.py) pull with the command's `environment`, where it changes them."""
    files = EnvReadings({os.path.normpath(shown): text for shown, text in scripts.items()})
    found: list[Found] = []
    for shown, call in runs:
        for item in _call_pulls(call, "", files):
            use = f"{item.use} (with the env of {shown}:{call.line})"
            changed = dataclasses.replace(item, use=use, kind=script_kind(item.origin))
            if changed not in found:
                found.append(changed)
    return found


def step_script_pulls(texts: dict[str, str], scripts: dict[str, str], read: Reader | None = None) -> list[Found]:
    """The images the workflows' steps and Buildkite pipelines' command steps (buildkite_steps.py) make the tree's
    Makefiles and scripts (`scripts`, name shown -> text) pull with their env and a script's arguments, where they
    change them, each use naming the step; with `read`, also what the Dockerfiles the scripts build pull with the
    build arguments they change."""
    files = EnvReadings({os.path.normpath(shown): text for shown, text in scripts.items()}, read)
    found: list[Found] = []
    for shown, text in texts.items():
        kind = kind_of(shown)
        if kind is not Kind.WORKFLOW and (  # a workflow's step may give a script arguments and no env
            kind is not Kind.BUILDKITE or not any(word in text for word in ("env", "export", "GITHUB_ENV"))
        ):
            continue
        try:
            calls = step_calls(text, shown) if kind is Kind.WORKFLOW else buildkite_step_calls(text, shown)
        except ConfigError:
            continue  # a pipeline that does not parse is reported by its own reader
        root = workflow_root(shown) if kind is Kind.WORKFLOW else pipeline_root(shown)
        for call in calls:
            for item in _call_pulls(call, root, files):
                use = f"{item.use} (with the {'arguments and ' if call.args else ''}env of {shown}:{call.line})"
                changed = dataclasses.replace(item, use=use, kind=item.kind or script_kind(item.origin))
                if changed not in found:
                    found.append(changed)
    return found


def with_step_builds(found: list[Found], pulls: list[Found]) -> list[Found]:
    """`found` and the program `pulls`, a Dockerfile's unresolved line replaced by what a step's script builds it
    with (discover_builds.merge_builds), an action's by what the inputs of its calls give (without_called_inputs)."""
    found = without_called_inputs(found, pulls)
    return merge_builds(found, [item for item in pulls if item.kind == DOCKERFILE_KIND]) + [
        item for item in pulls if item.kind != DOCKERFILE_KIND
    ]
