"""The `run` steps of a CircleCI configuration, each with the environment its job and itself give it (pure).

CircleCI sets a job's `environment` and a `run` step's own `environment` (the step's wins) in the shell of the step's
`command` (https://circleci.com/docs/set-environment-variable/#set-an-environment-variable-in-a-job,
https://circleci.com/docs/configuration-reference/#run). The whole file read at once sees every step's assignments:
cBioPortal's security job sets `IMAGE=$BASE_REPO:master-web-shenandoah` before `docker pull $IMAGE` in one step and
`IMAGE=$DEV_REPO:...` in the next, so `IMAGE` has two values and neither is known. Each step is read alone here, its
command followed by `export NAME=value` lines for the names of that environment it reads (step_environment.py):
the scripts' readers resolve the step's own assignments and the job's values (cli/discover_scripts.py). A value with
a space, a quote or `$`, or a mapping, is not given; a job defined by an orb is not read.
"""

from __future__ import annotations

from collections.abc import Mapping

from ecr_mirror.choose.discovery.env_expressions import scoped_env
from ecr_mirror.choose.discovery.step_environment import environment_lines
from ecr_mirror.choose.discovery.workflow_steps import run_start
from ecr_mirror.choose.discovery.yaml_loader import load_documents


def circleci_env_runs(text: str, origin: str) -> list[tuple[int, str]]:
    """(the file line of the step's first command line, its command with the `export` lines of the environment
    names it reads) of each `run` step whose command reads a variable."""
    documents = load_documents(text, origin)
    jobs = documents[0].get("jobs") if documents and isinstance(documents[0], Mapping) else None
    lines = text.splitlines()
    out: list[tuple[int, str]] = []
    for job in jobs.values() if isinstance(jobs, Mapping) else ():
        steps = job.get("steps") if isinstance(job, Mapping) else None
        for step in steps if isinstance(steps, list) else ():
            run = step.get("run") if isinstance(step, Mapping) else None
            command = run.get("command") if isinstance(run, Mapping) else run
            if not isinstance(command, str) or "$" not in command or (first := run_start(lines, command)) is None:
                continue
            scopes = [job.get("environment"), run.get("environment") if isinstance(run, Mapping) else None]
            given = environment_lines(command, scoped_env([dict(s) for s in scopes if isinstance(s, Mapping)], None))
            out.append((first, command.rstrip("\n") + "\n" + "\n".join(given) + "\n"))
    return out
