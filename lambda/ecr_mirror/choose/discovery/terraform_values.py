"""The values a Terraform module's expressions can be given here (pure): `var.NAME` is the `default` of
`variable "NAME"` in the module's directory, `local.NAME` its `locals` entry, evaluated on demand with hcl_eval.py
(strings with `${...}`, `c ? a : b`, `==`, `a.b`, `a[b]`, a few functions), and `data.TYPE.NAME.ARG` the
argument ARG its `data "TYPE" "NAME"` block gives (a data source reads its arguments back as given: the Docker
provider's `docker_image` `name = data.docker_registry_image.X.name`), not for a block with `count` or `for_each`. A
variable without a default is the module caller's to set; a data source's computed attributes (`sha256_digest`),
`module.`, `each.` and resource attributes are known when Terraform plans or applies the module: such a value is
unresolved, with the reason. A module of the tree that another calls
(`module "api" { source = "./service" ... }`) is read once per call with the values the call gives its variables
(terraform_calls.py).
"""

from __future__ import annotations

import re
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, Text
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated, Scope, evaluate, template
from ecr_mirror.choose.discovery.terraform_hcl import Body

_REFERENCE_RE = re.compile(r"\b(var|local)\s*\.\s*([A-Za-z_][\w-]*)")
_RUNTIME_RE = re.compile(r"\b(data|module|each|count|self|path|terraform)\s*\.")
_SPACED_RE = re.compile(r"\s*([.()\[\],])\s*")
_NO_DEFAULT = object()
_REPEATED = frozenset({"count", "for_each"})  # a data block with these is a list or map of instances
_DATA_RE = re.compile(r"\bdata\s*\.\s*([\w-]+)\s*\.\s*([\w-]+)\s*\.\s*([\w-]+)")


def compact(text: str) -> str:
    """An expression as `rest()` keeps it (`var . x`), written back as Terraform writes it (`var.x`)."""
    return _SPACED_RE.sub(lambda m: m.group(1) + (" " if m.group(1) == "," else ""), text).strip()


class Unknown:
    """A module input its caller gives as a value known only when Terraform plans (`data.x.value`), with why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown) and other.reason == self.reason

    def __hash__(self) -> int:
        return hash(self.reason)


class _Lazy(dict[str, Any]):
    """`var` or `local` for hcl_eval: each entry evaluated when an expression reads it."""

    def __init__(self, module: ModuleValues, kind: str, source: dict[str, Any]) -> None:
        super().__init__()
        self.module, self.kind, self.source = module, kind, source

    def __contains__(self, key: object) -> bool:
        if (self.kind == "var" and key in self.module.given) or self.kind.startswith("data."):
            return True  # a data source's attribute not written in its block: entry() says it is computed
        return key in self.source and self.source[key] is not _NO_DEFAULT

    def __getitem__(self, key: str) -> Any:
        return self.module.entry(self.kind, key)


class _DataSources(dict[str, Any]):
    """`data` for hcl_eval: `data.TYPE.NAME` is the block's arguments, each evaluated when an expression reads it."""

    def __init__(self, module: ModuleValues) -> None:
        super().__init__()
        self.module = module

    def __contains__(self, key: object) -> bool:
        return True  # a type without a block: __getitem__ says so

    def __getitem__(self, key: str) -> Any:
        if key not in self.module.data:
            raise NotEvaluated(f'no readable `data "{key}"` block in this directory')
        return {name: _Lazy(self.module, f"data.{key}.{name}", given) for name, given in self.module.data[key].items()}


