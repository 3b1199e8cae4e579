"""The names a GitHub Actions step's `env:` sets to an expression known only when the job runs (pure).

`RELEASE: ${{ matrix.version }}` over a matrix another job computes, `TAG: ${{ github.sha }}`, `PG_TAG: ${{
secrets.PG_TAG }}`: the runner evaluates the expression and sets the variable
(https://docs.github.com/en/actions/reference/workflows-and-actions/variables#defining-environment-variables-for-a-single-workflow),
so a compose file the step runs sees that value, not its `${RELEASE:-latest}` default
(https://docs.docker.com/reference/compose-file/interpolation/): an image line using such a name is not known from
the files; the images of the other lines are (workflow_steps.py reads the literal values).
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.github_actions import Inputs, with_matrix


def expression_names(scopes: list[object], combo: dict[str, Any] | None, inputs: Inputs = None) -> frozenset[str]:
    """The names of the `env:` mappings of `scopes` (workflow, job, step: a later one wins) whose value is still an
    expression after `${{ matrix.X }}` is taken from `combo` (and `${{ inputs.X }}` from `inputs`, a call's)."""
    names: dict[str, bool] = {}
    for scope in scopes:
        for name, raw in scope.items() if isinstance(scope, dict) else ():
            if raw is not None and not isinstance(raw, dict | list):  # an empty value is empty, not unknown
                text = with_matrix(str(raw), combo, inputs=inputs)
                names[str(name)] = text is None or "${{" in text
    return frozenset(name for name, unknown in names.items() if unknown)


def scoped_env(scopes: list[object], combo: dict[str, Any] | None, inputs: Inputs = None) -> dict[str, str]:
    """The literal values of the `env:` mappings of `scopes` (workflow, job, step: a later one wins), with
    `${{ matrix.X }}` taken from `combo` and, in a reusable workflow read for one call, `${{ inputs.X }}` from that
    call's `inputs` (reusable_workflows.py: GitHub evaluates the called workflow's `env:` with them,
    https://docs.github.com/en/actions/sharing-automations/reusing-workflows#using-inputs-and-secrets-in-a-reusable-workflow);
    a value with another expression, or an input the call leaves empty, is left out."""
    values: dict[str, str] = {}
    for scope in scopes:
        for name, raw in scope.items() if isinstance(scope, dict) else ():
            text = (
                with_matrix(str(raw), combo, inputs=inputs)
                if raw is not None and not isinstance(raw, dict | list)
                else None
            )
            if text is not None and "${{" not in text:
                values[str(name)] = text
    return values


def uses_names(line: str, names: frozenset[str]) -> bool:
    """Whether a compose file's line interpolates one of `names` (`$NAME`, `${NAME}`, `${NAME:-default}`)."""
    return any(re.search(r"(?<!\$)\$\{?" + re.escape(name) + r"\b", line) for name in names)
