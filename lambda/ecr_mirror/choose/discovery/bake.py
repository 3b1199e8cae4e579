"""docker-bake.hcl and docker-bake.json: what `docker buildx bake` pulls and builds (pure).

Base images are in the Dockerfiles the targets build; a bake file adds (https://docs.docker.com/build/bake/):

- `contexts = { alpine = "docker-image://alpine:3.20" }`: a named build context that is an image, pulled in place
  of what the Dockerfile's `FROM alpine` names; a context that is a directory or another target
  (`"target:base"`) is not an image, and the Dockerfile's `FROM base` is not one either;
- the Dockerfile of each target (`context`, `dockerfile` relative to it, or `dockerfile-inline`), built with the
  target's `args`: the caller reads it again with them (as compose builds are);
- `tags`: what is built, not pulled (images built in the tree).

Values: strings with `${NAME}` from `variable "NAME" { default = ... }` (or a top-level `NAME = ...`), `inherits`
followed (the maps `args`, `contexts`, `labels` merged, other attributes replaced), files of one project merged in
order (docker-bake.json, docker-bake.hcl, then the override files: a later default wins). A target that others
inherit and no group names (`_common`) is not built on its own. The HCL reader is a small subset (blocks,
attributes, strings, heredocs, numbers, lists, objects); any other expression (a function call, `for`, a
conditional) is kept as text: unresolved in `contexts`, left out of `args`, a warning naming the file and line in
`tags`. Text it cannot read at all is a ConfigError naming the file.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.bake_matrix import matrix_combinations, reference
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import Expr, HclSyntax, Text, parse_hcl, string_end
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.yaml_sources import ComposeBuild
from ecr_mirror.errors import ConfigError

KIND = "bake file"
MAX_DEPTH = 16  # variables defined from variables, inherits of inherits
_MERGED_MAPS = ("args", "contexts", "labels")
_INTERPOLATION_RE = re.compile(r"\$\$\{|%\{|\$\{")
_VARIABLE_RE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_0-9][\w-]*)*")


class _Unknown(Exception):
    pass


@dataclass
class _File:
    origin: str
    variables: dict[str, Any] = field(default_factory=dict)  # name -> default (None: none)
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    grouped: set[str] = field(default_factory=set)  # targets some group names


def _merge(into: dict[str, Any], attributes: dict[str, Any]) -> None:
    for name, value in attributes.items():
        if name in _MERGED_MAPS and isinstance(value, dict) and isinstance(into.get(name), dict):
            into[name] = {**into[name], **value}
        else:
            into[name] = value


def _from_hcl(origin: str, text: str) -> _File:
    file = _File(origin)
    for name, labels, value, _ in parse_hcl(text, origin):
        if not labels and not isinstance(value, list):
            file.variables[name] = value  # a top-level attribute is a variable too
            continue
        if name == "variable" and labels:
            default = [item for item in value if item[0] == "default" and not item[1]]
            file.variables[labels[0]] = default[0][2] if default else None
        elif name == "target" and labels:
            _merge(file.targets.setdefault(labels[0], {}), {item[0]: item[2] for item in value if not item[1]})
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


def _from_json(origin: str, text: str) -> _File:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    file = _File(origin)
    for name, spec in (data.get("variable") or {}).items():
        file.variables[name] = _json_value(spec.get("default"), text, origin) if isinstance(spec, dict) else None
    for name, spec in (data.get("target") or {}).items():
        if not isinstance(spec, dict):
            raise ValueError(f"target {name!r} is not an object")
        _merge(file.targets.setdefault(name, {}), _json_value(spec, text, origin))
    for spec in (data.get("group") or {}).values():
        file.grouped |= {str(t) for t in spec.get("targets") or []} if isinstance(spec, dict) else set()
    return file


def read_bake(origin: str, text: str) -> _File:
    """One bake file; ConfigError naming it when this reader cannot read it."""
    try:
        return _from_json(origin, text) if origin.lower().endswith(".json") else _from_hcl(origin, text)
    except HclSyntax as exc:
        raise ConfigError(f"{origin}: not read as a bake file: {exc}") from None
    except (ValueError, AttributeError, TypeError, RecursionError) as exc:
        raise ConfigError(f"{origin}: not read as a bake file: {exc}") from None


@dataclass
class BakeProject:
    found: list[Found] = field(default_factory=list)  # images named build contexts pull
    builds: list[ComposeBuild] = field(default_factory=list)  # the Dockerfiles targets build, with their args
    tags: list[LocalBuild] = field(default_factory=list)  # images the targets build
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Project:
    variables: dict[str, Any]
    targets: dict[str, dict[str, Any]]

    def value(self, item: Text, depth: int = 0) -> str:
        if depth > MAX_DEPTH:
            raise _Unknown("variables defined from each other too deeply")
        out: list[str] = []
        position = 0
        for match in _INTERPOLATION_RE.finditer(item.raw):
            if match.start() < position:
                continue
            out.append(item.raw[position : match.start()])
            if match.group() == "$${":
                out.append("${")
                position = match.end()
                continue
            end = _closing(item.raw, match.end())
            inner = item.raw[match.end() : end].strip()
            if match.group() == "%{" or not _VARIABLE_RE.fullmatch(inner):
                raise _Unknown(f"${{{inner}}} is an expression this reader does not evaluate")
            out.append(self.variable(inner, depth))
            position = end + 1
        out.append(item.raw[position:])
        return "".join(out)

    def variable(self, name: str, depth: int) -> str:
        first, *fields = name.split(".")
        if first not in self.variables:
            raise _Unknown(f"${{{name}}} is not a variable of the bake files here")
        default = self.variables[first]
        for key in fields:  # `${item.tgt}`: a field of a matrix value
            default = default.get(key) if isinstance(default, dict) else Expr(name, 0)
        if default is None:
            raise _Unknown(f"${{{name}}} has no default (bake takes it from the environment)")
        if not isinstance(default, Text):
            raise _Unknown(f"the default of ${{{name}}} is an expression this reader does not evaluate")
        return self.value(default, depth + 1)

    def scoped(self, values: dict[str, Any]) -> _Project:
        """This project with a matrix combination's values as variables."""
        return _Project({**self.variables, **values}, self.targets) if values else self

    def text(self, item: object) -> str:
        """A string, or a bare variable (`PG_MAJOR = pg`, `item.base`); _Unknown for anything else."""
        if isinstance(item, Text):
            return self.value(item)
        if isinstance(item, Expr) and _VARIABLE_RE.fullmatch(name := reference(item)):
            return self.variable(name, 0)
        raise _Unknown("an expression this reader does not evaluate")

    def target(self, name: str, depth: int = 0) -> dict[str, Any]:
        spec = self.targets.get(name, {})
        if depth > MAX_DEPTH:
            return dict(spec)
        merged: dict[str, Any] = {}
        parents = spec.get("inherits")
        for parent in parents if isinstance(parents, list) else []:
            if isinstance(parent, Text) and parent.raw in self.targets:
                _merge(merged, self.target(parent.raw, depth + 1))
        _merge(merged, spec)
        return merged


