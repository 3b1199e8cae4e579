"""The make targets and scripts a GitHub Actions step runs, with the `env:` it gives them (pure).

A workflow step sets `NODE_IMAGE: ${{ matrix.node }}` and runs `make e2e`; the target's prerequisite runs
`./hack/make-cluster.sh`, where `NODE_IMAGE="${NODE_IMAGE:-kindest/node:v1.33.1}"` feeds `kind create cluster
--image`: each combination of the matrix makes CI pull another node image than the script's default. This module
finds those calls and reads the files as the step runs them:

- `step_calls`: each `make [-C DIR] TARGET...` and each script run by its path (`./hack/x.sh`, `bash test/x.sh`,
  in the step's `working-directory`) where a command runs in a step's `run:`, once per combination of the job's
  literal matrix, with the literal env the workflow, the job and the step give it (a value with another
  expression, `${{ secrets.X }}`, is left out, and so is a step with no env), the names an earlier `export
  NAME=value` of the same `run:` exports (the shell passes them to the commands after it), and those an earlier
  step of the job writes to the environment file, `echo "NAME=value" >> "$GITHUB_ENV"` (GitHub sets them for the
  steps after it: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-environment-variable);
- `make_reach`: the recipe lines of the targets and of their prerequisites (order-only ones too, and the targets a
  recipe's `$(MAKE) TARGET` runs in the same Makefile), and the scripts those lines run by their path;
- `with_env`: the file's text with the environment's values where the file takes them from the environment: in a
  Makefile, a `NAME ?= default` assignment (a plain `NAME = v` or `:=` wins over the environment) and a name it does
  not assign; in a script, the default of `${NAME:-default}` (`:=`, `-`, `=` too) and a name it does not assign. A
  value with a space, a quote or `$` is not given. The lines keep their numbers (a given name is appended).
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections import deque
from dataclasses import dataclass
from typing import Literal

from ecr_mirror.choose.discovery.env_expressions import scoped_env
from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.github_env_writes import ECHO_WRITE_RE
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.pwsh_github_env import runs_powershell
from ecr_mirror.choose.discovery.script_runs import exported
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.step_outputs import step_outputs
from ecr_mirror.choose.discovery.workflow_steps import (
    CD_RE,
    changed_directory,
    job_steps,
    run_start,
    workflow_jobs,
)

_MAKE_RE = re.compile(r"(?<![\w./$-])(?:make|\$\(MAKE\)|\$\{MAKE\})(?![\w.-])")
_SCRIPT_RE = re.compile(r"(?<![\w./$=:-])(?:(?:bash|sh)[ \t]+)?(?P<path>(?:\./)?[\w.-]+(?:/[\w.-]+)+|\./[\w.-]+)")
_MAKE_VALUED = frozenset({"-C", "--directory", "-f", "--file", "--makefile", "-j", "--jobs", "-o", "-W", "-I"})
# a make conditional directive: between the lines of a recipe it is make's, and the recipe goes on after it (the GNU
# make manual's own example, `foo: $(objects)` / `ifeq ($(CC),gcc)` / recipe / `else` / recipe / `endif`:
# https://www.gnu.org/software/make/manual/html_node/Conditional-Example.html)
_CONDITIONAL_RE = re.compile(r"^ *(?:ifeq|ifneq|ifdef|ifndef|else|endif)(?:[ \t(]|$)")
_RULE_RE = re.compile(r"^(?P<targets>[^\t#=:\s][^=:]*?)[ \t]*::?(?!=)(?P<prerequisites>[^=;#]*)(?:[;#].*)?$")
_PLAIN_VALUE_RE = re.compile(r"[^\s'\"$`\\{}()]+")
_WORD = r"(?:'[^'\n]*'|\"[^\"$`\n]*\"|[^\s'\"$`;&|()]+)"
# A value is its words taken whole (`*+`, possessive: no retrying of how a long value splits into words, which was
# 2^n tries for a value of n characters before a command that is not the call, `V=<digest> sudo ./run.sh`)
_PREFIX_RE = re.compile(rf"(?:^|[;&|(]|\b(?:then|do|else)\b)[ \t]*((?:[A-Za-z_]\w*=(?:{_WORD})*+[ \t]+)+)$")
_MAX_TARGETS = 64


@dataclass(frozen=True, slots=True)
class StepCall:
    """`make` with its targets (none: the default goal) or a script by its path, in `directory` (relative to the
    repository), with the env the step gives it, at the command's line of the workflow, and a script's arguments as
    written (script_arguments.py reads the literal ones)."""

    kind: Literal["make", "script"]
    names: tuple[str, ...]
    directory: str
    env: tuple[tuple[str, str], ...]
    line: int
    args: tuple[str, ...] = ()


def split_call(kind: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names, arguments) of a call `calls_in` gives: a script's path, then its arguments; make's targets."""
    return (names[:1], names[1:]) if kind == "script" else (names, ())


