"""What a GitHub Actions workflow's steps build, and the values its `env:` gives the compose files it runs (pure).

- `docker/build-push-action` steps: the `tags:` input (a list, one a line or separated by commas) names what the
  step builds, as `docker build -t` does; literal names only, `${{ matrix.X }}` taken from each combination of the
  job's literal matrix (build_push_tags.py; another `${{ ... }}` could be anything); only when
  the image lands in the runner's image store: after `docker/setup-buildx-action` (a `docker-container` builder, which
  keeps what it builds) only a step with `load: true` or `outputs: type=docker` loads it, and a step that only
  pushes publishes the image other files pull (https://docs.docker.com/build/builders/drivers/).
- Steps whose `run:` runs compose (`docker compose -f FILE up`, `docker-compose up`, `run`, `pull`, `create`,
  `start`): the environment compose sees there, the workflow's `env:` under the job's, under the step's (GitHub's
  order), with `${{ matrix.X }}` taken from each combination of the job's literal matrix; compose reads those over
  its `.env` and the `${VAR:-default}` defaults, so `POSTGRES_VERSION: 15` in the step makes the compose file's
  `postgres:${POSTGRES_VERSION:-17}` pull postgres:15 in CI. The files are those given with `-f`/`--file` (after
  the step's variables), or compose's default files, in the step's `working-directory`. A name set to another
  expression (`${{ secrets.X }}`) has a value known only then: no image of a line using it (env_expressions.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Literal

from ecr_mirror.choose.discovery.build_push_tags import tag_names
from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.compose_commands import COMPOSE_VALUED, pulled_services, pulls_first
from ecr_mirror.choose.discovery.composite_actions import composite_runs
from ecr_mirror.choose.discovery.env_expressions import expression_names, scoped_env
from ecr_mirror.choose.discovery.expressions import NotKnown, evaluate
from ecr_mirror.choose.discovery.github_actions import Inputs, job_combinations, with_matrix
from ecr_mirror.choose.discovery.github_env_writes import written_env
from ecr_mirror.choose.discovery.local_builds import LocalBuild, joined_lines
from ecr_mirror.choose.discovery.matrix_inputs import input_defaults, with_input_defaults, with_input_fallbacks
from ecr_mirror.choose.discovery.powershell import shell_lines
from ecr_mirror.choose.discovery.pwsh_github_env import runs_powershell, with_pwsh_writes
from ecr_mirror.choose.discovery.run_expressions import over_combination
from ecr_mirror.choose.discovery.shell_command_words import command_words
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.step_environment import environment_lines
from ecr_mirror.choose.discovery.step_outputs import step_outputs
from ecr_mirror.choose.discovery.tilt_commands import run_tiltfile
from ecr_mirror.choose.discovery.workflow_contexts import needs_context
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

BUILD_PUSH = "docker/build-push-action"
SETUP_BUILDX = "docker/setup-buildx-action"
COMPOSE_RE = re.compile(r"(?<![\w./-])(?:docker[ \t]+compose|docker-compose|podman-compose)(?![\w-])")
_RUNS = frozenset({"up", "run", "pull", "create", "start"})
_STARTS_RE = re.compile(rf"{COMPOSE_RE.pattern}|(?<![\w./-])tilt(?=[ \t]+(?:up|ci)(?![\w-]))")  # compose, `tilt up|ci`
CD_RE = re.compile(r"(?<![\w./$-])cd(?=[ \t])")  # a `cd` command (not `$cd`, `x.cd`)
_VALUED = COMPOSE_VALUED
_EXPRESSION_RE = re.compile(r"\$\{\{(.*?)\}\}")
_USES_RE = re.compile(r"matrix|env\.|needs\.|steps\.|inputs\.|GITHUB_OUTPUT")  # a step matrix_runs reads
DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")


@dataclass(frozen=True, slots=True)
class ComposeRun:
    """A step that runs compose: the files (relative to the repository, None: compose's default files in
    `directory`), the variables the workflow sets there, and where."""

    files: tuple[str, ...] | None
    directory: str
    env: tuple[tuple[str, str], ...]
    origin: str
    line: int
    pulls: frozenset[str] = frozenset()  # the services with `build:` whose image it pulls (ALL_SERVICES: every one)
    upward: bool = False  # without `-f`: the default file of `directory` or of the nearest directory above (a script)
    services: frozenset[str] | None = None  # `up SERVICE...`: those and what they depend on (None: every service)
    unknown: frozenset[str] = frozenset()  # the names set to an expression known when the job runs (env_expressions.py)
    tilt: str | None = None  # `tilt up|ci`: its Tiltfile (from `directory`), whose `docker_compose()` files it starts
    pulls_first: bool = False  # `up`/`run`/`create` without building: an image moved to a registry is pulled first


def workflow_jobs(text: str, origin: str) -> list[tuple[dict[Any, Any], dict[Any, Any]]]:
    """(workflow, job) of every job of the workflow's documents."""
    out: list[tuple[dict[Any, Any], dict[Any, Any]]] = []
    for doc in load_documents(text, origin):
        jobs = doc.get("jobs") if isinstance(doc, dict) else None
        jobs = jobs.values() if isinstance(jobs, dict) else ()
        out += [(doc, with_input_fallbacks(doc, job)) for job in jobs if isinstance(job, dict)]
    return out


