"""A workflow's PowerShell `run:` steps in the shell syntax the command readers know (pure).

A step runs in PowerShell when its `shell` (or the job's or the workflow's `defaults.run.shell`) says `pwsh` or
`powershell`, or, without one, on a Windows runner (pwsh_github_env.runs_powershell;
https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsshell). Its lines are
rewritten as a `*.ps1` script's are (powershell.py: a backtick at a line's end continues the command, `$Name = "v"`
assigns), line for line, so that `docker run --rm `` ... "${{ matrix.image }}" `` reads as one command at its line; the
other lines of the file stay as written. A file that is not YAML stays as written.
"""

from __future__ import annotations

from ecr_mirror.choose.discovery.powershell import shell_lines
from ecr_mirror.choose.discovery.pwsh_github_env import runs_powershell
from ecr_mirror.choose.discovery.workflow_steps import job_steps, workflow_jobs
from ecr_mirror.choose.discovery.yaml_loader import line_of
from ecr_mirror.errors import ConfigError


def pwsh_steps_as_shell(text: str, origin: str = "workflow") -> str:
    """`text` with the lines of its PowerShell steps' `run:` blocks in shell syntax (see the module)."""
    if "pwsh" not in text and "powershell" not in text.lower() and "windows" not in text:
        return text
    try:
        jobs = workflow_jobs(text, origin)
    except ConfigError:
        return text
    lines = text.split("\n")
    for workflow, job in jobs:
        for step in job_steps(job):
            run = step.get("run")
            if not isinstance(run, str) or not (line := line_of(run)) or not runs_powershell(step, job, workflow):
                continue
            first = line + 1 if lines[line - 1].rstrip().endswith(("|", "|-", "|+", ">", ">-", ">+")) else line
            last = min(len(lines), first + max(run.count("\n"), 1) - 1)
            lines[first - 1 : last] = shell_lines("\n".join(lines[first - 1 : last])).split("\n")
    return "\n".join(lines)
