"""Composite actions of the repository and the inputs the workflows' steps give them (pure).

A step that runs an action of its own repository (`uses: ./.github/actions/install-otlp-collector`, with `with:`)
runs the action's steps with the `inputs` context those values make: a `with:` value, else the input's declared
`default` (https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs).
camel-k's telemetry workflow gives `otlp-collector-image-name: otel/opentelemetry-collector` and
`otlp-collector-image-version: 0.102.0` to an action whose `run:` heredoc applies a Deployment with
`image: ${{ inputs.otlp-collector-image-name }}:${{ inputs.otlp-collector-image-version }}`.

- `action_calls`: the inputs each step of a workflow gives each local action it runs (`uses: ./PATH`, the action's
  directory from the repository's top), once per combination of the job's literal matrix (also read by
  maven_ci.py for the Maven runs of the action's steps), its expressions over the literal outputs of the jobs it
  `needs` evaluated as for the workflow's own steps (vault-secrets-operator's `k8s-version: ${{
  fromJson(needs.versions.outputs.K8S_VERSIONS) }}`, each version a call of its integration-test action);
- `called_values`: the literal `inputs` context of a call; an input given a value not known (another expression,
  `${{ secrets.X }}`) is left out, so the line reading it stays unresolved rather than taking the default;
- `with_inputs`: the action's text with `${{ inputs.NAME }}` replaced by the value a call gives, else the declared
  default; an input neither gives is left as written, so the line that reads it stays unresolved.
"""

from __future__ import annotations

import posixpath
import re

from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.workflow_contexts import needs_context
from ecr_mirror.choose.discovery.workflow_steps import job_steps, workflow_jobs
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

_INPUT_RE = re.compile(r"\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}")
_PLAIN_RE = re.compile(r"[^\s'\"`$\\{}]+")


def action_calls(text: str, origin: str) -> list[tuple[str, int | None, dict[str, str | None]]]:
    """(the action's directory from the repository's top, the step's line, the inputs it gives: the value with the
    combination's matrix in, or None when not known) of each call of a local action (`uses: ./PATH`) by the workflow
    `text`, once per combination of its job's literal matrix that gives other values."""
    out: list[tuple[str, int | None, dict[str, str | None]]] = []
    for workflow, job in workflow_jobs(text, origin):
        # a matrix over a needed job's literal output (`fromJson(needs.versions.outputs.K8S_VERSIONS)`) is known
        needs = needs_context(workflow.get("jobs"), job)
        combos = job_combinations(job, needs) or [{}]
        for step in job_steps(job):
            uses, given = step.get("uses"), step.get("with")
            if not isinstance(uses, str) or not uses.startswith("./"):
                continue
            for combo in combos:
                inputs = (
                    {str(k): with_matrix(str(v), combo, needs) for k, v in (given or {}).items()}
                    if isinstance(given, dict)
                    else {}
                )
                call = (posixpath.normpath(uses.strip()), line_of(uses), inputs)
                if call not in out:
                    out.append(call)
    return out


def composite_action_calls(text: str, origin: str) -> list[tuple[str, int | None, dict[str, str | None]]]:
    """The calls of local actions (`uses: ./PATH`, from the repository's top) by a composite action's steps (`text`,
    an `action.yml`), each with the literal inputs its `with:` gives, as action_calls gives a workflow's."""
    docs = load_documents(text, origin)
    runs = docs[0].get("runs") if docs and isinstance(docs[0], dict) else None
    steps = runs.get("steps") if isinstance(runs, dict) else None
    out: list[tuple[str, int | None, dict[str, str | None]]] = []
    for step in steps if isinstance(steps, list) else ():
        uses, given = (step.get("uses"), step.get("with")) if isinstance(step, dict) else (None, None)
        if isinstance(uses, str) and uses.startswith("./"):
            inputs = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
            out.append((posixpath.normpath(uses.strip()), line_of(uses), dict(inputs)))
    return out


def declared_defaults(text: str, origin: str) -> dict[str, str] | None:
    """The literal `default` of each input a composite or Docker action declares; None for a file that is no
    action (no `runs`)."""
    docs = load_documents(text, origin)
    doc = docs[0] if docs and isinstance(docs[0], dict) else None
    if doc is None or not isinstance(doc.get("runs"), dict):
        return None
    declared = doc.get("inputs")
    out: dict[str, str] = {}
    for name, spec in declared.items() if isinstance(declared, dict) else ():
        default = spec.get("default") if isinstance(spec, dict) else None
        if default is not None and not isinstance(default, dict | list) and _PLAIN_RE.fullmatch(str(default)):
            out[str(name)] = str(default)
    return out


def with_inputs(text: str, values: dict[str, str]) -> str:
    """`text` with each `${{ inputs.NAME }}` that `values` gives replaced by it (lines keep their numbers)."""
    return _INPUT_RE.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def called_values(defaults: dict[str, str], given: dict[str, str | None]) -> dict[str, str]:
    """The `inputs` context of a call, as far as it is literal: the declared defaults under the values the step
    gives; an input given a value not known, or one with a blank, a quote or an expression, is left out, so the
    expression reading it stays as written."""
    values = {name: value for name, value in defaults.items() if name not in given}
    for name, value in given.items():
        if value is not None and "${{" not in value and _PLAIN_RE.fullmatch(value.strip()):
            values[name] = value.strip()
    return values