# Actions that run their `command:` input in a shell, retrying it, as a `run:` step runs its commands, with the
# step's environment: https://github.com/nick-fields/retry#inputs, https://github.com/Wandalen/wretry.action#inputs
# (`current_path`: the directory it runs in).
_RETRY_ACTIONS = {"nick-fields/retry": None, "wandalen/wretry.action": "current_path"}


def _as_run_step(step: dict[Any, Any]) -> dict[Any, Any]:
    """A retrying action's step whose `command:` is a string as the `run:` step it amounts to (`run` the command as
    located, `working-directory` the action's own input, if any); another step as it is."""
    uses, inputs = step.get("uses"), step.get("with")
    if "run" in step or not isinstance(uses, str) or not isinstance(inputs, dict):
        return step
    action = uses.split("@", 1)[0].strip().lower()
    if action not in _RETRY_ACTIONS or not isinstance(command := inputs.get("command"), str):
        return step
    directory = inputs.get(_RETRY_ACTIONS[action] or "", None)
    extra = {"working-directory": directory} if isinstance(directory, str) and directory else {}
    return {**step, "run": command, **extra}


def job_steps(job: dict[Any, Any]) -> list[dict[Any, Any]]:
    """The steps of a job that are mappings, a retrying action's step as the `run:` step it amounts to."""
    steps = job.get("steps")
    return [_as_run_step(step) for step in steps if isinstance(step, dict)] if isinstance(steps, list) else []


def _container_builder(step: dict[Any, Any]) -> bool | None:
    """Whether a `docker/setup-buildx-action` step sets up a builder that keeps its images (None: not that action):
    its default `docker-container` driver, and any driver but `docker`."""
    uses, inputs = step.get("uses"), step.get("with")
    if not isinstance(uses, str) or not uses.startswith(f"{SETUP_BUILDX}@"):
        return None
    driver = inputs.get("driver") if isinstance(inputs, dict) else None
    return not (isinstance(driver, str) and driver.strip() == "docker")


def _loads(inputs: dict[Any, Any]) -> bool:
    """Whether a build-push step puts its image in the runner's image store with a builder that would keep it:
    `load: true`, `outputs: type=docker`, or an expression (which may be either)."""
    load, outputs = inputs.get("load"), inputs.get("outputs")
    if load is True or (isinstance(load, str) and (load.strip().lower() == "true" or "${{" in load)):
        return True
    written = "\n".join(outputs) if isinstance(outputs, list) else outputs if isinstance(outputs, str) else ""
    return "type=docker" in written.replace(" ", "")


_ENV_TAG_RE = re.compile(r"\$\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}")  # `${{ env.TEST_TAG }}`: the literal env's value


def _with_env(name: str, env: dict[str, str]) -> str:
    return _ENV_TAG_RE.sub(lambda match: env.get(match.group(1), match.group(0)), name)


def pushed_tags(text: str, origin: str, every: bool = False) -> list[LocalBuild]:
    """The literal names `docker/build-push-action` steps of a workflow or composite action build (their `tags:`,
    `${{ env.NAME }}` from the literal `env:` of the workflow, the job or the step) into the runner's image store: all
    of them with the default builder (or Buildx's `docker` driver), only those of steps that load their image after
    `docker/setup-buildx-action` has set up a builder that keeps it (a step that only pushes publishes the image);
    with `every`, those a step only pushes too."""
    builds: list[LocalBuild] = []
    for workflow, job in workflow_jobs(text, origin) + composite_runs(text, origin):
        keeps = False  # the job's builder: the runner's default one loads what it builds
        for step in job_steps(job):
            if (container := _container_builder(step)) is not None:
                keeps = container
            uses, inputs = step.get("uses"), step.get("with")
            if not isinstance(uses, str) or not uses.startswith(f"{BUILD_PUSH}@") or not isinstance(inputs, dict):
                continue
            if keeps and not _loads(inputs) and not every:
                continue
            tags = inputs.get("tags")
            env = scoped_env([workflow.get("env"), job.get("env"), step.get("env")], None)
            for name in tag_names(tags, job_combinations(job), partial(_with_env, env=env)):
                if isinstance(name, str) and name.strip() and "${{" not in name:
                    builds.append(LocalBuild(name.strip(), origin, line_of(tags) or 0, f"{BUILD_PUSH} tags"))
    return builds