def _make_call(words: list[str], directory: str) -> tuple[tuple[str, ...], str] | None:
    """(targets, directory) of `make WORDS`; None when it reads another Makefile (`-f`)."""
    targets: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word in ("-f", "--file", "--makefile") or word.startswith(("--file=", "--makefile=")):
            return None
        if word in ("-C", "--directory") and index + 1 < len(words):
            directory = posixpath.join(directory, words[index + 1])
        elif word.startswith("--directory="):
            directory = posixpath.join(directory, word.split("=", 1)[1])
        elif not word.startswith("-") and "=" not in word:
            targets.append(word)
        index += 2 if word in _MAKE_VALUED and word not in ("-j", "--jobs") else 1
    return tuple(targets), posixpath.normpath(directory) if directory else ""


def _arguments(words: list[str]) -> tuple[str, ...]:
    """A script call's arguments: its words up to a redirection (`> log`, `2>&1`)."""
    out: list[str] = []
    for word in words:
        if re.match(r"\d*[<>]", word):
            break
        out.append(word)
    return tuple(out)


def _prefixed(before: str) -> dict[str, str]:
    """The literal `NAME=value` words right before a call in its command (`V='1.2' ./run.sh`): bash puts them in
    the environment of that command only
    (https://www.gnu.org/software/bash/manual/html_node/Simple-Command-Expansion.html)."""
    match = _PREFIX_RE.search(before)
    words = [word.partition("=") for word in command_words(match.group(1))] if match else []
    return {name: value for name, _, value in words if _PLAIN_VALUE_RE.fullmatch(value)}


def calls_in(
    commands: str, first: int, directory: str, prefixes: dict[tuple[int, tuple[str, ...]], dict[str, str]] | None = None
) -> list[tuple[int, str, tuple[str, ...], str]]:
    """(line, kind, names, directory) of each make or script call of a step's commands (a script's names: its path,
    then its arguments); a `cd DIR` before a call moves where it runs (workflow_steps.changed_directory; none is
    read after a `cd` not known). `prefixes` collects the literal variables a call's command line assigns before it,
    by (line, names)."""
    out: list[tuple[int, str, tuple[str, ...], str]] = []
    where: str | None = directory
    for offset, joined in joined_lines(commands):
        if joined.lstrip().startswith("#"):
            continue
        line = first + offset - 1
        events = sorted(
            [(match.start(), "cd", match) for match in CD_RE.finditer(joined)]
            + [(match.start(), "make", match) for match in _MAKE_RE.finditer(joined)]
            + [(match.start(), "script", match) for match in _SCRIPT_RE.finditer(joined)]
        )
        for at, kind, match in events:
            if not in_command_position(joined[:at]):
                continue
            if kind == "cd":
                where = changed_directory(where, command_words(joined[match.end() :]))
                continue
            if where is None:
                continue
            elif kind == "make" and (call := _make_call(command_words(joined[match.end() :]), where)) is not None:
                out.append((line, "make", *call))
            elif kind == "script" and not match["path"].startswith(".."):
                arguments = _arguments(command_words(joined[match.end() :]))
                out.append((line, "script", (posixpath.normpath(match["path"]), *arguments), where))
            else:
                continue
            if prefixes is not None and (given := _prefixed(joined[:at])):
                prefixes[(line, out[-1][2])] = given
    return out


