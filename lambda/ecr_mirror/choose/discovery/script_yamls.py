"""YAML files of other tools whose scripts run commands, read as a CI file's steps (pure): Kyverno Chainsaw's tests,
Tekton's tasks, Prow's jobs with a shell script in their args. `script_yaml_kind` names the kind of such a file."""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.ci_shapes import PROW_KIND

# Kyverno Chainsaw's tests (https://kyverno.github.io/chainsaw/): their steps' `script:` contents run on the cluster
_CHAINSAW_RE = re.compile(r"^apiVersion:\s*['\"]?chainsaw\.kyverno\.io/", re.MULTILINE)
_CHAINSAW_KINDS_RE = re.compile(r"^kind:\s*['\"]?(?:Test|StepTemplate)['\"]?\s*$", re.MULTILINE)
CHAINSAW_KIND = "Chainsaw test"
# Tekton's Tasks, TaskRuns, Pipelines and PipelineRuns: a step's `script:` runs in its container
# (https://tekton.dev/docs/pipelines/tasks/#running-scripts-within-steps), `docker run` against a dind sidecar
_TEKTON_RE = re.compile(r"^apiVersion:\s*['\"]?tekton\.dev/", re.MULTILINE)
_TEKTON_KINDS_RE = re.compile(r"^kind:\s*['\"]?(?:Task|TaskRun|Pipeline|PipelineRun|StepAction)['\"]?\s*$", re.M)
TEKTON_KIND = "Tekton task"
# Prow's job configs (https://docs.prow.k8s.io/docs/jobs/): a job's container runs its `args`, a shell's `-c` script
# among them (`args: [bash, -c, |...]`, Docker-in-Docker jobs running `docker run`)
_PROW_RE = re.compile(r"^(?:presubmits|postsubmits|periodics):", re.MULTILINE)
_SHELL_ARGS_RE = re.compile(r"^[ \t]*-[ \t]*['\"]?-c['\"]?[ \t]*$", re.MULTILINE)


def _is_tekton(text: str) -> bool:
    return _TEKTON_RE.search(text) is not None and _TEKTON_KINDS_RE.search(text) is not None


def _is_prow_with_scripts(text: str) -> bool:
    return _PROW_RE.search(text) is not None and _SHELL_ARGS_RE.search(text) is not None


def is_chainsaw_test(text: str) -> bool:
    """A Chainsaw `Test` or `StepTemplate`, whose `script:` steps are read as the commands of a CI file."""
    return _CHAINSAW_RE.search(text) is not None and _CHAINSAW_KINDS_RE.search(text) is not None


def script_yaml_kind(text: str) -> str | None:
    """The kind of a YAML file whose scripts are read as CI commands (Chainsaw, Tekton, Prow), or None."""
    if is_chainsaw_test(text):
        return CHAINSAW_KIND
    if _is_tekton(text):
        return TEKTON_KIND
    return PROW_KIND if _is_prow_with_scripts(text) else None
