"""A Taskfile's tasks with the values Task gives their `{{.NAME}}` templates (pure).

Task (https://taskfile.dev/docs/guide#variables) renders a task's commands with its variables: the task's own
`vars:`, those a calling task passes (`cmds: [{task: test:pkg, vars: {Image: centos:centos7}}]`, also from `deps:`,
https://taskfile.dev/docs/guide#calling-another-task), then the file's global `vars:`, in that order of precedence.
goreleaser's Taskfile runs `docker pull --platform linux/{{.Platform}} {{.Image}}` in one task that others call once
per distribution image. Read here: for each task of the file, one text per call of it by a task of the same file (and
one for the task run alone), where the task's lines have each `{{.NAME}}` (`{{ .NAME }}`) the values give replaced,
lines kept in place so that the text reads as the file does. A value is a literal string or number; a dynamic one
(`sh:`), a map, or a name no value gives stays a template, known only when task runs. A value holding templates is
rendered with the same values, a few rounds deep (a round making it longer than 16 KB is not taken: vars that
double one another); `{{ .NAME | default .OTHER }}` (and `default "x"`, or `{{ default .OTHER .NAME }}`: slim-sprig's
`default`, https://go-task.github.io/slim-sprig/defaults.html) is NAME's value when one is given, else OTHER's. A
task's own vars are rendered in their order, each with the values given before it, so that `PG_VERSION: '{{
.PG_VERSION | default .DEFAULT_PG_VERSION }}'` takes a caller's `PG_VERSION`, else the default. The loops of a task
(`for:`, `{{range .NAME}}`) are read once per item (taskfile_loops.py).
"""

from __future__ import annotations

import contextlib
import functools
import re

from ecr_mirror.choose.discovery.taskfile_loops import list_values, loop_readings
from ecr_mirror.choose.discovery.taskfile_text import taskfile_commands
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

__all__ = ["task_variants", "taskfile_commands"]  # taskfile_commands for cli/discover_scripts.py

_NAME_RE = re.compile(r"\{\{-?\s*\.(?P<name>[A-Za-z_]\w*)\s*-?\}\}")
_OPERAND = r"(?:\.(?P<{0}>[A-Za-z_]\w*)|\"(?P<{0}_text>[^\"{{}}]*)\")"
_DEFAULT_RES = (
    re.compile(r"\{\{-?\s*\.(?P<name>[A-Za-z_]\w*)\s*\|\s*default\s+" + _OPERAND.format("other") + r"\s*-?\}\}"),
    re.compile(r"\{\{-?\s*default\s+" + _OPERAND.format("other") + r"\s+\.(?P<name>[A-Za-z_]\w*)\s*-?\}\}"),
)
_TASKS_RE = re.compile(r"^tasks:[ \t]*(?:#.*)?$", re.M)
_KEY_RE = re.compile(r"^(?P<indent>[ \t]+)(?P<quote>['\"]?)(?P<name>[^\s'\"#][^'\"#]*?)(?P=quote):[ \t]*(?:#.*)?$")
_ROUNDS = 4
_MAX_RENDERED = 16_384  # a round that makes a line longer is not taken: vars doubling one another grow exponentially
_MAX_VARIANTS = 256


def _literals(node: object) -> dict[str, str]:
    """The `vars:` of `node` whose values are literal scalars (a string without a newline, a number)."""
    values: dict[str, str] = {}
    for name, value in node.items() if isinstance(node, dict) else ():
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and "\n" not in str(value):
            values[str(name)] = str(value)
    return values


def _calls(tasks: dict[object, object]) -> dict[str, list[dict[str, str]]]:
    """Per task, the literal `vars` of each call of it from another task's `cmds` or `deps`."""
    calls: dict[str, list[dict[str, str]]] = {}
    for body in tasks.values():
        if not isinstance(body, dict):
            continue
        for key in ("cmds", "deps"):
            entries = body.get(key)
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, dict) and isinstance(entry.get("task"), str) and "vars" in entry:
                    calls.setdefault(entry["task"], []).append(_literals(entry["vars"]))
    return calls