def compose_files(words: list[str], values: ShellValues) -> tuple[str, ...] | Literal[False] | None:
    """The `-f` files of `docker compose WORDS` (None: the default files); False when it pulls nothing or a file
    name cannot be known."""
    files: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("-f", "--file") and index + 1 < len(words):
            files.append(words[index + 1])
        elif word.startswith("--file="):
            files.append(word.removeprefix("--file="))
        elif not word.startswith("-"):
            break
        index += 2 if word in _VALUED else 1
    if index >= len(words) or words[index] not in _RUNS:
        return False
    resolved = [values.resolve(name) for name in files]
    if any(problem for _, problem in resolved):
        return False
    return tuple(name for name, _ in resolved) or None


def step_compose_runs(step: dict[Any, Any], env: dict[str, str], directory: str, origin: str) -> list[ComposeRun]:
    run = step.get("run")
    if not isinstance(run, str) or ("compose" not in run and "tilt" not in run):
        return []
    values = ShellValues({name: {value} for name, value in env.items()})
    out: list[ComposeRun] = []
    where: str | None = directory
    for _, joined in joined_lines(run):
        starts = CommandStarts(joined)
        moves = [(cd.start(), command_words(joined, cd.end())) for cd in CD_RE.finditer(joined)]
        moves = [(at, words) for at, words in moves if starts.runs_at(at)]
        for match in _STARTS_RE.finditer(joined):
            for _, words in (move for move in moves if move[0] < match.start()):
                where = changed_directory(where, words)
            moves = [move for move in moves if move[0] > match.start()]
            if not starts.runs_at(match.start()) or where is None:
                continue
            words = command_words(joined, match.end())
            env_items, line = tuple(sorted(env.items())), line_of(run) or 0
            if match.group(0) == "tilt":
                tiltfile = run_tiltfile(words[1:])
                out += [ComposeRun(None, where, env_items, origin, line, tilt=tiltfile)] if tiltfile else []
            elif (files := compose_files(words, values)) is not False:
                first = pulls_first(words)
                out.append(
                    ComposeRun(files or None, where, env_items, origin, line, pulled_services(words), pulls_first=first)
                )
        for _, words in moves:
            where = changed_directory(where, words)
    return out


def changed_directory(directory: str | None, words: list[str]) -> str | None:
    """The directory after `cd WORDS` from `directory` (relative to the repository): a literal relative path; None
    (not known) for a path with a variable, `~`, an absolute one, `-` or none."""
    target = next((word for word in words if not word.startswith("-")), None)
    if directory is None or not target or target[0] in "/~" or any(char in target for char in "$`*?"):
        return None
    joined = posixpath.normpath(posixpath.join(directory, target))
    return None if joined.startswith("..") else ("" if joined == "." else joined)


def compose_runs(text: str, origin: str, calls: Sequence[Inputs] = (None,)) -> list[ComposeRun]:
    """The steps of the workflow that run compose, with the variables the workflow sets for them (one per
    combination of the job's matrix, and per call's `inputs` of a reusable workflow, that gives them other values)."""
    out: list[ComposeRun] = []
    for workflow, job in workflow_jobs(text, origin):
        combos = job_combinations(job) or [{}]
        defaults = job.get("defaults") or workflow.get("defaults")
        run_defaults = defaults.get("run") if isinstance(defaults, dict) else None
        job_directory = run_defaults.get("working-directory") if isinstance(run_defaults, dict) else None
        for step in job_steps(job):
            directory = step.get("working-directory") or job_directory or ""
            run, scopes = step.get("run"), [workflow.get("env"), job.get("env"), step.get("env")]
            for combo, inputs in ((combo, inputs) for inputs in calls for combo in combos):
                command = located(with_matrix(run, combo) or "", line_of(run)) if isinstance(run, str) else None
                expanded = step if command is None else dict(step, run=command)
                for item in step_compose_runs(expanded, scoped_env(scopes, combo, inputs), str(directory), origin):
                    if (item := replace(item, unknown=expression_names(scopes, combo, inputs))) not in out:
                        out.append(item)
    return out


_KEY_RE = re.compile(r"^[ \t]*(?:-[ \t]+)?[\w-]+:")  # the key before a value (`run:`, a retry action's `command:`)


def run_start(lines: list[str], run: object) -> int | None:
    """The file line of the first command of a step's `run:` value (a block scalar starts on the line after the
    key); None when it is no string or its line is not known."""
    if not isinstance(run, str) or not (line := line_of(run)):
        return None
    after_key = _KEY_RE.sub("", lines[line - 1], count=1).strip() if line <= len(lines) else ""
    return line + 1 if after_key[:1] in ("|", ">") else line


