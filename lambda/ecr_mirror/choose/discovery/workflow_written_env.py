"""The compose files a GitHub Actions job starts with the values its earlier steps write to `$GITHUB_ENV` (pure).

A step's `run:` writes `echo "NAME=value" >> "$GITHUB_ENV"`, and GitHub sets NAME in the environment of every later
step of the job (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-environment-variable),
so a later `docker compose up` reads it over the compose file's `.env` and `${NAME:-default}` defaults. Database
client libraries pick the server image per matrix entry so: a bash map from the matrix value to the image's tag,
`declare -A builds=(["7.2"]="7.2.7" ...)`, then `if [[ -v builds[${{ matrix.server }}] ]]; then echo
"IMAGE=acme/server-test:${builds[${{ matrix.server }}]}" >> $GITHUB_ENV; else echo "IMAGE=server:${{ matrix.server
}}" >> $GITHUB_ENV; fi`. Read once per combination of the job's literal matrix, the step's commands with the matrix
substituted:

- `decided_env_writes`: the writes of a line every enclosing `if`/`elif`/`else` branch of which the commands decide
  for that combination: `[[ -v MAP[KEY] ]]` over a map the commands declare (shell_maps.py), `[ "a" = "b" ]`,
  `[[ a == b ]]`, `!=`, over literal words, `!` before one; a branch on anything else (`$(uname -m)`, a variable)
  is known only when the job runs, and what it writes is not read. A value is literal after `${MAP[KEY]}` takes
  the map's value; a key the map lacks (bash's empty string), or any other variable, leaves the write unread.
- `written_compose_runs`: the steps after such writes that run compose, each a `ComposeRun` with the job's env
  (workflow, job and step `env:` over what earlier steps wrote, as GitHub orders them): a `run:` step's compose
  commands (workflow_steps.step_compose_runs), and the steps of the compose actions, `hoverkraft-tech/compose-action`
  and `isbang/compose-action`, which run `docker compose -f FILE up SERVICES` in the step's environment
  (https://github.com/hoverkraft-tech/compose-action#usage: `compose-file`, one or a list, default
  `./docker-compose.yml`; `services`, none being all; `cwd`), `${{ env.NAME }}` in their inputs from that env. A
  step whose `if:` over the matrix is false for the combination runs nothing and writes nothing.
- `service_lines`: the lines of the services `up SERVICES` starts, those named and those they depend on
  (`depends_on`, https://docs.docker.com/reference/compose-file/services/#depends_on).
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.compose_shape import compose_services
from ecr_mirror.choose.discovery.env_expressions import scoped_env
from ecr_mirror.choose.discovery.github_actions import job_combinations, with_matrix
from ecr_mirror.choose.discovery.github_env_writes import ECHO_WRITE_RE
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_maps import Maps, shell_maps
from ecr_mirror.choose.discovery.workflow_steps import (
    ComposeRun,
    job_steps,
    step_compose_runs,
    step_skipped,
    workflow_jobs,
)
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents, located

COMPOSE_ACTIONS = ("hoverkraft-tech/compose-action", "isbang/compose-action")
_IF_RE = re.compile(r"^(?P<head>if|elif)[ \t]+(?P<condition>.*?)(?:[ \t]*;[ \t]*then)?[ \t]*$")
_TEST_RE = re.compile(r"^(?P<negated>![ \t]+)?(?:\[\[(?P<double>.*)\]\]|\[(?P<single>.*)\]|test[ \t](?P<test>.*))$")
_SET_RE = re.compile(r"^-v[ \t]+(?P<name>[A-Za-z_]\w*)\[(?P<key>[^\]]*)\]$")
_LITERAL = r"(?:\"[^\"$`]*\"|'[^']*'|[^\s\"'$`]+)"  # a quoted or bare word without a variable
_COMPARE_RE = re.compile(rf"^(?P<left>{_LITERAL})[ \t]+(?P<op>==?|!=)[ \t]+(?P<right>{_LITERAL})$")
_MAP_USE_RE = re.compile(r"\$\{([A-Za-z_]\w*)\[([^\]\n$]*)\]\}")
_ENV_EXPRESSION_RE = re.compile(r"\$\{\{\s*env\.([A-Za-z_]\w*)\s*\}\}")
_PLAIN_RE = re.compile(r"[^\s'\"$`\\{}()]+")


def _word(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'" else text


def _condition(condition: str, maps: Maps) -> bool | None:
    """Whether a test the commands can decide holds (see the module); None when only the run knows."""
    match = _TEST_RE.match(condition.strip())
    if match is None:
        return None
    inner = (match["double"] or match["single"] or match["test"] or "").strip()
    value: bool | None = None
    if (test := _SET_RE.match(inner)) is not None and test["name"] in maps:
        value = _word(test["key"].strip()) in maps[test["name"]]
    elif (compare := _COMPARE_RE.match(inner)) is not None:
        value = (_word(compare["left"]) == _word(compare["right"])) == (compare["op"] != "!=")
    return None if value is None else value != bool(match["negated"])


def _value(value: str, maps: Maps) -> str | None:
    """A written value with `${MAP[KEY]}` taken from the map; None when it is not literal then."""

    def looked_up(match: re.Match[str]) -> str:
        values = maps.get(match.group(1))
        key = _word(match.group(2).strip())
        return values[key] if values is not None and key in values else match.group(0)

    value = _MAP_USE_RE.sub(looked_up, value)
    return value if _PLAIN_RE.fullmatch(value) else None


def decided_env_writes(commands: str) -> dict[str, str]:
    """The literal values the commands (the matrix substituted) surely write to `$GITHUB_ENV` (see the module)."""
    maps = shell_maps(commands) if "-A" in commands else {}
    frames: list[tuple[bool | None, bool | None]] = []  # (this branch runs, an earlier branch of the chain ran)
    written: dict[str, str] = {}
    for _, joined in joined_lines(commands):
        line = joined.strip()
        if not line or line.startswith("#"):
            continue
        opened = _IF_RE.match(line)
        if opened is not None and re.search(r"[; \t]fi[ \t]*(?:[;#].*)?$", line):
            continue  # an `if` closed on its own line: what it writes is not read
        if opened is not None and opened["head"] == "if":
            runs = _condition(opened["condition"], maps)
            frames.append((runs, runs))
        elif opened is not None and frames:
            _, earlier = frames.pop()
            runs = False if earlier is True else _condition(opened["condition"], maps) if earlier is False else None
            frames.append((runs, True if earlier or runs else (False if runs is False else None)))
        elif re.match(r"^else(?:[ \t]*#.*)?$", line) and frames:
            _, earlier = frames.pop()
            frames.append((None if earlier is None else not earlier, True))
        elif re.match(r"^fi\b", line) and frames:
            frames.pop()
        elif (
            all(runs is True for runs, _ in frames)
            and (write := ECHO_WRITE_RE.match(line)) is not None
            and (value := _value(write["value"], maps)) is not None
        ):
            written[write["name"]] = value
    return written


def _with_env(text: str, env: dict[str, str], combo: dict[str, Any]) -> str | None:
    """An input with `${{ env.NAME }}` and the matrix taken; None when another expression stays."""
    text = _ENV_EXPRESSION_RE.sub(lambda match: env.get(match.group(1), match.group(0)), text)
    expanded = with_matrix(text, combo)
    return expanded if expanded is not None and "${{" not in expanded else None


def _action_run(step: dict[Any, Any], env: dict[str, str], combo: dict[str, Any], origin: str) -> ComposeRun | None:
    """The compose run of a compose action's step (see the module); None for another step or unknown files."""
    uses, inputs = step.get("uses"), step.get("with") or {}
    if not isinstance(uses, str) or uses.split("@", 1)[0].strip().lower() not in COMPOSE_ACTIONS:
        return None
    if not isinstance(inputs, dict):
        return None
    written = inputs.get("compose-file") or "./docker-compose.yml"
    files = _with_env("\n".join(map(str, written)) if isinstance(written, list) else str(written), env, combo)
    directory = _with_env(str(inputs.get("cwd") or "."), env, combo)
    if files is None or directory is None or directory.startswith(("/", "~")):
        return None
    named = inputs.get("services")
    services = _with_env(str(named), env, combo) if named else ""
    chosen = frozenset(services.split()) if services else None
    names = tuple(name.strip() for name in re.split(r"[\n,]", files) if name.strip())
    items = tuple(sorted(env.items()))
    return ComposeRun(names, directory.strip(), items, origin, line_of(uses) or 0, services=chosen)