def _closing(text: str, start: int) -> int:
    depth = 1
    position = start
    while position < len(text):
        if text[position] == '"':
            try:
                position = string_end(text, position + 1)
            except ValueError:
                break
        elif text[position] == "{":
            depth += 1
        elif text[position] == "}":
            depth -= 1
            if depth == 0:
                return position
        position += 1
    raise _Unknown("a `${` without its closing `}`")


def _texts(project: _Project, value: object) -> dict[str, str]:
    """A map of strings, those this reader cannot know left out."""
    out: dict[str, str] = {}
    for key, item in value.items() if isinstance(value, dict) else ():
        try:
            out[key] = project.text(item)
        except _Unknown:
            continue
    return out


def _context_images(project: _Project, spec: dict[str, Any]) -> list[Found]:
    found: list[Found] = []
    contexts = spec.get("contexts")
    for item in contexts.values() if isinstance(contexts, dict) else ():
        if isinstance(item, Expr):
            why = f"`{item.text}` is an expression this reader does not evaluate"
            found.append(Found(item.text, item.origin, item.line or None, why, "contexts", KIND))
            continue
        if not isinstance(item, Text):
            continue
        try:
            text = project.value(item)
        except _Unknown as exc:
            raw = item.raw.removeprefix("docker-image://")
            found.append(Found(raw, item.origin, item.line or None, str(exc), "contexts", KIND))
            continue
        if text.startswith("docker-image://"):
            image = text.removeprefix("docker-image://")
            found.append(Found(image, item.origin, item.line or None, use="contexts", kind=KIND))
    return found