def step_commands(text: str, origin: str) -> list[tuple[int, str, dict[str, str]]]:
    """(the file line of its first command line, the commands, the literal env GitHub gives it: workflow, job,
    step) of every `run:` step."""
    lines = text.splitlines()
    out: list[tuple[int, str, dict[str, str]]] = []
    for workflow, job in workflow_jobs(text, origin):
        for step in job_steps(job):
            run = step.get("run")
            if isinstance(run, str) and (first := run_start(lines, run)) is not None:
                out.append((first, run, scoped_env([workflow.get("env"), job.get("env"), step.get("env")], None)))
    return out


def step_skipped(step: dict[Any, Any], combo: dict[str, Any]) -> bool:
    """Whether the step's `if:` over the matrix is false for `combo` (`if: ${{ matrix.arch == 'amd64' }}`); a
    condition the file cannot decide (another context, a status function) runs the step."""
    condition = step.get("if")
    if not isinstance(condition, str) or "matrix" not in condition:
        return False
    inner = _EXPRESSION_RE.fullmatch(condition.strip())
    try:
        return evaluate(inner.group(1) if inner else condition, combo) is False
    except NotKnown:
        return False


def matrix_runs(text: str, origin: str) -> list[tuple[int, str]]:
    """(first command line, commands) of each `run:` step using the job's matrix (`kindest/node:${{ matrix.v }}`),
    `${{ env.NAME }}` (the literal `env:` of workflow, job and step; what earlier PowerShell steps write to GITHUB_ENV,
    pwsh_github_env.py, and earlier bash steps' literal writes, github_env_writes.py), `needs` or
    `${{ steps.ID.outputs.NAME }}` (what an earlier bash step of the job with that `id` writes to `$GITHUB_OUTPUT`
    for the combination, step_outputs.py) or `${{ inputs.NAME }}` (its declared default, matrix_inputs.py),
    followed by `export NAME=value` lines for the names of the step's
    environment a bash script reads (step_environment.py), per combination of the job's literal matrix where the
    step's `if:` over the matrix holds and the expressions over it can be evaluated; other expressions stay as
    written."""
    lines = text.splitlines()
    out: list[tuple[int, str]] = []
    for workflow, job in workflow_jobs(text, origin):
        combos, written = job_combinations(job) or [], [dict[str, str]() for _ in job_combinations(job) or []]
        outputs: list[dict[str, dict[str, str]]] = [{} for _ in combos]  # per combination: step id -> its outputs
        appended: dict[str, str] = {}  # a bash step's `echo "NAME=value" >> "$GITHUB_ENV"`, for the steps after it
        needs, defaults = needs_context(workflow.get("jobs"), job), input_defaults(workflow)
        for step in job_steps(job) if combos else ():
            for values in written:
                values.update(appended)
            run = step.get("run")
            bash = isinstance(run, str) and not runs_powershell(step, job, workflow)
            appended = written_env(str(run)) if bash and "GITHUB_ENV" in str(run) else {}
            if not isinstance(run, str) or not _USES_RE.search(run) or not (line := line_of(run)):
                continue
            after_key = _KEY_RE.sub("", lines[line - 1], count=1).strip() if line <= len(lines) else ""
            first = line + 1 if after_key[:1] in ("|", ">") else line  # a block scalar starts on the next line
            for index, combo in [(i, each) for i, each in enumerate(combos) if not step_skipped(step, each)]:
                env = {**written[index], **scoped_env([workflow.get("env"), job.get("env"), step.get("env")], combo)}
                inputs = with_input_defaults(run, defaults)  # `${{ inputs.jdk }}` at its declared default
                if (expanded := over_combination(inputs, combo, env, needs, outputs[index])) is None:
                    continue
                if bash and (given := environment_lines(expanded, env)):  # `$NAME`, `--build-arg NAME` of env
                    expanded = expanded.rstrip("\n") + "\n" + "\n".join(given) + "\n"
                if bash and "GITHUB_OUTPUT" in run and isinstance(step_id := step.get("id"), str):
                    outputs[index][step_id] = step_outputs(expanded)  # for the steps after it
                if not re.search(r"matrix|env\.|needs\.|steps\.|inputs\.", run):
                    continue  # a step that only writes outputs from literal commands
                read = expanded if bash else shell_lines(expanded)  # PowerShell's backtick continuations
                out += [] if (first, read) in out else [(first, read)]
                if "GITHUB_ENV" in run and runs_powershell(step, job, workflow):
                    written[index] = with_pwsh_writes(written[index], expanded)  # for the steps after it
    return out
