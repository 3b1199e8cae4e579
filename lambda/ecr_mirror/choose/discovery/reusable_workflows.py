"""Reusable workflows called from the same repository: the inputs each call gives (pure).

A job that calls a workflow of its own repository (`uses: ./.github/workflows/db-tests.yml`, with `with:`) runs that
workflow with the `inputs` context those values make
(https://docs.github.com/en/actions/sharing-automations/reusing-workflows): CodeIgniter4's
`image: mysql:${{ inputs.mysql-version || '8.0' }}` pulls mysql:8.0 for the callers that leave the input out and
mysql:5.7 for the one whose matrix `include` gives `'5.7'`. A `with:` value over the caller's literal matrix is known
for each combination, and so is one over the outputs a job it needs writes as literals (citus' `image_name: ${{
needs.params.outputs.test_image_name }}`; workflow_contexts.py); another expression (`${{ needs.setup.outputs.v }}`
a step computes, a matrix that is an expression) is UNKNOWN. An input a call leaves out takes the default the called
workflow declares (`on.workflow_call.inputs.NAME.default`), else its type's empty value (`''`, `false`, `0`), as
GitHub gives it. A workflow of another repository (`owner/repo/...@ref`) is not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.workflow_contexts import needs_context
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

UNKNOWN = object()  # a `with:` value known only when the caller runs
_EMPTY = {"boolean": False, "number": 0}  # any other type (string) is ''


@dataclass(frozen=True)
class Call:
    """A job calling a workflow of the repository: its `uses:` as written, its line, and the inputs of each
    combination of its matrix."""

    path: str
    line: int | None
    inputs: list[dict[str, Any]] = field(default_factory=list)


def _value(value: object, combo: dict[str, Any] | None, needs: dict[str, Any]) -> object:
    if not isinstance(value, str) or "${{" not in value:
        return value
    text = with_matrix(value.strip(), combo, needs)
    return UNKNOWN if text is None else text


def workflow_calls(text: str, origin: str) -> list[Call]:
    """The jobs of the workflow `text` that call a workflow of the same repository (`./...`), in file order."""
    calls: list[Call] = []
    for doc in load_documents(text, origin):
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        for job in jobs.values() if isinstance(jobs, dict) else ():
            uses = job.get("uses") if isinstance(job, dict) else None
            if not isinstance(uses, str) or not uses.startswith("./"):
                continue
            given = job.get("with")
            given = given if isinstance(given, dict) else {}
            matrix = job_combinations(job)
            combos: list[dict[str, Any] | None] = list(matrix) if matrix is not None else [None]
            needs = needs_context(jobs, job)
            inputs = [{str(k): _value(v, combo, needs) for k, v in given.items()} for combo in combos]
            calls.append(Call(uses.strip(), line_of(uses), inputs))
    return calls


def declared_inputs(text: str, origin: str) -> dict[str, Any] | None:
    """The inputs a reusable workflow declares, each with the value it has when a call leaves it out; None for a
    workflow without a `workflow_call` trigger; ConfigError naming `origin` when it does not parse."""
    docs = load_documents(text, origin)
    doc = docs[0] if docs and isinstance(docs[0], dict) else {}
    trigger = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare `on` key as true
    if isinstance(trigger, dict):
        call = trigger.get("workflow_call") if "workflow_call" in trigger else False
    else:
        call = (
            None if trigger == "workflow_call" or (isinstance(trigger, list) and "workflow_call" in trigger) else False
        )
    if call is False:
        return None
    declared = call.get("inputs") if isinstance(call, dict) else None
    out: dict[str, Any] = {}
    for name, written in declared.items() if isinstance(declared, dict) else ():
        spec = written if isinstance(written, dict) else {}
        out[str(name)] = spec["default"] if "default" in spec else _EMPTY.get(str(spec.get("type")), "")
    return out


def called_inputs(declared: dict[str, Any], calls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The `inputs` context of each call: the declared defaults under the values given; an UNKNOWN value is left
    out, so that an expression reading it stays unresolved."""
    return [{k: v for k, v in {**declared, **given}.items() if v is not UNKNOWN} for given in calls]
