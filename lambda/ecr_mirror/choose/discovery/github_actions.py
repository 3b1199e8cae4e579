"""Images named by GitHub Actions workflows and actions, with the job's own matrix expanded (pure).

Workflows: `jobs.*.container` (a string or a mapping with `image`), `jobs.*.services.*.image`,
`jobs.*.steps[].uses: docker://IMAGE`, and the image inputs of well-known actions (action_inputs.py: kind's
`node_image`, with the env of the workflow, the job, the step and what earlier steps append to `$GITHUB_ENV`:
github_env_writes.py). These fields may use the `matrix` context
(https://docs.github.com/en/actions/reference/workflows-and-actions/contexts#context-availability): a
`${{ matrix.NAME }}` (or `matrix.NAME.FIELD`) is replaced by each value the job's literal `strategy.matrix` gives it,
combinations built as GitHub builds them (the product of the lists, minus `exclude`, plus `include` entries merged
into the combinations they do not contradict, or added as new ones). Other expressions over the matrix
(`${{ matrix.oracle < 23 && 'xe' || 'free' }}`, `format(...)`, `fromJSON(...)`) are evaluated for each combination
(expressions.py). The outputs a job's file writes as literals are read through `needs` in images and in the matrix
(workflow_contexts.py); a matrix list the run computes (`fromJSON(needs.x.outputs.m)`) leaves the keys it sets
unresolved and the other keys known; inputs (but those a job of the repository gives a reusable workflow it calls:
reusable_workflows.py), `vars` and any other context stay unresolved with the reason.
Actions (`action.yml`): `runs.image: docker://IMAGE` and `runs.steps[].uses: docker://IMAGE`.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from ecr_mirror.choose.discovery.action_inputs import cibuildwheel_images, input_images, literal_env, scan_build
from ecr_mirror.choose.discovery.agentic_workflows import agentic_containers
from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.expressions import RUN_TIME, NotKnown, evaluate, literal_results, text_of
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_env_writes import written_env
from ecr_mirror.choose.discovery.matrix_inputs import with_input_fallbacks
from ecr_mirror.choose.discovery.workflow_contexts import evaluated_matrix, needs_context, with_run_time
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

MAX_COMBINATIONS = 256  # GitHub's limit of jobs per matrix
_INPUT_RE = re.compile(r"\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}")
_EXPRESSION_RE = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
_MATRIX_PATH_RE = re.compile(r"matrix((?:\.[A-Za-z_][\w-]*)+)")
Inputs = dict[str, Any] | None  # a reusable workflow's `inputs` for one call; None when not known
Combos = list[dict[str, Any]] | None  # a job's matrix combinations; None when the matrix is an expression
_CONTEXT_RE = {name: re.compile(rf"(?<![\w.-])(?:github\.event\.)?{name}\.") for name in ("inputs", "needs", "vars")}


class NotLiteral(Exception):
    """The matrix is (partly) an expression: its values are known only when the workflow runs."""


def _base_product(matrix: dict[Any, Any]) -> tuple[list[str], list[dict[str, Any]]]:
    keys = [str(key) for key in matrix if key not in ("include", "exclude")]
    lists = [matrix[key] for key in keys]
    if any(not isinstance(values, list) for values in lists):
        raise NotLiteral
    combos = [dict(zip(keys, values, strict=True)) for values in itertools.product(*lists)] if keys else []
    return keys, combos[: MAX_COMBINATIONS + 1]


def _matches(combo: dict[str, Any], entry: dict[Any, Any], keys: list[str] | None = None) -> bool:
    return all(combo.get(str(k)) == v for k, v in entry.items() if keys is None or str(k) in keys)


def combinations(matrix: object) -> list[dict[str, Any]]:
    """The job's combinations; NotLiteral when the matrix (or one of its lists) is an expression."""
    if not isinstance(matrix, dict):
        raise NotLiteral
    keys, combos = _base_product(matrix)
    excludes, includes = matrix.get("exclude") or [], matrix.get("include") or []
    if not isinstance(excludes, list) or not isinstance(includes, list):
        raise NotLiteral
    combos = [c for c in combos if not any(isinstance(e, dict) and _matches(c, e) for e in excludes)]
    original = list(combos)
    for entry in includes:
        if not isinstance(entry, dict):
            raise NotLiteral
        targets = [c for c in original if _matches(c, entry, keys)]
        for combo in targets:
            combo.update({str(k): v for k, v in entry.items() if str(k) not in keys})
        if not targets:
            combos.append({str(k): v for k, v in entry.items()})
    return combos[:MAX_COMBINATIONS]


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _lookup(combo: dict[str, Any], path: str) -> object:
    value: object = combo
    for part in path.strip(".").split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value if value is RUN_TIME else _as_text(value)


