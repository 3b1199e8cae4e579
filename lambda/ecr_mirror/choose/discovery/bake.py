"""docker-bake.hcl and docker-bake.json: what `docker buildx bake` pulls and builds (pure).

Base images are in the Dockerfiles the targets build; a bake file adds (https://docs.docker.com/build/bake/):

- `contexts = { alpine = "docker-image://alpine:3.20" }`: a named build context that is an image, pulled in place
  of what the Dockerfile's `FROM alpine` names; a context that is a directory or another target
  (`"target:base"`) is not an image, and the Dockerfile's `FROM base` is not one either, nor in the other
  Dockerfiles a variable of the target's `dockerfile` may name (`Dockerfile.${ARCH}`, with ARCH from the environment);
- the Dockerfile of each target (`context`, `dockerfile` relative to it, or `dockerfile-inline`), built with the
  target's `args`: the caller reads it again with them (as compose builds are);
- `tags`: what is built, not pulled (images built in the tree).

Values: strings with `${NAME}` from `variable "NAME" { default = ... }` (or a top-level `NAME = ...`), and with a
map or list indexed (`${distros[distro].baseImage}`, by the matrix value), `inherits`
followed (the maps `args`, `contexts`, `labels` merged, other attributes replaced), files of one project merged in
order (docker-bake.json, docker-bake.hcl, then the override files: a later default wins; reading one file is
bake_files.py). A target that others inherit and no group names (`_common`) is not built on its own. A target's
`matrix` makes one target per combination (bake_matrix.py). The HCL reader is a small subset (blocks, attributes,
strings, heredocs, numbers, lists, objects); an `args` value or matrix list that is an expression is evaluated when it
is a variable, a conditional or a function of the bake files (hcl_eval.py); any other (`for`, `regex_replace`) is
kept as text: unresolved in `contexts`, left out of `args`, a warning naming the file and line in `tags` or
`matrix`. Text it cannot read at all is a ConfigError naming the file.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.bake_files import merge, read_bake
from ecr_mirror.choose.discovery.bake_matrix import matrix_combinations, reference
from ecr_mirror.choose.discovery.compose_build_specs import ComposeBuild
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.hcl import Expr, Text, string_end
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated, Scope, evaluate
from ecr_mirror.choose.discovery.hcl_eval import evaluated as evaluated_value
from ecr_mirror.choose.discovery.local_builds import LocalBuild

KIND = "bake file"
MAX_DEPTH = 16  # variables defined from variables, inherits of inherits
_INTERPOLATION_RE = re.compile(r"\$\$\{|%\{|\$\{")
_VARIABLE_RE = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_0-9][\w-]*)*")
# a map or list indexed, by a matrix value most often: `${distros[distro].baseImage}`, evaluated by hcl_eval
_INDEXED_RE = re.compile(
    r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*(?:\s*\[\s*(?:[A-Za-z_][\w.-]*|\"[^\"\\$]*\"|\d+)\s*\](?:\.[A-Za-z_][\w-]*)*)+"
)


class _Unknown(Exception):
    pass


@dataclass
class BakeProject:
    found: list[Found] = field(default_factory=list)  # images named build contexts pull
    builds: list[ComposeBuild] = field(default_factory=list)  # the Dockerfiles targets build, with their args
    tags: list[LocalBuild] = field(default_factory=list)  # images the targets build
    # (a glob of the Dockerfiles a target names with a variable, `Dockerfile.${ARCH}`, its named contexts)
    variants: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Project:
    variables: dict[str, Any]
    targets: dict[str, dict[str, Any]]
    functions: dict[str, tuple[list[str], str]] = field(default_factory=dict)

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
            # any expression of the subset, a call of the bake files' functions too (`"${toolsversion(v)}"`,
            # https://docs.docker.com/build/bake/funcs/#user-defined-functions); a `%{ }` directive is not evaluated
            if match.group() == "%{":
                raise _Unknown(f"${{{inner}}} is an expression this reader does not evaluate")
            out.append(self.variable(inner, depth) if _VARIABLE_RE.fullmatch(inner) else self.interpolated(inner, item))
            position = end + 1
        out.append(item.raw[position:])
        return "".join(out)

    def interpolated(self, inner: str, item: Text) -> str:
        """A `${...}` other than a variable (`${distros[distro].baseImage}`), when hcl_eval gives it a string."""
        try:
            value = self.evaluated(Expr(inner, item.line, item.origin))
        except _Unknown:
            value = None
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, str | int | float):
            return str(value)
        raise _Unknown(f"${{{inner}}} is an expression this reader does not evaluate")

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
        return _Project({**self.variables, **values}, self.targets, self.functions) if values else self

    def scope(self, depth: int = 0) -> Scope:
        """The project's variables and functions, for hcl_eval."""

        def lookup(name: str) -> Any:
            if depth > MAX_DEPTH:
                raise NotEvaluated("variables defined from each other too deeply")
            return evaluated_value(self.variables[name], self.scope(depth + 1))

        return Scope(lookup, self.functions)

    def evaluated(self, item: Expr) -> Any:
        """The value of an expression (a conditional, a function of the bake files); _Unknown outside the subset."""
        try:
            return evaluate(item.text, self.scope())
        except NotEvaluated as exc:
            raise _Unknown(str(exc)) from None

    def text(self, item: object) -> str:
        """A string, or a bare variable (`PG_MAJOR = pg`, `item.base`); _Unknown for anything else."""
        if isinstance(item, Text):
            return self.value(item)
        if isinstance(item, Expr) and _VARIABLE_RE.fullmatch(name := reference(item)):
            return self.variable(name, 0)
        if isinstance(item, Expr) and isinstance(value := self.evaluated(item), str | bool):
            return value if isinstance(value, str) else str(value).lower()
        raise _Unknown("an expression this reader does not evaluate")

    def listed(self, item: Expr) -> list[Any] | None:
        """A matrix entry's list, when it is one (a variable's default, a function's result), as bake values."""
        try:
            value = self.evaluated(item)
        except _Unknown:
            return None
        return [_as_bake(entry, item) for entry in value] if isinstance(value, list) else None

    def target(self, name: str, depth: int = 0) -> dict[str, Any]:
        spec = self.targets.get(name, {})
        if depth > MAX_DEPTH:
            return dict(spec)
        merged: dict[str, Any] = {}
        parents = spec.get("inherits")
        for parent in parents if isinstance(parents, list) else []:
            if isinstance(parent, Text) and parent.raw in self.targets:
                merge(merged, self.target(parent.raw, depth + 1))
        merge(merged, spec)
        return merged