class ModuleValues:
    """The variable defaults and locals of the `.tf` files of one directory; `given`: the values a caller of the
    module gives its variables (plain values, or Unknown), over their defaults."""

    def __init__(self, bodies: list[Body], given: dict[str, Any] | None = None) -> None:
        self.given = given or {}
        self.variables: dict[str, Any] = {}
        self.locals: dict[str, Any] = {}
        self.data: dict[str, dict[str, dict[str, Any]]] = {}  # type -> name -> argument -> value as written
        for body in bodies:
            for name, labels, value, _ in body:
                if name == "variable" and labels and isinstance(value, Body):
                    defaults = [item for item in value if item[0] == "default" and not isinstance(item[2], Body)]
                    self.variables[labels[0]] = defaults[0][2] if defaults else _NO_DEFAULT
                elif name == "locals" and isinstance(value, Body):
                    self.locals.update({item[0]: item[2] for item in value if not isinstance(item[2], Body)})
                elif name == "data" and len(labels) == 2 and isinstance(value, Body):
                    arguments = {item[0]: item[2] for item in value if not item[1] and not isinstance(item[2], Body)}
                    if not _REPEATED & arguments.keys():
                        self.data.setdefault(labels[0], {})[labels[1]] = arguments
        self._active: set[tuple[str, str]] = set()
        self.scope = Scope(self._lookup)

    def _lookup(self, name: str) -> Any:
        if name == "var":
            return _Lazy(self, "var", self.variables)
        if name == "local":
            return _Lazy(self, "local", self.locals)
        if name == "data" and self.data:
            return _DataSources(self)
        raise KeyError(name)

    def entry(self, kind: str, key: str) -> Any:
        if kind == "var" and key in self.given:
            if isinstance(value := self.given[key], Unknown):
                raise NotEvaluated(value.reason)
            return value
        source = self._source(kind)
        if kind.startswith("data.") and key not in source:
            raise NotEvaluated(f"`{kind}.{key}` is known when Terraform plans or applies the module")
        if (kind, key) in self._active:
            raise NotEvaluated(f"{kind}.{key} is defined from itself")
        self._active.add((kind, key))
        try:
            return self.plain(source[key])
        finally:
            self._active.discard((kind, key))

    def _source(self, kind: str) -> dict[str, Any]:
        """The values written for `var`, `local` or a data block (`data.TYPE.NAME`)."""
        if kind.startswith("data."):
            _, data_type, name = kind.split(".", 2)
            return self.data[data_type][name]
        return self.variables if kind == "var" else self.locals

    def plain(self, value: Any) -> Any:
        """An HCL value as hcl_eval's: strings, lists, dicts, None; NotEvaluated outside its subset."""
        if isinstance(value, Text):
            return template(value.raw, self.scope)
        if isinstance(value, Expr):
            return evaluate(value.text, self.scope)
        if isinstance(value, list):
            return [self.plain(item) for item in value]
        if isinstance(value, dict):
            return {key: self.plain(item) for key, item in value.items()}
        return value

    def why_unknown(self, written: str, error: NotEvaluated) -> str:
        """Why `written` has no value here: the first variable or local without one, else the error."""
        for data_type, name, argument in _DATA_RE.findall(written):  # an argument of a data block: why it has none
            given = self.data.get(data_type, {}).get(name, {})
            if argument in given and isinstance(given[argument], Text | Expr):
                raw = given[argument]
                inner = raw.raw if isinstance(raw, Text) else compact(raw.text)
                try:
                    self.plain(raw)
                except NotEvaluated as exc:
                    return f"data.{data_type}.{name}.{argument}: {self.why_unknown(inner, exc)}"
        for kind, key in _REFERENCE_RE.findall(written):
            if kind == "var" and isinstance(value := self.given.get(key), Unknown):
                return f"var.{key}: {value.reason}"
            if kind == "var" and key in self.given:
                continue
            source = self.variables if kind == "var" else self.locals
            if key not in source:
                where = "variable" if kind == "var" else "local value"
                return f"{kind}.{key}: no such {where} in this directory"
            if source[key] is _NO_DEFAULT:
                return f"var.{key} has no default in this directory (the module's caller sets it)"
            if source[key] is None:
                return f"var.{key} defaults to null (the module's caller sets it)"
            try:
                self.entry(kind, key)
            except NotEvaluated as exc:
                return f"{kind}.{key}: {exc}"
        if _RUNTIME_RE.search(written):
            return f"`{written}` is known when Terraform plans or applies the module"
        return f"`{written}`: {error}"

    def text(self, value: Any) -> tuple[str, str | None] | None:
        """(the string, None) or (as written, why unresolved) for a string or expression; None for anything else
        (null, a list, an object)."""
        if isinstance(value, Text):
            written = value.raw
        elif isinstance(value, Expr):
            written = compact(value.text)
        else:
            return None
        try:
            result = self.plain(value)
        except NotEvaluated as exc:
            return written, self.why_unknown(written, exc)
        if isinstance(result, str):
            return result, None
        return written, self.why_unknown(written, NotEvaluated("not a string here"))