def _why(expression: str) -> str:
    if _CONTEXT_RE["inputs"].search(expression):
        return f"${{{{ {expression} }}}} is a workflow input, known only when the workflow runs"
    if _CONTEXT_RE["needs"].search(expression):
        return f"${{{{ {expression} }}}} is another job's output, known only when the workflow runs"
    if _CONTEXT_RE["vars"].search(expression):
        return f"${{{{ {expression} }}}} is a configuration variable of the repository, not in the file"
    return "a GitHub Actions expression, known only when the workflow runs"


def _evaluated(
    expression: str, combo: dict[str, Any] | None, inputs: Inputs, needs: Inputs
) -> tuple[str | None, str | None]:
    """An expression that is not a bare `matrix.X`: (its text, None) when the file says it, else (None, reason)."""
    if combo is None and "matrix" in expression:
        return None, f"${{{{ {expression} }}}}: the job's matrix is not written in the file (an expression)"
    try:
        return text_of(evaluate(expression, combo, inputs, needs)), None
    except NotKnown:
        return None, _why(expression)


def _substitute(
    text: str, combo: dict[str, Any] | None, inputs: Inputs = None, needs: Inputs = None
) -> tuple[str | None, str | None]:
    """(value, None), (None, None) for an empty whole-value expression (no image), or (None, reason)."""
    parts: list[str] = []
    position = 0
    for match in _EXPRESSION_RE.finditer(text):
        path = _MATRIX_PATH_RE.fullmatch(match.group(1))
        if path is None:
            value, why = _evaluated(match.group(1), combo, inputs, needs)
            if why is not None or value is None:
                return None, why
            if not value and match.span() == (0, len(text)):
                return None, None  # `${{ cond && 'image' || '' }}`: no image in this combination
            parts += [text[position : match.start()], value]
            position = match.end()
            continue
        if combo is None:
            return None, f"${{{{ {match.group(1)} }}}}: the job's matrix is not written in the file (an expression)"
        if not combo:
            return None, f"${{{{ {match.group(1)} }}}}: the job has no matrix"
        looked = _lookup(combo, path.group(1))
        if looked is RUN_TIME:
            why = "the job's matrix gives it a list computed when the workflow runs"
            return None, f"${{{{ {match.group(1)} }}}}: {why}"
        if looked is None and match.span() == (0, len(text)):
            return None, None  # `container: ${{ matrix.container }}` with no container in this combination
        if looked is None:
            return None, f"matrix{path.group(1)} is not set in every combination of the job's matrix"
        parts += [text[position : match.start()], str(looked)]
        position = match.end()
    return "".join([*parts, text[position:]]), None


def _expanded(
    value: object, runs: list[tuple[Inputs, Combos]], origin: str, use: str, needs: Inputs = None
) -> Iterator[Found]:
    """One item per distinct value across the combinations of each run (a call's inputs, or None when not called,
    with the job's combinations for them); the first reason when one cannot be resolved. Read with the inputs of
    calls, the values of the calls that resolve it too (a call may give an input not known)."""
    if not isinstance(value, str) or "${{" not in value:
        if (item := found_item(value, origin, use)) is not None:
            yield item
        return
    seen: set[str | None] = set()
    called = any(inputs is not None for inputs, _ in runs)
    for inputs, combo in ((i, c) for i, combos in runs for c in (combos if combos is not None else [None])):
        text, why = _substitute(value.strip(), combo, inputs, needs)
        if why is not None and None not in seen:
            seen.add(None)
            yield from _chosen(value, origin, use, why)
        if why is not None and not called:
            return
        if text is not None and text not in seen:
            seen.add(text)
            if (item := found_item(located(text, line_of(value)), origin, use)) is not None:
                yield item