def _as_bake(value: Any, where: Expr) -> Any:
    """An hcl_eval value back as what the HCL reader gives (Text, lists, dicts)."""
    if isinstance(value, dict):
        return {key: _as_bake(item, where) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_bake(item, where) for item in value]
    text = value if isinstance(value, str) else str(value).lower()
    return Text(text.replace("${", "$${"), where.line, where.origin)


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
            if not item.raw.startswith(("docker-image://", "${")):
                continue  # `target:base-${arch}`, `./assets-${arch}`: a target or a directory, whatever the value
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


def _variant(project: _Project, spec: dict[str, Any]) -> tuple[str, frozenset[str]] | None:
    """A target whose `dockerfile` holds a variable (`Dockerfile.${ARCH}`, which the environment may set): a glob of
    the Dockerfiles it may build, with its named contexts, which those Dockerfiles' `FROM NAME` take."""
    written, contexts = spec.get("dockerfile"), spec.get("contexts")
    if not isinstance(written, Text) or "${" not in written.raw or not isinstance(contexts, dict) or not contexts:
        return None
    try:
        context = project.value(spec["context"]) if isinstance(spec.get("context"), Text) else "."
    except _Unknown:
        return None
    pattern = re.sub(r"\$\{[^}]*\}", "*", written.raw)
    return posixpath.normpath(posixpath.join(context, pattern)), frozenset(contexts)


def _tags(project: _Project, name: str, spec: dict[str, Any], out: BakeProject) -> None:
    tags = spec.get("tags")
    if isinstance(tags, Expr) and (listed := project.listed(tags)) is not None:
        tags = listed  # a function of the bake files making the list (`tags = tag("admin")`)
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
    functions: dict[str, tuple[list[str], str]] = {}
    for file in read:
        variables.update(file.variables)
        functions.update(file.functions)
        for name, spec in file.targets.items():
            merge(targets.setdefault(name, {}), spec)
        grouped |= file.grouped
    project = _Project(variables, targets, functions)
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
        combos, unknown = matrix_combinations(spec["matrix"], project.listed) if "matrix" in spec else ([{}], None)
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
    if (variant := _variant(project, spec)) is not None and variant not in out.variants:
        out.variants.append(variant)
    _tags(project, name, spec, out)
