"""A CI or task file's text as the command readers read its steps (pure): a Jenkinsfile without the stages that
never run (jenkins_when.py) and with a shared library helper's command strings as commands (jenkins_commands.py,
Groovy's `\\"`), a Taskfile with its prose blanked and its `{{if}}` branches (taskfile_vars.py), a dev container
definition reduced to its lifecycle commands (devcontainer.py: `"postStartCommand": "docker run ..."`), a workflow
with its PowerShell steps in shell syntax (pwsh_steps.py); any other file as it is."""

from __future__ import annotations

from ecr_mirror.choose.discovery.devcontainer import lifecycle_lines
from ecr_mirror.choose.discovery.jenkins_commands import jenkins_commands
from ecr_mirror.choose.discovery.jenkins_when import without_never_running_stages
from ecr_mirror.choose.discovery.kinds import Kind
from ecr_mirror.choose.discovery.pwsh_steps import pwsh_steps_as_shell
from ecr_mirror.choose.discovery.taskfile_vars import taskfile_commands


def step_text(step: Kind, written: str) -> str:
    """`written`, a file of kind `step`, as its steps' commands are read."""
    if step is Kind.JENKINS:
        return jenkins_commands(without_never_running_stages(written))
    if step is Kind.TASKFILE:
        return taskfile_commands(written)
    if step is Kind.WORKFLOW:
        return pwsh_steps_as_shell(written)  # a `shell: pwsh` step's backtick continuations
    return lifecycle_lines(written) if step is Kind.DEVCONTAINER else written