def written_compose_runs(text: str, origin: str) -> list[ComposeRun]:
    """The compose runs of the workflow's steps after an earlier step of the job writes to `$GITHUB_ENV`, and those
    of the compose actions' steps, with the env they run in (see the module)."""
    out: list[ComposeRun] = []
    for workflow, job in workflow_jobs(text, origin):
        defaults = job.get("defaults") or workflow.get("defaults")
        run_defaults = defaults.get("run") if isinstance(defaults, dict) else None
        job_directory = run_defaults.get("working-directory") if isinstance(run_defaults, dict) else None
        for combo in job_combinations(job) or [{}]:
            written: dict[str, str] = {}
            for step in job_steps(job):
                if step_skipped(step, combo):
                    continue
                env = {**written, **scoped_env([workflow.get("env"), job.get("env"), step.get("env")], combo)}
                run = step.get("run")
                if not isinstance(run, str):
                    found = _action_run(step, env, combo, origin)
                    out += [found] if found is not None and found not in out else []
                    continue
                if (commands := with_matrix(run, combo)) is None:
                    continue
                if written and "compose" in commands:
                    directory = str(step.get("working-directory") or job_directory or "")
                    expanded = dict(step, run=located(commands, line_of(run)))
                    runs = step_compose_runs(expanded, env, directory, origin)
                    out += [item for item in runs if item not in out]
                if "GITHUB_ENV" in commands:
                    written.update(decided_env_writes(commands))
    return out


def _lines(node: object, into: set[int]) -> None:
    if isinstance(node, dict):
        for value in node.values():
            _lines(value, into)
    elif isinstance(node, list):
        for value in node:
            _lines(value, into)
    elif (line := line_of(node)) is not None:
        into.add(line)


def service_lines(text: str, origin: str, services: frozenset[str]) -> set[int]:
    """The lines of the values of the services `up SERVICES` starts: those named and, in turn, their
    `depends_on` (a list or a mapping of services)."""
    lines: set[int] = set()
    for doc in load_documents(text, origin):
        defined = compose_services(doc) or {}
        queue, seen = list(services), set()
        while queue:
            name = queue.pop()
            if name in seen or not isinstance(service := defined.get(name), dict):
                continue
            seen.add(name)
            _lines(service, lines)
            depends = service.get("depends_on")
            queue += [str(each) for each in depends] if isinstance(depends, dict | list) else []
    return lines
