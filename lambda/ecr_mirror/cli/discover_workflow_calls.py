"""The reusable workflows of the tree and the `inputs` each call of theirs gives (the parsing is
choose/discovery/reusable_workflows.py), also through a reusable workflow that passes its own inputs on: a nightly
workflow calls `release.yml` with `jdk: '25'`, and `release.yml` calls the image-building workflow with
`jdk: "${{ inputs.jdk }}"`, so that workflow runs with `25` as well as with its declared default. A calling workflow
that is itself called is read again with the inputs of each of its calls (its `${{ inputs.NAME }}` written in), down
to MAX_DEPTH levels of calls, the limit GitHub sets on nesting reusable workflows
(https://docs.github.com/en/actions/sharing-automations/reusing-workflows#nesting-reusable-workflows).

And the `run:` steps of a reusable workflow read once per such `inputs` context (`with_called_runs`), where a step
uses `${{ inputs.NAME }}`: `-Djib.from.image="eclipse-temurin:${{ inputs.jdk }}"` is each JDK its callers give.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.matrix_inputs import with_input_defaults
from ecr_mirror.choose.discovery.reusable_workflows import called_inputs, declared_inputs, workflow_calls
from ecr_mirror.cli.discover_memo import remembered
from ecr_mirror.errors import ConfigError

MAX_DEPTH = 4  # a caller and up to four levels of called workflows
MAX_CONTEXTS = 64  # the distinct `inputs` contexts a called workflow is read with, in the order of its calls
CALLED = "(with the inputs of a call)"  # how the use of a run step's line read with a caller's inputs ends

Calls = dict[str, list[dict[str, Any]]]  # called workflow (normalised name shown) -> the `with:` of each call


def workflow_root(workflow: str) -> str:
    """The repository a `.github/workflows/x.yml` file belongs to (as shown)."""
    return os.path.dirname(os.path.dirname(os.path.dirname(workflow)))


def _written(value: object) -> str:
    """An input's value as an expression writes it into text (`true`, `25`)."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def contexts_of(text: str, shown: str, calls: Calls) -> list[dict[str, Any]]:
    """The `inputs` context of each call the tree's workflows make of the reusable workflow `shown` (none when it is
    not one, or no job calls it)."""
    given = calls.get(os.path.normpath(shown))
    declared = declared_inputs(text, shown) if given else None
    contexts = called_inputs(declared, given) if declared is not None and given else []
    return [context for index, context in enumerate(contexts) if context not in contexts[:index]][:MAX_CONTEXTS]


def with_context(text: str, context: dict[str, Any]) -> str:
    """`text` with each `${{ inputs.NAME }}` the context gives written in."""
    return with_input_defaults(text, {name: _written(value) for name, value in context.items()})


def workflow_call_inputs(texts: dict[str, str]) -> Calls:
    """The inputs the workflows among `texts` give each reusable workflow of their repository they call, by the
    called file's normalised name: each call as written, and each call of a called workflow with the inputs of its
    own calls (see the module); worked out once per run. The result is shared: callers must not change it."""
    workflows = tuple(
        (shown, text) for shown, text in texts.items() if kind_of(shown) is Kind.WORKFLOW and "./" in text
    )
    return remembered(("workflow_call_inputs", workflows), lambda: _call_inputs(dict(workflows)))


def _call_inputs(workflows: dict[str, str]) -> Calls:
    calls: Calls = {}
    for _ in range(MAX_DEPTH + 1):
        before = sum(len(given) for given in calls.values())
        for shown, text in workflows.items():
            try:
                readings = [text] + [with_context(text, context) for context in contexts_of(text, shown, calls)]
                for reading in readings:
                    for call in workflow_calls(reading, shown):
                        name = os.path.normpath(os.path.join(workflow_root(shown), call.path))
                        known = calls.setdefault(name, [])
                        known += [given for given in call.inputs if given not in known]
            except ConfigError:
                continue  # reported by the workflow's own reader
        if sum(len(given) for given in calls.values()) == before:
            break
    return calls


def with_called_runs(
    found: list[Found], texts: dict[str, str], reading: Callable[[str, str], list[Found]]
) -> list[Found]:
    """`found` with the `run:` steps of each reusable workflow of the tree that use `${{ inputs.NAME }}` read again
    with the inputs of each call (`reading`: what discover reads in a workflow's steps), where that reading names an
    image its reading alone does not; an unresolved line so resolved is dropped."""
    calls: Calls | None = None
    for shown, text in texts.items():
        if kind_of(shown) is not Kind.WORKFLOW or "inputs." not in text or "workflow_call" not in text:
            continue
        calls = workflow_call_inputs(texts) if calls is None else calls
        try:
            contexts = contexts_of(text, shown, calls)
            alone = {(item.line, item.text) for item in reading(text, shown)} if contexts else set()
            new: list[Found] = []
            for context in contexts:
                for item in reading(with_context(text, context), shown):
                    changed = dataclasses.replace(item, use=f"{item.use} {CALLED}")
                    if item.problem is None and (item.line, item.text) not in alone and changed not in new:
                        new.append(changed)
        except ConfigError:
            continue
        lines = {item.line for item in new}
        found = [item for item in found if item.origin != shown or item.problem is None or item.line not in lines]
        found += new
    return found