def _task_lines(text: str, names: set[str]) -> dict[str, range]:
    """The lines (0-based, end exclusive) of each task's block under the top-level `tasks:` key."""
    tasks = _TASKS_RE.search(text)
    if tasks is None:
        return {}
    lines = text.splitlines()
    start = text.count("\n", 0, tasks.start()) + 1
    blocks: dict[str, range] = {}
    indent: str | None = None
    current: tuple[str, int] | None = None
    for number in range(start, len(lines)):
        line = lines[number]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        width = len(line) - len(line.lstrip())
        if width == 0:
            break  # the next top-level key
        key = _KEY_RE.match(line)
        if indent is None and key:
            indent = key["indent"]
        if key and key["indent"] == indent:
            if current is not None:
                blocks[current[0]] = range(current[1], number)
            current = (key["name"], number) if key["name"] in names else None
    if current is not None:
        blocks[current[0]] = range(current[1], len(lines))
    return blocks


def _default(match: re.Match[str], values: dict[str, str]) -> str:
    """`{{ .NAME | default OTHER }}`: NAME's value when given and not empty, else OTHER's (a name or a string)."""
    if values.get(match["name"]):
        return values[match["name"]]
    if match["other_text"] is not None:
        return str(match["other_text"])
    return values.get(match["other"], match[0])


def _rendered(line: str, values: dict[str, str]) -> str:
    for _ in range(_ROUNDS):
        replaced = line
        for pattern in _DEFAULT_RES:
            replaced = pattern.sub(lambda m: _default(m, values), replaced)
        replaced = _NAME_RE.sub(lambda m: values.get(m["name"], m[0]), replaced)
        if replaced == line or len(replaced) > max(_MAX_RENDERED, len(line)):
            break
        line = replaced
    return line


def task_variants(text: str, origin: str) -> list[tuple[str, frozenset[int]]]:
    """(text, lines changed, 1-based) for each task of the Taskfile `text` with a `{{.NAME}}` some values give: once
    per call of it in the file and once run alone (see the module's docstring); at most _MAX_VARIANTS."""
    if "{{" not in text:
        return []
    text = taskfile_commands(text)
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(text, origin)
    document = documents[0] if documents and isinstance(documents[0], dict) else {}
    tasks = document.get("tasks")
    if not isinstance(tasks, dict):
        return []
    global_values = _in_order(_literals(document.get("vars")), {})
    global_lists = list_values(document.get("vars"))
    calls = _calls(tasks)
    lines = text.splitlines()
    variants: list[tuple[str, frozenset[int]]] = []
    for name, block in _task_lines(text, {str(task) for task in tasks}).items():
        body = tasks.get(name)
        own = _literals(body.get("vars")) if isinstance(body, dict) else {}
        lists = {**global_lists, **list_values(body.get("vars") if isinstance(body, dict) else None)}
        for given in [{}, *calls.get(name, [])]:
            values = _in_order(own, {**global_values, **given})
            changed = {number: _rendered(lines[number], values) for number in block if "{{" in lines[number]}
            changed = {number: line for number, line in changed.items() if line != lines[number]}
            readings = [changed] if changed else []
            readings += loop_readings(lines, block, values, lists, functools.partial(_rendered, values=values))
            for reading in readings:
                if len(variants) < _MAX_VARIANTS:
                    rendered = [reading.get(number, line) for number, line in enumerate(lines)]
                    variants.append(("\n".join(rendered) + "\n", frozenset(number + 1 for number in reading)))
    return variants


def _in_order(own: dict[str, str], given: dict[str, str]) -> dict[str, str]:
    """`given` with the vars `own` declares, each rendered in order with the values before it (Task evaluates a
    task's vars in order, so a var's `{{ .NAME | default ... }}` over its own name sees the caller's value)."""
    values = dict(given)
    for name, value in own.items():
        values[name] = _rendered(value, values)
    return values
