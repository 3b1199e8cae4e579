"""Reading docker-bake.hcl and docker-bake.json files into their variables, targets, groups and functions (pure).

One file at a time (bake.py merges the files of a project): `variable "NAME" { default = ... }` (and a top-level
`NAME = ...`), `target "NAME" { ... }` attributes (a later block of the same name merged in: the maps `args`,
`contexts`, `labels` key by key, other attributes replaced), the targets each `group` names, and `function "NAME" {
params = [...] result = ... }` (evaluated by hcl_eval.py). A file this reader cannot read is a ConfigError naming it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, HclSyntax, Text, parse_hcl
from ecr_mirror.errors import ConfigError

MERGED_MAPS = ("args", "contexts", "labels")
# A bake file of another name (`docker buildx bake -f tests/build.hcl`) is known by a top-level target block, its label
# quoted or a bare identifier (`target deps {`, which HCL allows and bake reads)
TARGET_RE = re.compile(r'^target[ \t]+(?:"[^"\n]*"|[A-Za-z_][\w-]*)[ \t]*\{', re.MULTILINE)


@dataclass
class BakeFile:
    origin: str
    variables: dict[str, Any] = field(default_factory=dict)  # name -> default (None: none)
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    grouped: set[str] = field(default_factory=set)  # targets some group names
    functions: dict[str, tuple[list[str], str]] = field(default_factory=dict)  # name -> (params, result)


def merge(into: dict[str, Any], attributes: dict[str, Any]) -> None:
    for name, value in attributes.items():
        if name in MERGED_MAPS and isinstance(value, dict) and isinstance(into.get(name), dict):
            into[name] = {**into[name], **value}
        else:
            into[name] = value


def _source(value: object) -> str | None:
    """A function's `result` as expression text for hcl_eval: a string, an expression, or a list of them (`result =
    ["${ORG}/${name}:${VERSION}", "${ORG}/${name}:latest"]`); None for anything else (an object)."""
    if isinstance(value, Expr):
        return value.text
    if isinstance(value, Text):
        return json.dumps(value.raw)
    if isinstance(value, list):
        items = [_source(item) for item in value]
        return None if None in items else "[" + ", ".join(item for item in items if item is not None) + "]"
    return None


def _from_hcl(origin: str, text: str) -> BakeFile:
    file = BakeFile(origin)
    for name, labels, value, _ in parse_hcl(text, origin):
        if not labels and not isinstance(value, list):
            file.variables[name] = value  # a top-level attribute is a variable too
            continue
        if name == "variable" and labels:
            default = [item for item in value if item[0] == "default" and not item[1]]
            file.variables[labels[0]] = default[0][2] if default else None
        elif name == "target" and labels:
            merge(file.targets.setdefault(labels[0], {}), {item[0]: item[2] for item in value if not item[1]})
        elif name == "function" and labels:
            body = {item[0]: item[2] for item in value if not item[1]}
            params, result = body.get("params"), body.get("result")
            if isinstance(params, list) and (source := _source(result)) is not None:
                names = [param.raw if isinstance(param, Text) else param.text for param in params if param]
                file.functions[labels[0]] = (names, source)
        elif name == "group":
            for item in value:
                if item[0] == "targets" and isinstance(item[2], list):
                    file.grouped |= {entry.raw for entry in item[2] if isinstance(entry, Text)}
    return file


def _json_value(value: object, text: str, origin: str) -> Any:
    if isinstance(value, str):
        position = text.find(json.dumps(value))
        return Text(value, text.count("\n", 0, position) + 1 if position >= 0 else 0, origin)
    if isinstance(value, bool | int | float):
        return Text(json.dumps(value), 0, origin)
    if isinstance(value, list):
        return [_json_value(item, text, origin) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item, text, origin) for key, item in value.items()}
    return None


def _from_json(origin: str, text: str) -> BakeFile:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    file = BakeFile(origin)
    for name, spec in (data.get("variable") or {}).items():
        file.variables[name] = _json_value(spec.get("default"), text, origin) if isinstance(spec, dict) else None
    for name, spec in (data.get("target") or {}).items():
        if not isinstance(spec, dict):
            raise ValueError(f"target {name!r} is not an object")
        merge(file.targets.setdefault(name, {}), _json_value(spec, text, origin))
    for spec in (data.get("group") or {}).values():
        file.grouped |= {str(t) for t in spec.get("targets") or []} if isinstance(spec, dict) else set()
    return file


def read_bake(origin: str, text: str) -> BakeFile:
    """One bake file; ConfigError naming it when this reader cannot read it."""
    try:
        return _from_json(origin, text) if origin.lower().endswith(".json") else _from_hcl(origin, text)
    except HclSyntax as exc:
        raise ConfigError(f"{origin}: not read as a bake file: {exc}") from None
    except (ValueError, AttributeError, TypeError, RecursionError) as exc:
        raise ConfigError(f"{origin}: not read as a bake file: {exc}") from None