def _exports(commands: str, first: int) -> list[tuple[int, str, str]]:
    """(line, name, value) of each literal `NAME=value` an `export` line of a step's commands gives."""
    return [(first + offset - 1, name, value) for offset, name, value in exported(joined_lines(commands))]


def _github_env(commands: str) -> dict[str, str]:
    """The literal values a step's commands write to `$GITHUB_ENV` for the steps after it."""
    found = (ECHO_WRITE_RE.match(joined) for _, joined in joined_lines(commands))
    return {match["name"]: match["value"] for match in found if match and _PLAIN_VALUE_RE.fullmatch(match["value"])}


_OUTPUT_RE = re.compile(r"\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}")


def _with_outputs(env: object, outputs: dict[str, dict[str, str]]) -> object:
    """A step's `env:` with each `${{ steps.ID.outputs.NAME }}` an earlier bash step of the job surely writes
    (step_outputs.py) replaced by its literal value; another expression is left for scoped_env to leave out."""
    if not isinstance(env, dict) or not outputs:
        return env

    def literal(match: re.Match[str]) -> str:
        return outputs.get(match[1], {}).get(match[2], match.group(0))

    return {name: _OUTPUT_RE.sub(literal, raw) if isinstance(raw, str) else raw for name, raw in env.items()}


def step_calls(text: str, origin: str) -> list[StepCall]:
    """The make targets and scripts the `run:` steps of a workflow run, once per combination of the job's matrix
    that gives their env other values; steps with no literal env are left out."""
    lines = text.splitlines()
    out: list[StepCall] = []
    for workflow, job in workflow_jobs(text, origin):
        defaults = job.get("defaults") or workflow.get("defaults")
        run_defaults = defaults.get("run") if isinstance(defaults, dict) else None
        job_directory = run_defaults.get("working-directory") if isinstance(run_defaults, dict) else None
        combos = job_combinations(job) or [{}]
        written: list[dict[str, str]] = [{} for _ in combos]  # what earlier steps wrote to $GITHUB_ENV
        outputs: list[dict[str, dict[str, str]]] = [{} for _ in combos]  # step id -> what it wrote to $GITHUB_OUTPUT
        for step in job_steps(job):
            run = step.get("run")
            if not isinstance(run, str) or (first := run_start(lines, run)) is None:
                continue
            directory = str(step.get("working-directory") or job_directory or "")
            for index, combo in enumerate(combos):
                step_env = _with_outputs(step.get("env"), outputs[index])
                scoped = scoped_env([workflow.get("env"), job.get("env"), step_env], combo)
                if (commands := with_matrix(run, combo)) is None:
                    continue
                bash = not runs_powershell(step, job, workflow)
                if bash and "GITHUB_OUTPUT" in run and isinstance(step_id := step.get("id"), str):
                    outputs[index][step_id] = step_outputs(commands)  # for the steps after it
                exports, prefixes = _exports(commands, first), dict[tuple[int, tuple[str, ...]], dict[str, str]]()
                for at, kind, names, where in calls_in(commands, first, directory, prefixes):
                    env = {**written[index], **scoped, **{name: value for line, name, value in exports if line < at}}
                    env.update(prefixes.get((at, names), {}))  # `NAME=value ./script.sh`: that command's own
                    called, args = split_call(kind, names)
                    call = StepCall(kind, called, where, tuple(sorted(env.items())), at, args)  # type: ignore[arg-type]
                    if (env or args) and call not in out:
                        out.append(call)
                written[index].update(_github_env(commands))
    return out


