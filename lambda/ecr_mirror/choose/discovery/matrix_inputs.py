"""A matrix value that is an input with a literal fallback (pure).

rabbitmq-server's OCI workflow builds its image over `matrix: {otp_version: ["${{ github.event.inputs.otp_version
|| '28' }}"]}`, on `pull_request` and `workflow_dispatch` (input `otp_version`, `default: 28`). On an event that
carries no inputs (a pull request, a push, a schedule) `github.event.inputs` is null, so the value is the literal
after `||`; on a dispatch it is the input, its `default` when the run leaves it (a default that is empty or
`false` falls back to the literal again, as `||` does:
https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#operators).
`inputs.NAME` reads the same, for `workflow_dispatch` and `workflow_call`. Such a list item is replaced by each of
those values, so the job's matrix is literal again; an input a trigger declares without a default, or requires, is
whatever the run is given, and the item is kept as written (not known).
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.yaml_loader import line_of, located

_FALLBACK_RE = re.compile(r"^\$\{\{\s*(github\.event\.inputs|inputs)\.([A-Za-z_][\w-]*)\s*\|\|\s*'([^']*)'\s*\}\}$")
_WITH_INPUTS = ("workflow_dispatch", "workflow_call")


def _triggers(workflow: dict[Any, Any]) -> dict[str, object]:
    """The workflow's triggers (`on:` as a name, a list or a mapping), each with its settings."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {str(name): None for name in on}
    return {str(name): spec for name, spec in on.items()} if isinstance(on, dict) else {}


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else ""  # `false || 'x'` is 'x'
    return "" if value is None else str(value)


def _values(value: str, triggers: dict[str, object]) -> list[str] | None:
    """The values `${{ inputs.NAME || 'LITERAL' }}` takes over the workflow's triggers; None when one is not known."""
    match = _FALLBACK_RE.match(value.strip())
    if match is None or not triggers:
        return None
    context, name, literal = match.groups()
    out: list[str] = []
    for trigger, spec in triggers.items():
        if trigger not in _WITH_INPUTS or (context == "github.event.inputs" and trigger == "workflow_call"):
            given = ""  # no inputs on this event
        else:
            inputs = spec.get("inputs") if isinstance(spec, dict) else None
            declared = inputs.get(name) if isinstance(inputs, dict) else None
            if isinstance(declared, dict) and "default" not in declared:
                return None  # what the run is given
            given = _text(declared.get("default")) if isinstance(declared, dict) else ""
        chosen = given or literal
        out += [chosen] if chosen not in out else []
    return out


def with_input_fallbacks(workflow: dict[Any, Any], job: dict[Any, Any]) -> dict[Any, Any]:
    """`job` with each matrix list item of the fallback form replaced by its values (the job itself when none)."""
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, dict) else None
    if not isinstance(matrix, dict) or "||" not in str(matrix):
        return job
    triggers = _triggers(workflow)
    rewritten: dict[Any, Any] = {}
    for key, items in matrix.items():
        if key in ("include", "exclude") or not isinstance(items, list):
            rewritten[key] = items
            continue
        new: list[object] = []
        for item in items:
            values = _values(item, triggers) if isinstance(item, str) else None
            for value in [item] if values is None else [located(value, line_of(item)) for value in values]:
                new += [value] if value not in new else []
        rewritten[key] = new
    if rewritten == matrix:
        return job
    return {**job, "strategy": {**strategy, "matrix": rewritten}}  # type: ignore[dict-item]


_INPUT_RE = re.compile(r"\$\{\{\s*(?:github\.event\.)?inputs\.([A-Za-z_][\w-]*)\s*\}\}")


def input_defaults(workflow: dict[Any, Any]) -> dict[str, str]:
    """The literal `default` of each input the workflow's `workflow_dispatch` and `workflow_call` triggers declare,
    where every such trigger declaring it gives the same one (a run that leaves the input takes it)."""
    seen: dict[str, set[str]] = {}
    for trigger, spec in _triggers(workflow).items():
        inputs = spec.get("inputs") if trigger in _WITH_INPUTS and isinstance(spec, dict) else None
        for name, declared in inputs.items() if isinstance(inputs, dict) else ():
            default = declared.get("default") if isinstance(declared, dict) else None
            text = _text(default) if isinstance(default, str | int | float) and not isinstance(default, bool) else ""
            seen.setdefault(str(name), set()).add(text)
    return {name: next(iter(values)) for name, values in seen.items() if len(values) == 1 and "" not in values}


def with_input_defaults(run: str, defaults: dict[str, str]) -> str:
    """`run` with each `${{ inputs.NAME }}` (`github.event.inputs.NAME`) that has a default replaced by it."""
    return _INPUT_RE.sub(lambda match: defaults.get(match.group(1), match.group(0)), run) if defaults else run
