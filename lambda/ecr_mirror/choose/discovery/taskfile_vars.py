"""A Taskfile's tasks with the values Task gives their `{{.NAME}}` templates (pure).

Task (https://taskfile.dev/docs/guide#variables) renders a task's commands with its variables: the task's own
`vars:`, those a calling task passes (`cmds: [{task: test:pkg, vars: {Image: centos:centos7}}]`, also from `deps:`,
https://taskfile.dev/docs/guide#calling-another-task), then the file's global `vars:`, in that order of precedence.
goreleaser's Taskfile runs `docker pull --platform linux/{{.Platform}} {{.Image}}` in one task that others call once
per distribution image. Read here: for each task of the file, one text per call of it by a task of the same file (and
one for the task run alone), where the task's lines have each `{{.NAME}}` (`{{ .NAME }}`) the values give replaced,
lines kept in place so that the text reads as the file does. A value is a literal string or number; a dynamic one
(`sh:`), a map, or a name no value gives stays a template, known only when task runs. A value holding templates is
rendered with the same values, a few rounds deep.
"""

from __future__ import annotations

import contextlib
import re

from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_NAME_RE = re.compile(r"\{\{-?\s*\.(?P<name>[A-Za-z_]\w*)\s*-?\}\}")
_TASKS_RE = re.compile(r"^tasks:[ \t]*(?:#.*)?$", re.M)
_KEY_RE = re.compile(r"^(?P<indent>[ \t]+)(?P<quote>['\"]?)(?P<name>[^\s'\"#][^'\"#]*?)(?P=quote):[ \t]*(?:#.*)?$")
_ROUNDS = 4
_MAX_VARIANTS = 64


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


def _rendered(line: str, values: dict[str, str]) -> str:
    for _ in range(_ROUNDS):
        replaced = _NAME_RE.sub(lambda m: values.get(m["name"], m[0]), line)
        if replaced == line:
            break
        line = replaced
    return line


def task_variants(text: str, origin: str) -> list[tuple[str, frozenset[int]]]:
    """(text, lines changed, 1-based) for each task of the Taskfile `text` with a `{{.NAME}}` some values give: once
    per call of it in the file and once run alone (see the module's docstring); at most _MAX_VARIANTS."""
    if "{{" not in text:
        return []
    documents: list[object] = []
    with contextlib.suppress(ConfigError):
        documents = load_documents(text, origin)
    document = documents[0] if documents and isinstance(documents[0], dict) else {}
    tasks = document.get("tasks")
    if not isinstance(tasks, dict):
        return []
    global_values = _literals(document.get("vars"))
    calls = _calls(tasks)
    lines = text.splitlines()
    variants: list[tuple[str, frozenset[int]]] = []
    for name, block in _task_lines(text, {str(task) for task in tasks}).items():
        body = tasks.get(name)
        own = _literals(body.get("vars")) if isinstance(body, dict) else {}
        for given in [{}, *calls.get(name, [])]:
            values = {**global_values, **given, **own}
            changed = {number: _rendered(lines[number], values) for number in block if "{{" in lines[number]}
            changed = {number: line for number, line in changed.items() if line != lines[number]}
            if changed and len(variants) < _MAX_VARIANTS:
                rendered = [changed.get(number, line) for number, line in enumerate(lines)]
                variants.append(("\n".join(rendered) + "\n", frozenset(number + 1 for number in changed)))
    return variants
