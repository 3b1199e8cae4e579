"""The `needs` context a workflow's file gives a job, and a job's matrix with the expressions of its lists evaluated
(pure).

`needs`: a job reads the outputs of the jobs it lists in `needs:` (https://docs.github.com/en/actions/reference/
workflows-and-actions/contexts#needs-context). An output whose value is written as a literal, with no expression
(citus' `params` job: `outputs: {build_image_name: "ghcr.io/citusdata/extbuilder", image_suffix: "-v4271d84"}`, a
job that exists to name its images once, "since GHA does not interpolate env variables in matrix context"), is that
text in every run; an output a step computes (`${{ steps.x.outputs.y }}`) is known only when the workflow runs and
is left out, so an expression reading it stays unresolved (expressions.py). A job the job does not list is not in its
context.

The matrix: `jobs.<id>.strategy` may use the `needs` and `inputs` contexts (https://docs.github.com/en/actions/
reference/workflows-and-actions/contexts#context-availability): a list item `${{ needs.params.outputs.pg16_version }}`
is the output's text, a key's whole list `${{ fromJson(inputs.pg_versions) }}` the list the JSON text holds, and
the whole matrix `${{ fromJSON(...) }}` the mapping it holds. A key whose list the file cannot evaluate (the
versions another job computes at run time: citus' `POSTGRES_VERSION: ${{ fromJson(needs.x.outputs.pg_versions) }}`)
takes the value RUN_TIME in every combination of the other keys' literal lists (GitHub runs each of them once per
value of that list, so each value of the others is run), and the `exclude` and `include` entries that name such a key
are left out (what they match is not known). An image that reads only the literal keys is known
(`citus/packaging:${{ matrix.packaging_docker_image }}`); one reading the computed key stays unresolved. A key
whose list is a condition over written lists (`${{ github.event_name == 'schedule' && fromJSON('["15", "16"]') ||
fromJSON('["15"]') }}`: django-cms' nightly database versions) takes every item of each list (expressions.py).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ecr_mirror.choose.discovery.expressions import RUN_TIME, NotKnown, evaluate, literal_lists, text_of
from ecr_mirror.choose.discovery.yaml_loader import line_of, located

_EXPRESSION_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
Context = dict[str, Any] | None


def needs_context(jobs: object, job: dict[Any, Any]) -> dict[str, Any]:
    """The `needs` context of `job`: for each job it lists, `{"outputs": {...}}` with the outputs written as
    literals."""
    listed = job.get("needs")
    names = [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
    context: dict[str, Any] = {}
    for name in names:
        needed = jobs.get(name) if isinstance(name, str) and isinstance(jobs, dict) else None
        outputs = needed.get("outputs") if isinstance(needed, dict) else None
        literal = {
            str(key): text_of(value)
            for key, value in (outputs.items() if isinstance(outputs, dict) else ())
            if not isinstance(value, dict | list) and "${{" not in text_of(value)
        }
        context[str(name)] = {"outputs": literal}
    return context


def _value(written: object, inputs: Context, needs: Context) -> object:
    """`written` with its expressions over `inputs` and `needs` evaluated (a whole expression gives its value, a list
    or a mapping too); NotKnown when one cannot be, or reads the matrix."""
    if not isinstance(written, str) or "${{" not in written:
        return written
    whole = _EXPRESSION_RE.fullmatch(written.strip())
    if whole is not None:
        value = evaluate(whole.group(1), None, inputs, needs)
        return located(value, line_of(written)) if isinstance(value, str) else value
    text = _EXPRESSION_RE.sub(lambda m: text_of(evaluate(m.group(1), None, inputs, needs)), written)
    return located(text, line_of(written))


def _item(written: object, inputs: Context, needs: Context) -> object:
    """A list item or an entry's value: evaluated when it can be, else as written (a job that reads it reports it)."""
    try:
        return _value(written, inputs, needs)
    except NotKnown:
        return written


def _conditional_lists(written: str) -> list[object] | None:
    """The items of each list a whole conditional expression may give (`cond && fromJSON('[...]') ||
    fromJSON('[...]')`: GitHub runs one of them, each known), without repeats; None when not that idiom."""
    whole = _EXPRESSION_RE.fullmatch(written.strip())
    items = literal_lists(whole.group(1)) if whole is not None else None
    if items is None:
        return None
    unique: dict[str, object] = {json.dumps(item, sort_keys=True): item for item in items}
    return list(unique.values())


def _names(entry: object, keys: set[str]) -> bool:
    return isinstance(entry, dict) and any(str(key) in keys for key in entry)


def evaluated_matrix(matrix: object, inputs: Context, needs: Context) -> tuple[object, set[str]]:
    """(the matrix with its expressions evaluated, the keys whose lists are known only when the workflow runs, left
    out of it); the matrix as written when it is not a mapping the file gives."""
    if isinstance(matrix, str):
        try:
            matrix = _value(matrix, inputs, needs)
        except NotKnown:
            return matrix, set()
    if not isinstance(matrix, dict):
        return matrix, set()
    out: dict[Any, Any] = {}
    run_time: set[str] = set()
    for key, written in matrix.items():
        if key in ("include", "exclude"):
            continue
        values = written
        if isinstance(written, str):
            try:
                values = _value(written, inputs, needs)
            except NotKnown:
                values = _conditional_lists(written)
            if not isinstance(values, list):
                run_time.add(str(key))
                continue
        out[key] = [_item(value, inputs, needs) for value in values] if isinstance(values, list) else values
    for key in ("exclude", "include"):
        if key not in matrix:
            continue
        entries = _item(matrix[key], inputs, needs)
        if isinstance(entries, list):
            entries = [
                {k: _item(v, inputs, needs) for k, v in entry.items()} if isinstance(entry, dict) else entry
                for entry in entries
                if not _names(entry, run_time)
            ]
        out[key] = entries
    return out, run_time


def with_run_time(combos: list[dict[str, Any]], run_time: set[str]) -> list[dict[str, Any]]:
    """Each combination with the keys known only at run time set to RUN_TIME."""
    return [{**combo, **dict.fromkeys(sorted(run_time), RUN_TIME)} for combo in combos] if run_time else combos
