"""The directory each `run:` step of a GitHub Actions workflow runs its commands in (pure).

A step runs in its `working-directory`, else the job's `defaults.run.working-directory`, else the workflow's, from
the repository's top (https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#defaultsrun):
a build command's `-f base/Dockerfile` and context `.` there are `docker/base/Dockerfile` and `docker/` when the
directory is `docker`. A directory with an expression (`${{ matrix.dir }}`) is not known.
"""

from __future__ import annotations

import bisect

from ecr_mirror.choose.discovery.workflow_steps import job_steps, run_start, workflow_jobs


def _default_directory(scope: object) -> object:
    defaults = scope.get("defaults") if isinstance(scope, dict) else None
    run = defaults.get("run") if isinstance(defaults, dict) else None
    return run.get("working-directory") if isinstance(run, dict) else None


class StepDirectories:
    """The `working-directory` of the step whose `run:` holds a line of the workflow's file."""

    def __init__(self, text: str, origin: str) -> None:
        lines = text.splitlines()
        starts: list[tuple[int, str]] = []
        for workflow, job in workflow_jobs(text, origin):
            job_default = _default_directory(job) or _default_directory(workflow)
            for step in job_steps(job):
                if (first := run_start(lines, step.get("run"))) is None:
                    continue
                directory = step.get("working-directory") or job_default
                known = isinstance(directory, str) and "${{" not in directory
                starts.append((first, directory.strip().strip("/") if known and isinstance(directory, str) else ""))
        starts.sort()
        self._lines = [line for line, _ in starts]
        self._directories = [directory for _, directory in starts]

    def at(self, line: int) -> str:
        """The directory of the step whose commands `line` is in ("" for the repository's top or not known)."""
        index = bisect.bisect_right(self._lines, line) - 1
        return self._directories[index] if index >= 0 else ""
