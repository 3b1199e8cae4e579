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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.yaml_sources import ComposeBuild
from ecr_mirror.errors import ConfigError

KIND = "bake file"
MAX_DEPTH = 16  # variables defined from variables, inherits of inherits
_MERGED_MAPS = ("args", "contexts", "labels")
_TOKEN_RE = re.compile(
    r"""(?P<newline>\n)|(?P<space>[ \t\r]+)|(?P<comment>\#[^\n]*|//[^\n]*|/\*.*?\*/)"""
    r"""|(?P<heredoc><<-?(?P<marker>[A-Za-z_]\w*)[ \t]*\n)|(?P<number>-?\d+(?:\.\d+)?)|(?P<ident>[A-Za-z_][\w-]*)"""
    r"""|(?P<quote>")|(?P<punct>[{}\[\]()=,:.?!<>+*/%&|-])""",
    re.DOTALL,
)
_INTERPOLATION_RE = re.compile(r"\$\$\{|%\{|\$\{")
_VARIABLE_RE = re.compile(r"[A-Za-z_][\w-]*")


@dataclass(frozen=True, slots=True)
class _Text:
    """A string (a template: `${...}` not yet substituted), or a number or boolean as text."""

    raw: str
    line: int
    origin: str = ""


@dataclass(frozen=True, slots=True)
class _Expr:
    """An expression this reader does not evaluate, as written."""

    text: str
    line: int
    origin: str = ""


class _Unknown(Exception):
    pass


