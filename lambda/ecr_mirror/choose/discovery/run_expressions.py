"""A GitHub Actions `run:` step's commands with the expressions the file decides for one matrix combination (pure).

The `${{ ... }}` of a step's commands that the workflow itself gives a value: `env.NAME` from the literal env of the
workflow, the job, the step and what earlier steps wrote to `$GITHUB_ENV`; the matrix's expressions
(github_actions.with_matrix); `needs.JOB.outputs.NAME` from a job it needs that writes it as a literal
(workflow_contexts.py); `steps.ID.outputs.NAME` from what an earlier step of the job wrote to `$GITHUB_OUTPUT`
(step_outputs.py). Read by workflow_steps.matrix_runs.
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.github_actions import with_matrix

_EXPRESSION_RE = re.compile(r"\$\{\{(.*?)\}\}")
_ENV_RE = re.compile(r"env\.([A-Za-z_][\w-]*)")
_NEEDS_RE = re.compile(r"needs\.([\w-]+)\.outputs\.([\w-]+)")
_STEPS_RE = re.compile(r"steps\.([\w-]+)\.outputs\.([\w-]+)")


def over_combination(
    run: str, combo: dict[str, Any], env: dict[str, str], needs: dict[str, Any], steps: dict[str, dict[str, str]]
) -> str | None:
    """`run` with `${{ env.NAME }}` taken from the literal `env` and the expressions over the matrix evaluated for
    `combo`, `${{ needs.JOB.outputs.NAME }}` from a literal output of a job it needs (workflow_contexts.py),
    `${{ steps.ID.outputs.NAME }}` from the literal outputs of earlier steps (`steps`, step_outputs.py); other
    expressions (`${{ github.sha }}`, an env value not written) kept as written, for the command
    readers to report where they name an image. None when an expression over the matrix cannot be evaluated."""
    kept: list[str] = []

    def _masked(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if (name := _ENV_RE.fullmatch(expression)) and name.group(1) in env:
            return env[name.group(1)]
        if "matrix" in expression:
            return match.group(0)
        if (output := _NEEDS_RE.fullmatch(expression)) and output[2] in needs.get(output[1], {}).get("outputs", {}):
            return str(needs[output[1]]["outputs"][output[2]])
        if (output := _STEPS_RE.fullmatch(expression)) and output[2] in steps.get(output[1], {}):
            return steps[output[1]][output[2]]
        kept.append(match.group(0))
        return f"\0{len(kept) - 1}\0"

    expanded = with_matrix(_EXPRESSION_RE.sub(_masked, run), combo)
    return re.sub(r"\0(\d+)\0", lambda m: kept[int(m.group(1))], expanded) if expanded is not None else None
