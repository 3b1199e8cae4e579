"""YAML text to Python values that remember their line, with any tag read (pure).

Strings come back as `Located` (a `str` carrying its 1-based line). GitLab's `!reference [job, key, ...]` comes
back as a `Reference` for the GitLab reader to resolve; any other unknown tag (`!ENV`, `!include`,
`!!python/name:...` in mkdocs.yml) is read as the plain value under it. libyaml's parser (`CSafeLoader`) is used
when PyYAML was built with it: a multi-megabyte CRD loads several times faster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from ecr_mirror.choose.yaml_errors import LOAD_ERRORS, load_problem
from ecr_mirror.errors import ConfigError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# a placeholder a script replaces with sed, as autoconf writes them (`name: @STS_NAME@`): `@` starts no YAML scalar
_PLACEHOLDER_RE = re.compile(r"@[A-Z][A-Z0-9_]*@")
# a replacement field Python's `str.format` fills in (`name: {self.path.k8s}-apiext`, `{images[kat-server]}`):
# `{` arg_name (`.attribute` | `[index]`)* [`!` conversion] `}`, https://docs.python.org/3/library/string.html#format-
# string-syntax; not `${NAME}` (shell, compose) nor `{{ }}`. Asked of a text that is not YAML (and its values).
_FORMAT_FIELD_RE = re.compile(r"(?<![{$])\{[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[[^\]{}\s]+\])*(?:![rsa])?\}(?!\})")


class TemplateText(ConfigError):
    """Text that is not YAML, with template markup in it (`{{ ... }}`, `{% ... %}`): Helm, Jinja, Tera."""


def is_template(text: str) -> bool:
    """Template markup: Go templates and Helm (`{{ }}`), Jinja (`{% %}`), ERB (`<% %>`, `<%= %>`), the `@NAME@`
    placeholders a script fills in with sed, and the fields of a Python `str.format` template."""
    if "{{" in text or "{%" in text or "<%" in text or _PLACEHOLDER_RE.search(text) is not None:
        return True
    return _FORMAT_FIELD_RE.search(text) is not None


class Located(str):
    """A string scalar and the line it starts on; `tag` is its tag when it has one no reader knows (`!Sub`)."""

    line: int
    tag: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    """GitLab's `!reference [path...]`, not yet resolved."""

    path: tuple[str, ...]
    line: int

    def __str__(self) -> str:
        return f"!reference [{', '.join(self.path)}]"


def located(text: str, line: int | None) -> Located:
    value = Located(text)
    value.line = line or 0
    return value


def line_of(value: object) -> int | None:
    return (value.line or None) if isinstance(value, Located | Reference) else None


_MERGE = "tag:yaml.org,2002:merge"


def _mergeable(node: yaml.Node) -> bool:
    """What YAML's merge key takes: a mapping, or a list of mappings."""
    if isinstance(node, yaml.SequenceNode):
        return all(isinstance(item, yaml.MappingNode) for item in node.value)
    return isinstance(node, yaml.MappingNode)


class _Merging:
    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        """Merge keys (`<<: *base`) as YAML defines them; one whose value is no mapping (Woodpecker's workflows
        write `- <<: *when_path` to splice a list of paths into a list) is dropped, not an error for the file."""
        written = list(node.value)
        try:
            super().flatten_mapping(node)  # type: ignore[misc]
        except yaml.constructor.ConstructorError:
            node.value = [(key, value) for key, value in written if key.tag != _MERGE or _mergeable(value)]
            super().flatten_mapping(node)  # type: ignore[misc]


class _Loader(_Merging, _Base):  # type: ignore[misc]
    pass


