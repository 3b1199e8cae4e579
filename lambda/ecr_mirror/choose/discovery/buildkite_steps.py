"""The scripts and make targets a Buildkite step's command runs, with the env the pipeline gives them (pure).

A client's integration step sets `STACK_VERSION: 9.4.0` in its `env:` and runs `./.buildkite/run-tests.sh`, whose
scripts pull `docker.elastic.co/elasticsearch/elasticsearch:$STACK_VERSION`: the agent runs the command with the
pipeline's top-level `env:` and the step's in its environment (https://buildkite.com/docs/pipelines/configure/environment-variables),
so the script pulls that version. `buildkite_step_calls` gives, for each step's `command` / `commands` (a string or
a list of them; https://buildkite.com/docs/pipelines/configure/step-types/command-step), each script run by its path
and each `make` call (step_scripts.calls_in's rules), from the repository's top, with the literal values of the
two `env:` mappings (the step's wins). A step's build matrix gives one set of values per combination, its `{{
matrix.X }}` filled in (buildkite_matrix.py: `RUBY_VERSION: '{{ matrix.ruby }}'` over four Ruby versions); a value
with `$` (given by the agent's environment at upload) or a template no combination fills is not given; a step with
no such value is left out.
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.buildkite import steps_of
from ecr_mirror.choose.discovery.buildkite_matrix import combinations, filled
from ecr_mirror.choose.discovery.step_scripts import StepCall, calls_in, split_call
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents


def _literal_env(node: object, combination: dict[str, str] | None = None) -> dict[str, str]:
    """The literal values of a pipeline's or a step's `env:`, a matrix combination's templates filled in."""
    env = node.get("env") if isinstance(node, dict) else None
    values = {
        str(name): filled(str(value), combination or {})
        for name, value in (env.items() if isinstance(env, dict) else ())
        if isinstance(value, str | int | float)
    }
    return {name: value for name, value in values.items() if "$" not in value and "{{" not in value}


def _commands(step: dict[Any, Any]) -> list[str]:
    """The command strings of a step (`command` or `commands`, each a string or a list of strings)."""
    out: list[str] = []
    for key in ("command", "commands"):
        value = step.get(key)
        out += (
            [value]
            if isinstance(value, str)
            else [item for item in value if isinstance(item, str)]
            if isinstance(value, list)
            else []
        )
    return out


def buildkite_step_calls(text: str, origin: str) -> list[StepCall]:
    """The make targets and scripts the command steps of a pipeline run, with the literal env they are given."""
    out: list[StepCall] = []
    for doc in load_documents(text, origin):
        for step in steps_of(doc):
            for combination in combinations(step) or [{}]:
                env = {**_literal_env(doc), **_literal_env(step, combination)}
                if env:
                    out += [call for call in _step_calls(text, step, env) if call not in out]
    return out


def _step_calls(text: str, step: dict[Any, Any], env: dict[str, str]) -> list[StepCall]:
    """The calls of one step's commands with `env`."""
    out: list[StepCall] = []
    for command in _commands(step):
        if not (first := line_of(command)):
            continue
        block = text.splitlines()[first - 1].rstrip().endswith(("|", ">", "|-", ">-"))
        for at, kind, names, where in calls_in(command, first + 1 if block else first, ""):
            called, args = split_call(kind, names)
            call = StepCall(kind, called, where, tuple(sorted(env.items())), at, args)  # type: ignore[arg-type]
            if call not in out:
                out.append(call)
    return out
