"""An Azure Pipelines file with its variables in place of their macros (pure).

The agent replaces each `$(NAME)` of a step with the variable's value before the step runs
(https://learn.microsoft.com/en-us/azure/devops/pipelines/process/variables#macro-syntax-variables), so
`for image in $(KSM_IMAGE) $(NODE_EXPORTER_IMAGE); do trivy image $image; done` scans the images the pipeline's
`variables:` name. Read: every `variables` of the pipeline, its stages and its jobs, a mapping (`KSM_IMAGE:
'mcr.microsoft.com/...'`) or a list of `name`/`value` items (a `group:` or `template:` item gives values this file
does not hold). A value that is itself a macro or an expression (`$(ACR)/app:$(TAG)`, `${{ parameters.tag }}`,
`$[ dependencies... ]`) is known when the run comes, and so is a name given two values, or a newline, and one a step
sets (`##vso[task.setvariable variable=NAME]`): its macros become the step's environment variable (`${NAME}`), which
the agent also sets, read as any variable of the script (a loop's word; unresolved, naming it). Each `$(NAME)` of
the text becomes the value in place, so every use keeps its line; another `$(...)` is the shell's.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

_MACRO_RE = re.compile(r"\$\(([A-Za-z_][\w.-]*)\)")
_SET_RE = re.compile(r"##vso\[task\.setvariable[^\]]*?\bvariable=([A-Za-z_][\w.-]*)")


def _scopes(node: object) -> list[object]:
    """The `variables` of the pipeline, its stages and its jobs: every `variables` key of the documents."""
    out: list[object] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            out += [current["variables"]] if "variables" in current else []
            stack += [value for key, value in current.items() if key != "variables"]
        elif isinstance(current, list):
            stack += current
    return out


def _variables(raw: object) -> dict[str, set[str]]:
    pairs: list[tuple[object, object]] = []
    if isinstance(raw, dict):
        pairs = list(raw.items())
    elif isinstance(raw, list):
        pairs = [(item.get("name"), item.get("value")) for item in raw if isinstance(item, dict) and "name" in item]
    values: dict[str, set[str]] = {}
    for name, value in pairs:
        if isinstance(name, str) and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values.setdefault(name, set()).add(str(value))
    return values


def with_macros(text: str, origin: str) -> str:
    """`text` (an Azure Pipelines file) with the macros of its top-level literal variables replaced."""
    if "$(" not in text or "variables" not in text:
        return text
    try:
        documents = load_documents(text, origin)
    except ConfigError:
        return text
    declared: dict[str, set[str]] = {}
    for scope in _scopes(documents):
        for name, values in _variables(scope).items():
            declared.setdefault(name, set()).update(values)
    for name in _SET_RE.findall(text):  # `echo "##vso[task.setvariable variable=NAME]..."`: set when a step runs
        declared.setdefault(name, set()).update(("$(", "$("))
    known: dict[str, str] = {}
    for name, values in declared.items():
        value = next(iter(values))
        literal = len(values) == 1 and not any(mark in value for mark in ("$(", "${{", "$[", "\n"))
        known[name] = value if literal else "${" + name + "}"  # known when it runs: the step's variable
    if not known:
        return text
    return _MACRO_RE.sub(lambda match: known.get(match.group(1), match.group(0)), text)
