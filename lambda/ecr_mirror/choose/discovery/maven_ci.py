"""The Maven runs of GitHub Actions workflows and of the local composite actions their steps call (pure): the user
properties (`-Dname=value`), profiles (`-Pa,b`) and modules (`-pl a,b`) each run gives, for the POMs it builds.

Maven's command line (https://maven.apache.org/ref/current/maven-embedder/cli.html): `-D`/`--define` sets a user
property, which overrides a POM's property of the same name where the POM interpolates `${name}`; `-P`/
`--activate-profiles` activates profiles by id (`!id` or `-id` deactivates: not read); `-pl`/`--projects` limits the
reactor to modules, by directory (from the `-f` POM's directory, else the working directory) or `:artifactId`;
`mvn`, `mvnw` and `./mvnw` run Maven.

A workflow's `run:` step is read once per combination of its job's literal matrix, `${{ matrix.X }}` evaluated; a step
that calls a local action (`uses: ./.github/actions/build-db`) whose `runs.using` is `composite` has that action's
`run:` steps read with `${{ inputs.NAME }}` the value the step's `with:` gives it (over the caller's matrix), else the
input's `default` (https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-
actions#inputs), else empty, as GitHub gives it. A word holding any other expression is not read, so a `-D` whose
value is not known leaves the POM's own value.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass
from typing import Any

from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.workflow_steps import job_steps, run_start, workflow_jobs
from ecr_mirror.choose.discovery.yaml_loader import load_documents

_EXPRESSION_RE = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_INPUT_RE = re.compile(r"\s*inputs\.([A-Za-z_][\w-]*)\s*")
_UNKNOWN = "\0"
_MAVEN = frozenset(["mvn", "mvnw", "./mvnw", "mvnw.cmd", "mvn.cmd"])
_SEPARATORS = frozenset([";", "&&", "||", "|", "&"])
_SEPARATOR_RE = re.compile(r"(;|&&|\|\||\||&)")


@dataclass(frozen=True)
class MavenRun:
    """One Maven command: its user properties, profiles, modules (as written) and `-f` directory, and where it is
    written (`file:line`, and the calling step's `file:line` for a composite action's step)."""

    defines: tuple[tuple[str, str], ...]
    profiles: tuple[str, ...]
    modules: tuple[str, ...]
    directory: str
    where: str


def _words(command: str) -> list[str]:
    text = _SEPARATOR_RE.sub(r" \1 ", command.replace("\\\n", " "))
    try:
        return shlex.split(text, comments=True)
    except ValueError:
        return text.split()


def _listed(value: str) -> list[str]:
    return [item for item in value.split(",") if item and item[0] not in "!-" and _UNKNOWN not in item]


def maven_commands(commands: str, directory: str, where: str) -> list[MavenRun]:
    """The Maven runs of a step's commands (each line, a `\\`-continued line joined), run in `directory`."""
    out: list[MavenRun] = []
    for line in commands.replace("\\\n", " ").splitlines():
        words = _words(line)
        for start, word in enumerate(words):
            if word not in _MAVEN or (start and words[start - 1] not in _SEPARATORS and words[start - 1] != "exec"):
                continue
            end = next((i for i in range(start + 1, len(words)) if words[i] in _SEPARATORS), len(words))
            out.append(_run(words[start + 1 : end], directory, where))
    return out


def _run(words: list[str], directory: str, where: str) -> MavenRun:
    defines: list[tuple[str, str]] = []
    profiles: list[str] = []
    modules: list[str] = []
    pom_directory = directory
    position = 0
    while position < len(words):
        word = words[position]
        value = words[position + 1] if position + 1 < len(words) else ""
        takes = word in ("-D", "--define", "-P", "--activate-profiles", "-pl", "--projects", "-f", "--file")
        option, argument = (word, value) if takes else (word[:2], word[2:])
        position += 2 if takes else 1
        if _UNKNOWN in argument:
            continue
        if option in ("-D", "--define") and argument:
            name, _, given = argument.partition("=")
            defines.append((name, given if "=" in argument else "true"))
        elif option in ("-P", "--activate-profiles"):
            profiles += _listed(argument)
        elif word in ("-pl", "--projects") or (word.startswith("-pl") and len(word) > 3):
            modules += _listed(argument if takes else word[3:])
        elif word in ("-f", "--file"):
            path = posixpath.join(directory, argument)
            pom_directory = path if not path.endswith(".xml") else posixpath.dirname(path)
    return MavenRun(tuple(defines), tuple(profiles), tuple(modules), posixpath.normpath(pom_directory), where)


def _masked(text: str, value_of: Any) -> str:
    """`text` with each `${{ ... }}` replaced by `value_of(expression)`, or a mark no word read may hold."""

    def _one(match: re.Match[str]) -> str:
        value = value_of(match.group(1))
        return value if isinstance(value, str) else _UNKNOWN

    return _EXPRESSION_RE.sub(_one, text)


def _input(expression: str, values: dict[str, str | None]) -> str | None:
    """The value of an `inputs.NAME` expression (None: another expression, or a value not known)."""
    name = _INPUT_RE.fullmatch(expression)
    return values.get(name.group(1)) if name else None


def _step_directory(step: dict[Any, Any]) -> str:
    directory = step.get("working-directory")
    return posixpath.normpath(directory) if isinstance(directory, str) and "${{" not in directory else "."


def workflow_maven_runs(text: str, origin: str) -> list[MavenRun]:
    """The Maven runs of a workflow's `run:` steps, per combination of each job's literal matrix."""
    lines = text.splitlines()
    out: list[MavenRun] = []
    for _, job in workflow_jobs(text, origin):
        for step in job_steps(job):
            run = step.get("run")
            if not isinstance(run, str) or "mvn" not in run or (first := run_start(lines, run)) is None:
                continue
            for combo in job_combinations(job) or [{}]:
                commands = _masked(run, lambda e, c=combo: with_matrix("${{" + e + "}}", c))
                for item in maven_commands(commands, _step_directory(step), f"{origin}:{first}"):
                    out += [item] if item not in out else []
    return out


def composite_maven_runs(text: str, origin: str, inputs: dict[str, str | None], caller: str) -> list[MavenRun]:
    """The Maven runs of a composite action's `run:` steps, called with `inputs` (None: a value not known) by the
    step at `caller`; an input not given takes its `default`, else is empty."""
    lines = text.splitlines()
    out: list[MavenRun] = []
    for doc in load_documents(text, origin):
        runs = doc.get("runs") if isinstance(doc, dict) else None
        if not isinstance(runs, dict) or runs.get("using") != "composite":
            continue
        declared = doc.get("inputs") if isinstance(doc.get("inputs"), dict) else {}
        values: dict[str, str | None] = {
            str(name): str(spec["default"]) if isinstance(spec, dict) and "default" in spec else ""
            for name, spec in declared.items()
        }
        values.update(inputs)

        for step in job_steps(runs):
            run = step.get("run")
            if not isinstance(run, str) or "mvn" not in run or (first := run_start(lines, run)) is None:
                continue
            where = f"{origin}:{first}, called by {caller}"
            out += maven_commands(_masked(run, lambda e, v=values: _input(e, v)), _step_directory(step), where)
    return out
