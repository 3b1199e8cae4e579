"""The compose runs a workflow step starts through a make target, with the step's environment (a pure reading).

A step runs `DB_IMAGE=${{ matrix.image }} make test-env` (or sets `DB_IMAGE` in its `env:`) and the target's
recipe runs `docker compose up`: make puts the variables of its environment in the environment of the recipe's
commands, a `?=` default giving way to them and a plain assignment overriding them
(https://www.gnu.org/software/make/manual/html_node/Environment.html), and compose reads them over the compose
file's `${DB_IMAGE:-...}` default (https://docs.docker.com/compose/how-tos/environment-variables/envvars-precedence/).
Each make call of a step (choose/discovery/step_scripts.py, once per combination of the job's matrix) is looked up
in the Makefile of its directory; the compose commands of the recipe lines it reaches (make_reach) are read as the
Makefile's own (make_compose.py) with the Makefile's text as the step runs it, the step's values added where the
Makefile does not assign the name itself. Each run names the step's line.
"""

from __future__ import annotations

import dataclasses
import os

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.make_compose import makefile_compose_runs
from ecr_mirror.choose.discovery.step_scripts import make_reach, step_calls, with_env
from ecr_mirror.choose.discovery.workflow_steps import ComposeRun
from ecr_mirror.cli.discover_step_scripts import passed_on, workflow_root
from ecr_mirror.errors import ConfigError

_MAKEFILES = ("GNUmakefile", "makefile", "Makefile")


def step_make_compose_runs(texts: dict[str, str], scripts: dict[str, str]) -> list[ComposeRun]:
    """The compose runs of the Makefile recipes (among `scripts`, name shown -> text) the workflows' steps (among
    `texts`) reach with `make TARGET`, with the env each step gives them; the run's origin is the workflow, its
    directory the Makefile's relative to the repository."""
    makefiles = {
        os.path.normpath(shown): text
        for shown, text in scripts.items()
        if os.path.basename(shown) in _MAKEFILES and "compose" in text
    }
    runs: list[ComposeRun] = []
    if not makefiles:
        return runs
    for shown, text in texts.items():
        if kind_of(shown) is not Kind.WORKFLOW or "make" not in text:
            continue
        try:
            calls = [call for call in step_calls(text, shown) if call.kind == "make" and call.env]
        except ConfigError:
            continue  # reported by the workflow's own reader
        root = workflow_root(shown)
        for call in calls:
            directory = os.path.normpath(os.path.join(root, call.directory))
            makefile = next(
                (name for base in _MAKEFILES if (name := os.path.normpath(os.path.join(directory, base))) in makefiles),
                None,
            )
            if makefile is None:
                continue
            source = makefiles[makefile]
            reached, _ = make_reach(source, call.names)
            env = dict(call.env)
            given = {name: value for name, value in env.items() if name in source}
            passed = passed_on(source, env)
            for run in makefile_compose_runs(with_env(source, given, makefile=True), makefile, every=True):
                if run.line not in reached:
                    continue
                values = tuple(sorted({**passed, **dict(run.env)}.items()))
                relative = os.path.relpath(run.directory or ".", root or ".")
                moved = dataclasses.replace(
                    run, directory="" if relative == "." else relative, env=values, origin=shown, line=call.line
                )
                if moved not in runs:
                    runs.append(moved)
    return runs