def _chosen(value: str, origin: str, use: str, why: str) -> Iterator[Found]:
    """A value that is one expression its file cannot evaluate, `${{ cond && 'image' || '' }}`: each literal image it
    may give (an empty one is no image: GitHub then starts no service); else the value unresolved with `why`."""
    whole = _EXPRESSION_RE.fullmatch(value.strip())
    results = literal_results(whole.group(1)) if whole and value.count("${{") == 1 else None
    if results is None:
        yield Found(value.strip(), origin, line_of(value), why, use)
        return
    for text in dict.fromkeys(result.strip() for result in results if result.strip()):
        if (item := found_item(located(text, line_of(value)), origin, use)) is not None:
            yield item


def _job_values(job: dict[Any, Any], workflow_env: object = None) -> Iterator[tuple[object, str, int | None]]:
    """(value, use, the line of the job's step that builds it or None) of each image the job names."""
    container = job.get("container")
    yield _schemeless(container.get("image") if isinstance(container, dict) else container), "container", None
    services = job.get("services")
    for service in services.values() if isinstance(services, dict) else ():
        yield _schemeless(service.get("image") if isinstance(service, dict) else service), "services", None
    for value, use in _docker_steps(job.get("steps")):
        yield value, use, None
    steps = job.get("steps")
    runs: list[object] = []
    written: dict[str, str] = {}  # what earlier steps appended to $GITHUB_ENV (github_env_writes.py)
    for step in steps if isinstance(steps, list) else ():
        if isinstance(step, dict):
            built = scan_build(step, runs)
            env = {**written, **literal_env([workflow_env, job.get("env"), step.get("env")])}
            for value, use in input_images(step, env):
                yield value, use, built
            written.update(written_env(step["run"]) if isinstance(step.get("run"), str) else {})
            for value, use in cibuildwheel_images(step, [workflow_env, job.get("env"), step.get("env")]):
                yield value, use, None
            runs.append(step.get("run"))


def _schemeless(image: object) -> object:
    """A job container's or service's image without a `docker://` scheme, which the runner drops before it pulls
    (actions/runner's PipelineTemplateConverter.ConvertToJobContainer: `container: docker://rust:1.90.0` is
    `rust:1.90.0`)."""
    if isinstance(image, str) and image.startswith("docker://"):
        return located(image.removeprefix("docker://"), line_of(image))
    return image


def _docker_steps(steps: object) -> Iterator[tuple[object, str]]:
    for step in steps if isinstance(steps, list) else ():
        uses = step.get("uses") if isinstance(step, dict) else None
        if isinstance(uses, str) and uses.startswith("docker://"):
            yield located(uses.removeprefix("docker://"), line_of(uses)), "uses"


def _job_combinations(job: dict[Any, Any]) -> list[dict[str, Any]] | None:
    strategy = job.get("strategy")
    if not isinstance(strategy, dict) or "matrix" not in strategy:
        return [{}]
    try:
        return combinations(strategy["matrix"])
    except NotLiteral:
        return None


def _evaluated_combinations(job: dict[Any, Any], inputs: Inputs, needs: Inputs) -> Combos:
    """The job's combinations, its matrix's expressions over `inputs` and `needs` evaluated (workflow_contexts.py):
    a key whose list is known only at run time is RUN_TIME in each; None when no combination is known."""
    strategy = job.get("strategy")
    if not isinstance(strategy, dict) or "matrix" not in strategy:
        return [{}]
    matrix, run_time = evaluated_matrix(strategy["matrix"], inputs, needs)
    try:
        combos = combinations(matrix)
    except NotLiteral:
        return None
    return with_run_time(combos, run_time) if combos or not run_time else None


