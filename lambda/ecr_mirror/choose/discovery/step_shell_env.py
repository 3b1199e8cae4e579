"""The `run:` steps of a GitHub Actions workflow with the shell variables their `env:` gives them (pure).

GitHub sets the `env:` of the workflow, of the job and of the step (a later one wins) in the environment of the
process that runs a step's `run:` script, so `$NAME` there is the step's value
(https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables#defining-environment-variables-for-a-single-workflow).
A workflow whose steps each set the same name (novu's tag workflow: a step per image, each with its own
`DOCKER_NAME`, running `docker pull ghcr.io/$REGISTRY_OWNER/$DOCKER_NAME:prod`) names another image in each step;
the whole file read at once sees two values of the name and knows none.

`step_env_runs` gives each `run:` step that reads a name of its literal env as a shell variable (or a build's
`--build-arg NAME` without a value), its text followed by `export NAME=value` lines for those names
(step_environment.py), so that the scripts' readers resolve the step's commands with them (the step's
lines keep their numbers; the assignments come after its last line). A value with another expression (`${{
secrets.X }}`, `${{ inputs.v }}`), a space, a quote or `$` is not given; a name the script assigns itself then has
two values, and stays unknown. A step whose script uses the job's matrix is read over the matrix elsewhere
(workflow_steps.matrix_runs); a step whose `env:` does (`DOCKER_IMAGE: ${{ matrix.docker-image }}` over a matrix of
client images, then `docker pull ${DOCKER_IMAGE}`) is read here once per combination of the job's literal matrix for
which its `if:` over the matrix holds: a matrix runs one job per combination, and the `matrix` context, populated
for jobs in a matrix, is evaluated in each job's step `env:` before its shell starts
(https://docs.github.com/en/actions/learn-github-actions/contexts#matrix-context).
"""

from __future__ import annotations

from typing import Any

from ecr_mirror.choose.discovery.env_expressions import scoped_env
from ecr_mirror.choose.discovery.github_actions import job_combinations
from ecr_mirror.choose.discovery.step_environment import environment_lines
from ecr_mirror.choose.discovery.workflow_steps import job_steps, run_start, step_skipped, workflow_jobs


def step_env_runs(text: str, origin: str) -> list[tuple[int, str]]:
    """(the file line of the step's first command line, its commands with the `NAME=value` lines of the env names
    they read) of every `run:` step that reads a name of its literal env."""
    lines = text.splitlines()
    out: list[tuple[int, str]] = []
    for workflow, job in workflow_jobs(text, origin):
        for step in job_steps(job):
            run = step.get("run")
            if not isinstance(run, str) or ("$" not in run and "--build-arg" not in run) or "matrix." in run:
                continue
            if (first := run_start(lines, run)) is None:
                continue
            scopes = [workflow.get("env"), job.get("env"), step.get("env")]
            for combo in _combinations(scopes, job, step):
                given = environment_lines(run, scoped_env(scopes, combo))
                run_text = (first, run.rstrip("\n") + "\n" + "\n".join(given) + "\n")
                out += [run_text] if given and run_text not in out else []
    return out


def _combinations(scopes: list[object], job: dict[Any, Any], step: dict[Any, Any]) -> list[dict[str, Any] | None]:
    """The combinations of the job's literal matrix the step runs in (its `if:` over the matrix holding), when an
    `env:` value of `scopes` uses the matrix; else one reading without it."""
    over = any("matrix." in str(value) for scope in scopes if isinstance(scope, dict) for value in scope.values())
    combos = (job_combinations(job) or []) if over else []
    return [combo for combo in combos if not step_skipped(step, combo)] if combos else [None]