def _build(project: _Project, spec: dict[str, Any]) -> ComposeBuild | None:
    try:
        context = project.value(spec["context"]) if isinstance(spec.get("context"), Text) else "."
        dockerfile = project.value(spec["dockerfile"]) if isinstance(spec.get("dockerfile"), Text) else "Dockerfile"
    except _Unknown:
        return None
    if "://" in context or context.startswith(("git@", "target:")):
        return None
    inline = spec.get("dockerfile-inline")
    contexts = spec.get("contexts")
    return ComposeBuild(
        posixpath.normpath(posixpath.join(context, dockerfile)),
        inline.raw if isinstance(inline, Text) else None,
        _texts(project, spec.get("args")),
        None,
        named_contexts=frozenset(contexts) if isinstance(contexts, dict) else frozenset(),
    )


def _tags(project: _Project, name: str, spec: dict[str, Any], out: BakeProject) -> None:
    tags = spec.get("tags")
    if isinstance(tags, Expr):
        line = f":{tags.line}" if tags.line else ""
        out.warnings.append(
            f"{tags.origin}{line}: `tags` of target {name} is an expression this reader does not evaluate; not read"
        )
        return
    for tag in tags if isinstance(tags, list) else ():
        try:
            value = project.value(tag) if isinstance(tag, Text) else None
        except _Unknown:
            continue
        if value:
            out.tags.append(LocalBuild(value, tag.origin, tag.line, "bake tags"))


def bake_project(files: list[tuple[str, str]]) -> BakeProject:
    """The files of one bake project (origin, text), in the order bake reads them; ConfigError for one it cannot
    read."""
    read = [read_bake(origin, text) for origin, text in files]
    variables: dict[str, Any] = {}
    targets: dict[str, dict[str, Any]] = {}
    grouped: set[str] = set()
    for file in read:
        variables.update(file.variables)
        for name, spec in file.targets.items():
            _merge(targets.setdefault(name, {}), spec)
        grouped |= file.grouped
    project = _Project(variables, targets)
    inherited = {
        parent.raw
        for spec in targets.values()
        if isinstance(spec.get("inherits"), list)
        for parent in spec["inherits"]
        if isinstance(parent, Text)
    }
    out = BakeProject()
    seen: set[tuple[str, str, int | None]] = set()
    for name in targets:
        if name in inherited and name not in grouped:
            continue  # a base other targets inherit (`_common`), not built on its own
        spec = project.target(name)
        combos, unknown = matrix_combinations(spec.get("matrix"), variables) if "matrix" in spec else ([{}], None)
        if unknown is not None:
            out.warnings.append(
                f"{unknown.origin}:{unknown.line}: the `matrix` of target {name} is an expression this reader does "
                f"not evaluate (`{unknown.text}`): its Dockerfile is read once, without the matrix's values"
            )
        for combo in combos:
            _one_target(project.scoped(combo), name, spec, out, seen)
    out.warnings = list(dict.fromkeys(out.warnings))
    return out


def _one_target(project: _Project, name: str, spec: dict[str, Any], out: BakeProject, seen: set[Any]) -> None:
    for item in _context_images(project, spec):
        if (key := (item.text, item.origin, item.line)) not in seen:
            seen.add(key)
            out.found.append(item)
    if (build := _build(project, spec)) is not None and build not in out.builds:
        out.builds.append(build)
    _tags(project, name, spec, out)
