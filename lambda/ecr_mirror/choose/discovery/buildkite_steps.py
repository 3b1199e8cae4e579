"""The scripts and make targets a Buildkite step's command runs, with the env the pipeline gives them (pure).

A client's integration step sets `STACK_VERSION: 9.4.0` in its `env:` and runs `./.buildkite/run-tests.sh`, whose
scripts pull `docker.elastic.co/elasticsearch/elasticsearch:$STACK_VERSION`: the agent runs the command with the
pipeline's top-level `env:` and the step's in its environment (https://buildkite.com/docs/pipelines/configure/environment-variables),
so the script pulls that version. `buildkite_step_calls` gives, for each step's `command` / `commands` (a string or
a list of them; https://buildkite.com/docs/pipelines/configure/step-types/command-step), each script run by its path
and each `make` call (step_scripts.calls_in's rules), from the repository's top, with the literal values of the
two `env:` mappings (the step's wins). A value with `$` (given by the agent's environment at upload) or a matrix
template `{{ matrix.X }}` is not given; a step with no such value is left out.
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.buildkite import steps_of
from ecr_mirror.choose.discovery.step_scripts import StepCall, calls_in, split_call
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents


def _literal_env(node: object) -> dict[str, str]:
    env = node.get("env") if isinstance(node, dict) else None
    return {
        str(name): str(value)
        for name, value in (env.items() if isinstance(env, dict) else ())
        if isinstance(value, str | int | float) and "$" not in str(value) and "{{" not in str(value)
    }


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
            env = {**_literal_env(doc), **_literal_env(step)}
            if not env:
                continue
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