def _input_defaults(doc: dict[Any, Any]) -> dict[str, str]:
    """The inputs to which every trigger declaring them (`workflow_call`, `workflow_dispatch`) gives one default: the
    value the workflow runs with unless its caller passes another. An input that a trigger requires or leaves
    without a default, or that two triggers default differently, is known only when the workflow runs."""
    triggers = doc.get("on", doc.get(True))
    defaults: dict[str, set[str | None]] = {}
    for trigger in ("workflow_call", "workflow_dispatch"):
        spec = triggers.get(trigger) if isinstance(triggers, dict) else None
        inputs = spec.get("inputs") if isinstance(spec, dict) else None
        for name, declared in inputs.items() if isinstance(inputs, dict) else ():
            default = declared.get("default") if isinstance(declared, dict) else None
            defaults.setdefault(str(name), set()).add(_as_text(default) if default is not None else None)
    return {
        name: next(iter(values)) or "" for name, values in defaults.items() if len(values) == 1 and None not in values
    }


def _with_inputs(value: object, defaults: dict[str, str]) -> object:
    """`value` with each `${{ inputs.NAME }}` replaced by the default of NAME (see _input_defaults)."""
    if not defaults or not isinstance(value, str) or "inputs." not in value:
        return value

    def default(match: re.Match[str]) -> str:
        return defaults.get(match.group(1), match.group(0))

    return located(_INPUT_RE.sub(default, value), line_of(value))


def workflow_images(text: str, origin: str, calls: Sequence[Inputs] | None = None) -> list[Found]:
    """The images of a workflow; `calls`: the `inputs` of each call of a reusable workflow by a job of its
    repository (reusable_workflows.py), read once per call."""
    found: list[Found] = agentic_containers(text, origin)  # a gh-aw lock file's downloads
    for doc in load_documents(text, origin):
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        defaults = _input_defaults(doc) if isinstance(jobs, dict) else {}
        for job in jobs.values() if isinstance(jobs, dict) else ():
            if not isinstance(job, dict):
                continue
            needs = needs_context(jobs, job)
            fallen = with_input_fallbacks(doc, job)
            # without calls, an expression over inputs takes their defaults (a dispatch's form, a caller giving none)
            runs = [(inputs, _evaluated_combinations(fallen, inputs, needs)) for inputs in calls or [defaults or None]]
            for value, use, built in _job_values(job, doc.get("env")):
                items = _expanded(value if calls else _with_inputs(value, defaults), runs, origin, use, needs)
                where = f"a build step of its job at {origin}:{built}" if built is not None else None
                found += [dataclasses.replace(i, built=where) if where and not i.problem else i for i in items]
    return found


def action_images(text: str, origin: str) -> list[Found]:
    found: list[Found] = []
    for doc in load_documents(text, origin):
        runs = doc.get("runs") if isinstance(doc, dict) else None
        if not isinstance(runs, dict):
            continue
        image = runs.get("image")
        if isinstance(image, str) and image.startswith("docker://"):
            written = located(image.removeprefix("docker://"), line_of(image))
            found += _expanded(written, [(None, [{}])], origin, "runs.image")
        for value, use in _docker_steps(runs.get("steps")):
            found += _expanded(value, [(None, [{}])], origin, use)
        steps, appended = runs.get("steps"), dict[str, str]()
        for step in steps if isinstance(steps, list) else ():  # a composite action's `helm/kind-action` node image
            if not isinstance(step, dict):
                continue
            for value, use in input_images(step, {**appended, **literal_env([step.get("env")])}):
                found += _expanded(value, [(None, [{}])], origin, use)
            appended.update(written_env(step["run"]) if isinstance(step.get("run"), str) else {})
    return found


def job_combinations(job: dict[Any, Any], needs: Inputs = None) -> list[dict[str, Any]] | None:
    """The combinations of a job's literal matrix (`[{}]` without one), None when it is an expression; with `needs`
    (workflow_contexts.needs_context), its expressions over the outputs of the jobs it needs evaluated first."""
    return _job_combinations(job) if needs is None else _evaluated_combinations(job, None, needs)


def with_matrix(text: str, combo: dict[str, Any] | None, needs: Inputs = None, inputs: Inputs = None) -> str | None:
    """`text` with its `${{ ... }}` expressions over the matrix (and the `needs` context, when given: see
    workflow_contexts.py; the `inputs` of a call of a reusable workflow) evaluated, None when one cannot be."""
    value, _ = _substitute(text, combo, inputs, needs)
    return value