class _Syntax(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")


@dataclass(frozen=True, slots=True)
class _Token:
    type: str
    value: str
    line: int


def _string_end(text: str, start: int) -> int:
    """The offset of the closing quote of a string whose body starts at `start` (templates may nest strings)."""
    position, depth = start, 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if text.startswith("${", position) or text.startswith("%{", position):
            depth += 1
            position += 2
            continue
        if depth and char == "}":
            depth -= 1
        elif depth and char == '"':
            position = _string_end(text, position + 1)
        elif not depth and char == '"':
            return position
        elif char == "\n":
            break
        position += 1
    raise ValueError("a string without its closing quote")


def _unescape(body: str) -> str:
    return re.sub(r'\\([\\"nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _tokens(text: str) -> Iterator[_Token]:
    position, line = 0, 1
    while position < len(text):
        match = _TOKEN_RE.match(text, position)
        if match is None:
            raise _Syntax(line, f"unexpected {text[position]!r}")
        kind = match.lastgroup or ""
        if kind == "quote":
            try:
                end = _string_end(text, match.end())
            except ValueError as exc:
                raise _Syntax(line, str(exc)) from None
            yield _Token("string", _unescape(text[match.end() : end]), line)
            position = end + 1
            continue
        if kind == "heredoc":
            marker = match.group("marker")
            closing = re.compile(rf"^[ \t]*{re.escape(marker)}[ \t]*$", re.MULTILINE)
            found = closing.search(text, match.end())
            if found is None:
                raise _Syntax(line, f"heredoc <<{marker} without its closing line")
            body = text[match.end() : found.start()]
            yield _Token("string", body, line)
            line += text.count("\n", match.start(), found.end())
            position = found.end()
            continue
        if kind in ("newline", "punct", "number", "ident"):
            yield _Token(kind, match.group(), line)
        line += match.group().count("\n")
        position = match.end()
    yield _Token("eof", "", line)


class _Parser:
    """body := (NAME "=" expr | NAME label* "{" body "}")*; values as _Text, _Expr, lists and dicts."""

    def __init__(self, text: str, origin: str) -> None:
        self.tokens = list(_tokens(text))
        self.index = 0
        self.origin = origin

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1 if token.type != "eof" else 0
        return token

    def skip_newlines(self) -> None:
        while self.peek().type == "newline":
            self.take()

    def body(self, opened: int | None) -> list[tuple[str, list[str], Any, int]]:
        """(name, labels, value or block body, line) items; a block's value is its body. `opened`: the line of the
        block's `{` (None at the top)."""
        closing = opened is not None
        items: list[tuple[str, list[str], Any, int]] = []
        while True:
            self.skip_newlines()
            token = self.peek()
            if token.type == "eof" or (token.value == "}" and token.type == "punct"):
                if opened is not None and token.type == "eof":
                    raise _Syntax(opened, "a block without its closing '}'")
                if opened is None and token.type != "eof":
                    raise _Syntax(token.line, "an extra '}'")
                if closing:
                    self.take()
                return items
            name = self.take()
            if name.type != "ident":
                raise _Syntax(name.line, f"expected a name, found {name.value or name.type!r}")
            if self.peek().value == "=":
                self.take()
                items.append((name.value, [], self.expression(), name.line))
                continue
            labels: list[str] = []
            while self.peek().type in ("string", "ident"):
                labels.append(self.take().value)
            if self.take().value != "{":
                raise _Syntax(name.line, f"expected '=' or a block after {name.value!r}")
            items.append((name.value, labels, self.body(opened=name.line), name.line))

    def expression(self) -> Any:
        self.skip_newlines()
        start = self.index
        token = self.take()
        value: Any
        if token.type in ("string", "number") or (token.type == "ident" and token.value in ("true", "false")):
            value = _Text(token.value, token.line, self.origin)
        elif token.type == "ident" and token.value == "null":
            value = None
        elif token.value == "[":
            value = self.sequence(start)
        elif token.value == "{":
            value = self.mapping(start)
        else:
            return self.rest(start)
        if self.peek().type in ("newline", "eof") or self.peek().value in (",", "]", "}", ")"):
            return value
        return self.rest(start)  # `"a" == b ? x : y`, `x.y`: more than a value

    def rest(self, start: int) -> _Expr:
        """Tokens from `start` to the end of the expression (a newline, `,`, `]` or `}` outside brackets)."""
        self.index = start
        depth = 0
        parts: list[str] = []
        while True:
            token = self.peek()
            if token.type == "eof" or (depth == 0 and (token.type == "newline" or token.value in (",", "]", "}", ")"))):
                break
            self.take()
            if token.type == "punct" and token.value in "([{":
                depth += 1
            elif token.type == "punct" and token.value in ")]}":
                depth -= 1
            elif token.type == "newline":
                continue
            parts.append(json.dumps(token.value) if token.type == "string" else token.value)
        if not parts:
            raise _Syntax(self.peek().line, "expected a value")
        return _Expr(" ".join(parts), self.tokens[start].line, self.origin)

    def sequence(self, start: int) -> list[Any] | _Expr:
        self.skip_newlines()
        if self.peek().value == "for":
            self.index = start
            return self.rest(start)
        items: list[Any] = []
        while True:
            self.skip_newlines()
            if self.peek().value == "]":
                self.take()
                return items
            items.append(self.expression())
            self.skip_newlines()
            if self.peek().value == ",":
                self.take()
            elif self.peek().value != "]":
                raise _Syntax(self.peek().line, "expected ',' or ']' in a list")

    def mapping(self, start: int) -> dict[str, Any] | _Expr:
        self.skip_newlines()
        if self.peek().value == "for":
            self.index = start
            return self.rest(start)
        items: dict[str, Any] = {}
        while True:
            self.skip_newlines()
            token = self.take()
            if token.value == "}" and token.type == "punct":
                return items
            if token.type not in ("ident", "string") or self.take().value not in ("=", ":"):
                raise _Syntax(token.line, "expected KEY = VALUE in an object")
            items[token.value] = self.expression()
            if self.peek().value == ",":
                self.take()


@dataclass
class _File:
    origin: str
    variables: dict[str, Any] = field(default_factory=dict)  # name -> default (None: none)
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    grouped: set[str] = field(default_factory=set)  # targets some group names
    lines: dict[str, int] = field(default_factory=dict)  # target -> line


def _merge(into: dict[str, Any], attributes: dict[str, Any]) -> None:
    for name, value in attributes.items():
        if name in _MERGED_MAPS and isinstance(value, dict) and isinstance(into.get(name), dict):
            into[name] = {**into[name], **value}
        else:
            into[name] = value


def _from_hcl(origin: str, text: str) -> _File:
    file = _File(origin)
    for name, labels, value, line in _Parser(text, origin).body(opened=None):
        if not labels and not isinstance(value, list):
            file.variables[name] = value  # a top-level attribute is a variable too
            continue
        if name == "variable" and labels:
            default = [item for item in value if item[0] == "default" and not item[1]]
            file.variables[labels[0]] = default[0][2] if default else None
        elif name == "target" and labels:
            _merge(file.targets.setdefault(labels[0], {}), {item[0]: item[2] for item in value if not item[1]})
            file.lines.setdefault(labels[0], line)
        elif name == "group":
            for item in value:
                if item[0] == "targets" and isinstance(item[2], list):
                    file.grouped |= {entry.raw for entry in item[2] if isinstance(entry, _Text)}
    return file


def _json_value(value: object, text: str, origin: str) -> Any:
    if isinstance(value, str):
        position = text.find(json.dumps(value))
        return _Text(value, text.count("\n", 0, position) + 1 if position >= 0 else 0, origin)
    if isinstance(value, bool | int | float):
        return _Text(json.dumps(value), 0, origin)
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
    except _Syntax as exc:
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

    def value(self, item: _Text, depth: int = 0) -> str:
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
        if name not in self.variables:
            raise _Unknown(f"${{{name}}} is not a variable of the bake files here")
        default = self.variables[name]
        if default is None:
            raise _Unknown(f"${{{name}}} has no default (bake takes it from the environment)")
        if not isinstance(default, _Text):
            raise _Unknown(f"the default of ${{{name}}} is an expression this reader does not evaluate")
        return self.value(default, depth + 1)

    def target(self, name: str, depth: int = 0) -> dict[str, Any]:
        spec = self.targets.get(name, {})
        if depth > MAX_DEPTH:
            return dict(spec)
        merged: dict[str, Any] = {}
        parents = spec.get("inherits")
        for parent in parents if isinstance(parents, list) else []:
            if isinstance(parent, _Text) and parent.raw in self.targets:
                _merge(merged, self.target(parent.raw, depth + 1))
        _merge(merged, spec)
        return merged


def _closing(text: str, start: int) -> int:
    depth = 1
    position = start
    while position < len(text):
        if text[position] == '"':
            try:
                position = _string_end(text, position + 1)
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
            if isinstance(item, _Text):
                out[key] = project.value(item)
        except _Unknown:
            continue
    return out


def _context_images(project: _Project, spec: dict[str, Any]) -> list[Found]:
    found: list[Found] = []
    contexts = spec.get("contexts")
    for item in contexts.values() if isinstance(contexts, dict) else ():
        if isinstance(item, _Expr):
            why = f"`{item.text}` is an expression this reader does not evaluate"
            found.append(Found(item.text, item.origin, item.line or None, why, "contexts", KIND))
            continue
        if not isinstance(item, _Text):
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
        context = project.value(spec["context"]) if isinstance(spec.get("context"), _Text) else "."
        dockerfile = project.value(spec["dockerfile"]) if isinstance(spec.get("dockerfile"), _Text) else "Dockerfile"
    except _Unknown:
        return None
    if "://" in context or context.startswith(("git@", "target:")):
        return None
    inline = spec.get("dockerfile-inline")
    contexts = spec.get("contexts")
    return ComposeBuild(
        posixpath.normpath(posixpath.join(context, dockerfile)),
        inline.raw if isinstance(inline, _Text) else None,
        _texts(project, spec.get("args")),
        None,
        named_contexts=frozenset(contexts) if isinstance(contexts, dict) else frozenset(),
    )


def _tags(project: _Project, name: str, spec: dict[str, Any], out: BakeProject) -> None:
    tags = spec.get("tags")
    if isinstance(tags, _Expr):
        line = f":{tags.line}" if tags.line else ""
        out.warnings.append(
            f"{tags.origin}{line}: `tags` of target {name} is an expression this reader does not evaluate; not read"
        )
        return
    for tag in tags if isinstance(tags, list) else ():
        try:
            value = project.value(tag) if isinstance(tag, _Text) else None
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
        if isinstance(parent, _Text)
    }
    out = BakeProject()
    seen: set[tuple[str, str, int | None]] = set()
    for name in targets:
        if name in inherited and name not in grouped:
            continue  # a base other targets inherit (`_common`), not built on its own
        spec = project.target(name)
        for item in _context_images(project, spec):
            if (key := (item.text, item.origin, item.line)) not in seen:
                seen.add(key)
                out.found.append(item)
        if (build := _build(project, spec)) is not None:
            out.builds.append(build)
        _tags(project, name, spec, out)
    return out