class _Redefining(_Merging, yaml.SafeLoader):
    """PyYAML's own composer, an anchor defined again naming the later node from there on: "an alias node refers to
    the most recent preceding node having the same anchor" (https://yaml.org/spec/1.2.2/#3222-anchors-and-aliases),
    as Go's yaml.v3, Helm's reader, loads it; libyaml's composer calls it a duplicate. Only for a text that has one."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if not isinstance(event, yaml.AliasEvent) and event.anchor is not None:
            self.anchors.pop(event.anchor, None)
        return super().compose_node(parent, index)


def _string(loader: Any, node: yaml.ScalarNode) -> Located:
    value = Located(loader.construct_scalar(node))
    value.line = node.start_mark.line + 1
    return value


def _reference(loader: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        parts = loader.construct_sequence(node, deep=True)
        return Reference(tuple(str(part) for part in parts), node.start_mark.line + 1)
    return _any_tag(loader, node)


MAX_DEPTH = 200  # far beyond any real file's (a CRD's schema nests a few dozen levels), well within the recursion limit
_INDENT_RE = re.compile(r"^[ \t]+", re.MULTILINE)


def _any_tag(loader: Any, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    value = _string(loader, node)  # type: ignore[arg-type]
    value.tag = str(node.tag or "")
    return value


for _loader in (_Loader, _Redefining):
    _loader.add_constructor("tag:yaml.org,2002:str", _string)
    _loader.add_constructor("!reference", _reference)
    _loader.add_constructor(None, _any_tag)


def _shape_problem(documents: list[Any]) -> str | None:
    """Why `documents` cannot be walked by the readers, which recurse: nesting deeper than MAX_DEPTH; None when
    they can. A value holding itself through an alias (`job: &j {variables: {again: *j}}`) is cut there, the inner
    copy made null: it holds no string its outer one does not. One pass over the containers, each once (a value
    many aliases share is measured once: no alias bomb multiplies the work)."""
    depth: dict[int, int] = {}
    for document in documents:
        stack: list[tuple[Any, bool, Any, Any]] = [(document, False, None, None)]
        on_path: set[int] = set()
        while stack:
            node, done, parent, slot = stack.pop()
            if not isinstance(node, (dict, list)):
                continue
            key = id(node)
            if done:
                on_path.discard(key)
                children = node.values() if isinstance(node, dict) else node
                depth[key] = 1 + max((depth.get(id(child), 0) for child in children), default=0)
                if depth[key] > MAX_DEPTH:
                    return f"nested more than {MAX_DEPTH} levels deep"
            elif key in on_path:
                parent[slot] = None  # the value held inside itself
            elif key not in depth:
                on_path.add(key)
                stack.append((node, True, None, None))
                slots = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
                stack += [(child, False, node, at) for at, child in slots]
    return None


def _may_be_misshapen(text: str) -> bool:
    """Whether `text` may hold a cycle (an alias, `*`) or nest deeper than MAX_DEPTH (that many flow brackets, or
    block indentation that deep): the shape check runs only then."""
    if "*" in text or text.count("[") + text.count("{") > MAX_DEPTH:
        return True
    return any(match.end() - match.start() > MAX_DEPTH // 2 for match in _INDENT_RE.finditer(text))


def load_documents(text: str, origin: str) -> list[Any]:
    """Every document of `text`; ConfigError naming `origin` (and a hint for Helm templates) when it is not YAML,
    or when its readers could not walk it (nesting deeper than MAX_DEPTH)."""
    try:
        try:
            documents = list(yaml.load_all(text, Loader=_Loader))
        except yaml.composer.ComposerError as exc:
            if "duplicate anchor" not in str(exc):
                raise
            documents = list(yaml.load_all(text, Loader=_Redefining))
    except LOAD_ERRORS as exc:
        first = load_problem(exc)
        if is_template(text):
            hint = " (a template: render it first, with `helm template` for a Helm chart)"
            raise TemplateText(f"{origin}: not valid YAML: {first}{hint}") from exc
        raise ConfigError(f"{origin}: not valid YAML: {first}") from exc
    if _may_be_misshapen(text) and (problem := _shape_problem(documents)) is not None:
        raise ConfigError(f"{origin}: cannot be read: {problem}")
    return documents
