"""Nomad job files: the image each task runs (pure).

A job (https://developer.hashicorp.com/nomad/docs/job-specification) is `job "NAME" { group "G" { task "T" {
driver = "docker" config { image = "redis:7" } } } }`; the task drivers that run containers (docker, podman,
containerd, and any other whose `config` has an `image`) pull that image when the task is placed. Read here: the
`image` of every `task` and Connect `sidecar_task` of the file's top-level `job` blocks (a `docker://` prefix, as
podman takes it, dropped). HCL2 values are evaluated with hcl_eval.py: `var.NAME` (and fields of object defaults)
from `variable` blocks of the file, over those of a variables file beside it (nomad_variables.py), `local.NAME`
from `locals` blocks. Runtime interpolation (`${NOMAD_META_x}`, `${attr.x}`, `${node.x}`, `${meta.x}`,
`${env["x"]}`), a variable without a default and an expression outside hcl_eval's subset (`format(...)`) leave the
image unresolved with the reason. A file with no top-level `job` (a variables file named `*.nomad`) pulls nothing;
one that does not parse is a ConfigError naming it.

`task_scripts` gives the scripts a task renders with a `template` block and runs: the template's `destination` is
the task's `config.command`, or the first argument of a shell it runs (`command = "bash"`, `args =
["local/seed.sh"]`; `${NOMAD_TASK_DIR}` is the task's `local/` directory,
https://developer.hashicorp.com/nomad/docs/job-specification/template). Their commands are read as a script's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import Expr, HclSyntax, Text, parse_hcl
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated, Scope, evaluated
from ecr_mirror.choose.discovery.nomad_packs import pack_images
from ecr_mirror.choose.discovery.nomad_variables import Variables, variables_of
from ecr_mirror.errors import ConfigError

KIND = "Nomad job file"
# a top-level job block: `job "web" {`, or in a template `job [[ template "job_name" . ]] {`
JOB_RE = re.compile(r'^job[ \t]+(?:"[^"\n]*"|\[\[[^\n]*?\]\])[ \t]*\{', re.MULTILINE)
# `[[ .image ]]`, `[[ var "x" . ]]`, `[[- if ... ]]`: a template (Levant, nomad-pack), read line by line
_ACTION_RE = re.compile(r"\[\[-?\s*(?:[.$]|var\b|if\b|range\b|with\b|template\b|end\b|printf\b)")
_TASKS = ("task", "sidecar_task")
_RUNTIME = frozenset({"attr", "node", "meta", "env"})
_SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh"})
Items = list[tuple[str, list[str], Any, int]]


class _Declared(dict[str, Any]):
    """`var` or `local` for hcl_eval: every name is looked up, and one without a value says why."""

    def __init__(self, prefix: str, variables: Variables) -> None:
        super().__init__()
        self.prefix = prefix
        self.variables = variables

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return self.variables.value(key, f"{self.prefix}.{key}")


def _is_block(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, tuple) for item in value)


def _scope(variables: Variables, local: Variables) -> Scope:
    names = {"var": _Declared("var", variables), "local": _Declared("local", local)}

    def lookup(name: str) -> Any:
        if name in names:
            return names[name]
        if name in _RUNTIME or name.startswith("NOMAD_"):
            raise NotEvaluated(f"{name} is a runtime value Nomad interpolates when it places the task")
        raise KeyError(name)

    return Scope(lookup)


def _locals(items: Items, variables: Variables, origin: str) -> Variables:
    """`locals { NAME = ... }` blocks, each value evaluated over the variables and the locals known so far (one
    pass per local at most: they may name each other in any order)."""
    written = {
        name: value
        for block, _, body, _ in items
        if block == "locals" and _is_block(body)
        for name, _, value, _ in body
    }
    values: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for _ in range(len(written)):
        missing, known = {}, len(values)
        for name, value in written.items():
            if name in values:
                continue
            try:
                values[name] = evaluated(value, _scope(variables, Variables(values, {}, origin)))
            except NotEvaluated as exc:
                missing[name] = f"is not known: {exc}"
        if not missing or len(values) == known:
            break
    return Variables(values, missing, origin)


def _image(task: Items, scope: Scope, origin: str, lines: list[str]) -> Found | None:
    config = next((body for name, _, body, _ in task if name == "config" and _is_block(body)), None)
    image = next(((value, line) for name, _, value, line in config or [] if name == "image"), None)
    if image is None or not isinstance(image[0], Text | Expr):
        return None
    value, line = image
    written = value.raw if isinstance(value, Text) else _source(value, lines)
    try:
        text = evaluated(value, scope)
    except NotEvaluated as exc:
        return Found(written, origin, line, f"{written}: {exc}", "image", KIND)
    if not isinstance(text, str) or not text.strip():
        return Found(written, origin, line, f"{written}: not a string naming an image", "image", KIND)
    return Found(text.removeprefix("docker://"), origin, line, None, "image", KIND)


def _source(value: Expr, lines: list[str]) -> str:
    """An expression as written on its line (`var.image`), when it is the whole value there."""
    line = lines[value.line - 1] if 0 < value.line <= len(lines) else ""
    written = line.partition("=")[2].strip()
    return written if written and "".join(written.split()) == "".join(value.text.split()) else value.text


def _tasks(body: Items, scope: Scope, origin: str, lines: list[str]) -> list[Found]:
    out: list[Found] = []
    for name, labels, value, _ in body:
        if not _is_block(value):
            continue
        task = value if name in _TASKS else None
        if name == "dynamic" and labels[:1] and labels[0] in _TASKS:  # `dynamic "task" { content { ... } }`
            task = next((inner for block, _, inner, _ in value if block == "content" and _is_block(inner)), [])
        if task is None:
            out += _tasks(value, scope, origin, lines)
        elif (found := _image(task, scope, origin, lines)) is not None:
            out.append(found)
    return out


def nomad_job_images(text: str, origin: str, beside: Variables | None = None) -> list[Found]:
    """The task images of a job file; `beside`: the variables a variables file next to it declares."""
    if not JOB_RE.search(text):
        return []
    if _ACTION_RE.search(text):
        why = "a job template: its values are given when it is rendered"
        return [replace(item, kind=KIND) for item in pack_images(text, origin, Variables.none(why), "")]
    try:
        items = parse_hcl(text, origin)
    except (HclSyntax, RecursionError) as exc:
        raise ConfigError(f"{origin}: not read as a Nomad job file: {exc}") from None
    variables = variables_of(items, origin).over(beside)
    scope = _scope(variables, _locals(items, variables, origin))
    return [
        found
        for name, _, body, _ in items
        if name == "job" and _is_block(body)
        for found in _tasks(body, scope, origin, text.splitlines())
    ]


def _path(value: object) -> str:
    text = value.raw if isinstance(value, Text) else ""
    return text.replace("${NOMAD_TASK_DIR}", "local").removeprefix("./")


def _run_script(task: Items) -> str:
    """The path of the script the task's `config` runs: its command, or a shell's first argument."""
    config: Items = next((body for name, _, body, _ in task if name == "config" and _is_block(body)), [])
    command = next((_path(value) for name, _, value, _ in config if name == "command"), "")
    if command.rsplit("/", 1)[-1] not in _SHELLS:
        return command
    given = next((value for name, _, value, _ in config if name == "args" and isinstance(value, list)), [])
    return next((path for path in map(_path, given) if not path.startswith("-")), "")


def _scripts(body: Items, lines: list[str]) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for name, _, value, _ in body:
        if not _is_block(value) or name not in _TASKS:
            out += _scripts(value, lines) if _is_block(value) else []
            continue
        if not (run := _run_script(value)):
            continue
        for block, _, template, _ in value:
            data = next((v for k, _, v, _ in template if k == "data"), None) if block == "template" else None
            destination = next((v for k, _, v, _ in template if k == "destination"), None) if data else None
            if isinstance(data, Text) and _path(destination) == run:
                heredoc = "<<" in lines[data.line - 1] if 0 < data.line <= len(lines) else False
                out.append((data.line if heredoc else data.line - 1, data.raw))
    return out


def task_scripts(text: str, origin: str) -> list[tuple[int, str]]:
    """(the line before its first, text) of each script a task of the job file renders and runs (see the module)."""
    if not JOB_RE.search(text) or "template" not in text or _ACTION_RE.search(text):
        return []
    try:
        items = parse_hcl(text, origin)
    except (HclSyntax, RecursionError):
        return []  # reported by nomad_job_images
    lines = text.splitlines()
    return [found for name, _, body, _ in items if name == "job" and _is_block(body) for found in _scripts(body, lines)]
