"""The build arguments `docker/build-push-action` steps pass to the Dockerfiles they build (pure).

A workflow builds `docker/Dockerfile`, whose `FROM python:${PYTHON_VER}-slim` has `ARG PYTHON_VER` and no default,
with `build-args: PYTHON_VER=${{ matrix.python-version }}` over a matrix of five versions: each combination pulls
another base image. Read, in each step of the action (https://github.com/docker/build-push-action): `build-args`
(`NAME=value` a line, or a list of them), `file` (default `Dockerfile` in the context) and `context` (default the
repository's top, where the step's checkout is; a path from there), once per combination of the job's literal matrix,
`${{ matrix.X }}` evaluated and `${{ env.NAME }}` taken from the literal `env:` of the workflow, the job or the step;
an argument with another expression (`${{ steps.x.outputs.y }}`) is not passed, so the Dockerfile's default applies.
Only steps that pass at least one argument are returned: the Dockerfile read alone says what it pulls without one. A
context that is a Git URL is another repository's files, and is not read; `{{defaultContext}}:DIR` is the
directory DIR of the workflow's own Git context. In a reusable workflow that jobs of the same repository call,
`${{ inputs.NAME }}` is each call's value (reusable_workflows.called_inputs: the value given, else the declared
default), a build once per call: KurrentDB's `build-container-reusable.yml` builds `CONTAINER_RUNTIME=${{
inputs.container-runtime }}`, which three workflows give `jammy`, `bookworm-slim` and `alpine`.

`build_push_contexts`: the named contexts a step gives its Dockerfile (`build-contexts:`, `NAME=source` a line),
which its `FROM NAME` and `COPY --from=NAME` take instead of an image.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from ecr_mirror.choose.discovery.command_builds import CommandBuild
from ecr_mirror.choose.discovery.env_expressions import scoped_env
from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.workflow_steps import BUILD_PUSH, job_steps, workflow_jobs
from ecr_mirror.choose.discovery.yaml_loader import line_of

_DEFAULT_CONTEXT = "{{defaultContext}}"  # the workflow's own Git context (build-push-action's README)
_ENV_RE = re.compile(r"\$\{\{\s*env\.([A-Za-z_][\w-]*)\s*\}\}")
_INPUT_RE = re.compile(r"\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}")


def _lines(raw: object) -> list[str]:
    if isinstance(raw, list):
        return [str(item) for item in raw if isinstance(item, str | int | float)]
    return str(raw).splitlines() if isinstance(raw, str) else []


def _input(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _arguments(
    raw: object, env: dict[str, str], combo: dict[str, Any], inputs: dict[str, Any]
) -> tuple[tuple[str, str], ...]:
    """The `NAME=value` arguments whose value is known in this combination of a call's `inputs`."""
    out: dict[str, str] = {}
    for line in _lines(raw):
        name, equals, written = line.strip().partition("=")
        if not equals or not name.strip():
            continue
        written = _ENV_RE.sub(lambda match: env.get(match.group(1), match.group()), written)
        written = _INPUT_RE.sub(lambda match: _input(inputs.get(match.group(1), match.group())), written)
        if (value := with_matrix(written, combo)) is not None and "${{" not in value:
            out[name.strip()] = value.strip()
    return tuple(out.items())


def _dockerfile(inputs: dict[Any, Any], combo: dict[str, Any]) -> str | None:
    """The Dockerfile a step builds, from the repository's top; None for a Git or unknown context."""
    context = with_matrix(str(inputs.get("context") or "."), combo)
    if context is not None and context.startswith(_DEFAULT_CONTEXT):
        context = context.removeprefix(_DEFAULT_CONTEXT).removeprefix(":") or "."
    file = with_matrix(str(inputs["file"]), combo) if inputs.get("file") else None
    if context is None or "${{" in context or "://" in context or context.startswith("git@"):
        return None
    if file is None:
        return posixpath.normpath(posixpath.join(context, "Dockerfile"))
    return None if "${{" in file else posixpath.normpath(file)


def build_push_builds(text: str, origin: str, calls: list[dict[str, Any]] | None = None) -> list[CommandBuild]:
    """The Dockerfiles the workflow's build-push steps build with build arguments, one per set of values; `calls`:
    the `inputs` of each call of the workflow by a job of its repository (none: `${{ inputs.X }}` not known)."""
    builds: list[CommandBuild] = []
    for workflow, job in workflow_jobs(text, origin):
        for step in job_steps(job):
            uses, inputs = step.get("uses"), step.get("with")
            if not isinstance(uses, str) or not uses.startswith(f"{BUILD_PUSH}@") or not isinstance(inputs, dict):
                continue
            raw = inputs.get("build-args")
            for given, combo in [(call, combo) for call in calls or [{}] for combo in job_combinations(job) or [{}]]:
                env = scoped_env([workflow.get("env"), job.get("env"), step.get("env")], combo)
                args = _arguments(raw, env, combo, given)
                dockerfile = _dockerfile(inputs, combo)
                line = line_of(raw[0] if isinstance(raw, list) and raw else raw) or 0
                build = CommandBuild(dockerfile or "", args, origin, line)
                if args and dockerfile is not None and build not in builds:
                    builds.append(build)
    return builds


def build_push_contexts(text: str, origin: str) -> list[tuple[str, frozenset[str]]]:
    """(Dockerfile from the repository's top, the names of its `build-contexts`) of each build-push step giving
    some."""
    out: list[tuple[str, frozenset[str]]] = []
    for _, job in workflow_jobs(text, origin):
        for step in job_steps(job):
            uses, inputs = step.get("uses"), step.get("with")
            if not isinstance(uses, str) or not uses.startswith(f"{BUILD_PUSH}@") or not isinstance(inputs, dict):
                continue
            names = frozenset(
                name.strip()
                for line in _lines(inputs.get("build-contexts"))
                if (name := line.strip().strip("\"'").partition("=")[0]) and "=" in line
            )
            for combo in job_combinations(job) or [{}]:
                dockerfile = _dockerfile(inputs, combo)
                if names and dockerfile is not None and (dockerfile, names) not in out:
                    out.append((dockerfile, names))
    return out