@functools.lru_cache(maxsize=8)
def _rules(text: str) -> tuple[dict[str, list[tuple[list[str], list[int]]]], list[str]]:
    """Each target's rules: (prerequisites, recipe line numbers); and the text's lines. Kept for the last texts
    read: a tree's make runs reach the same Makefile once a call (not to be changed by the caller)."""
    rules: dict[str, list[tuple[list[str], list[int]]]] = {}
    recipe: list[int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("\t") and recipe is not None:
            recipe.append(number)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if recipe is not None and _CONDITIONAL_RE.match(line):
            continue  # make's own, between the recipe's lines: both branches' lines are the recipe's
        match = _RULE_RE.match(line)
        recipe = [] if match else None
        if match is not None and recipe is not None:
            prerequisites = [word for word in match["prerequisites"].split() if word != "|" and "$" not in word]
            for target in match["targets"].split():
                rules.setdefault(target, []).append((prerequisites, recipe))
    return rules, text.splitlines()


def make_reach(text: str, targets: tuple[str, ...]) -> tuple[set[int], list[str]]:
    """The recipe lines `make TARGETS` runs in a Makefile (its default goal when none is named), and the scripts
    they run by their path (relative to the Makefile's directory)."""
    rules, lines = _rules(text)
    goal = next((target for target in rules if not target.startswith(".")), None)
    queue = deque(targets or ((goal,) if goal else ()))
    seen: set[str] = set()
    reached: set[int] = set()
    scripts: list[str] = []
    while queue and len(seen) < _MAX_TARGETS:
        target = queue.popleft()
        if target in seen or target not in rules:
            continue
        seen.add(target)
        for prerequisites, recipe in rules[target]:
            queue.extend(prerequisites)
            reached.update(recipe)
            # each recipe line runs in a shell of its own: a `cd` holds for the rest of its line only
            calls = [call for number in recipe for call in calls_in(lines[number - 1], 1, "")]
            for _, kind, names, directory in calls:
                if kind == "make" and not directory:
                    queue.extend(names)
                elif kind == "script" and (path := posixpath.join(directory, names[0])) not in scripts:
                    scripts.append(path)
    return reached, scripts


def _assigned(text: str, name: str, makefile: bool) -> list[re.Match[str]]:
    """The lines that assign `name` (not recipe lines of a Makefile)."""
    pattern = (
        r"^(?P<head>[ \t]*(?:(?:export|override|readonly|local|declare(?:[ \t]+-\w+)?)[ \t]+)?"
        + re.escape(name)
        + r"[ \t]*(?P<operator>:::=|::=|:=|\?=|\+=|=)[ \t]*)(?P<value>.*)$"
    )
    found = list(re.finditer(pattern, text, re.MULTILINE))
    if makefile:  # a recipe line's `ARCH=$${arch} $(MAKE) x` is the shell's, not make's
        found = [match for match in found if not match["head"].startswith("\t")]
    if not makefile:
        found += re.finditer(r"^[ \t]*:[ \t]+[\"']?\$\{" + re.escape(name) + r":?=", text, re.MULTILINE)
    return found


def with_env(text: str, env: dict[str, str], *, makefile: bool) -> str:
    """`text` as it runs with `env` in its environment (see the module's docstring)."""
    appended: list[str] = []
    for name, value in sorted(env.items()):
        if not _PLAIN_VALUE_RE.fullmatch(value):
            continue
        assigned = _assigned(text, name, makefile)
        if makefile:
            conditional = re.compile(
                r"^([ \t]*(?:export[ \t]+)?" + re.escape(name) + r"[ \t]*\?=[ \t]*).*$", re.MULTILINE
            )
            text = conditional.sub(r"\g<1>" + value, text)  # the value has no backslash (_PLAIN_VALUE_RE)
        else:
            default = re.compile(r"\$\{" + re.escape(name) + r"(:?[-=])(?:[^{}]|\$\{[^}]*\})*\}")
            text = default.sub("${" + name + r"\g<1>" + value + "}", text)
        if not assigned:
            appended.append(f"{name} = {value}" if makefile else f"{name}={value}")
    if not appended:
        return text
    return text + ("" if text.endswith("\n") else "\n") + "\n".join(appended) + "\n"
