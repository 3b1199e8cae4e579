"""The input variables of a Nomad job or a Nomad Pack, at their defaults (pure).

Both declare them in HCL as `variable "NAME" { type = ... default = ... }` (a job in its own file or a variables
file beside it, a pack in its `variables.hcl`): https://developer.hashicorp.com/nomad/docs/job-specification/hcl2/variables.
A default is a literal: a string (`$${attr.kernel.name}` is `${attr.kernel.name}`), a number or boolean (kept as
text), a list or an object, nested. The values a run gives (`-var`, `-var-file`, `NOMAD_VAR_*`, `nomad-pack
--var`) are not known here, so a variable without a default has no value, and names why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecr_mirror.choose.discovery.hcl import HclSyntax, parse_hcl
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated, Scope, evaluated
from ecr_mirror.errors import ConfigError


def _literal(value: Any) -> Any:
    """A default's value; `null` inside a list or object is kept (None), as an object's unset field."""
    if isinstance(value, list):
        return [_literal(item) for item in value]
    if isinstance(value, dict):
        return {key: _literal(item) for key, item in value.items()}
    return None if value is None else evaluated(value, _NO_NAMES)


def _no_name(name: str) -> Any:
    raise KeyError(name)


_NO_NAMES = Scope(_no_name)  # a default names no variable


@dataclass(frozen=True)
class Variables:
    """Declared variables: `values` (name -> default as hcl_eval values), `missing` (name -> why it has no value,
    after its name: `has no default ...`);
    `origin` says where they are declared, `absent` why there are none to look in."""

    values: dict[str, Any] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    origin: str = ""
    absent: str = ""

    @classmethod
    def none(cls, why: str) -> Variables:
        return cls(absent=why)

    def value(self, name: str, written: str = "") -> Any:
        """The value of `name`, or of a field of an object default (`exporter.version`); NotEvaluated saying why
        there is none, naming it as `written` (`var.tag`; `name` when empty)."""
        first, *fields = name.split(".")
        shown = written or name
        where = f" in {self.origin}" if self.origin else ""
        if first in self.missing:
            raise NotEvaluated(f"{shown} {self.missing[first]}")
        if first not in self.values:
            raise NotEvaluated(f"{shown} is not declared{where}{f' ({self.absent})' if self.absent else ''}")
        value = self.values[first]
        for key in fields:
            if not isinstance(value, dict) or key not in value:
                raise NotEvaluated(f"{shown}: the default of {first}{where} has no field {key}")
            value = value[key]
        return value

    def over(self, base: Variables | None) -> Variables:
        """These declarations over `base`'s (a job's own over those of a variables file beside it): a default here
        wins, one there gives a value to a variable declared here without one."""
        if base is None:
            return self
        missing = {name: why for name, why in {**base.missing, **self.missing}.items() if name not in base.values}
        missing = {name: why for name, why in missing.items() if name not in self.values}
        return Variables({**base.values, **self.values}, missing, self.origin or base.origin)


def variables_of(items: list[tuple[str, list[str], Any, int]], origin: str, *, assigned: bool = False) -> Variables:
    """The `variable` blocks among parsed top-level HCL items; with `assigned`, the top-level `NAME = value`
    attributes too (a variables file gives values so, as `-var-file` reads it)."""
    values: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for name, labels, body, _ in items:
        if assigned and not labels and not _is_block(body):
            try:
                values[name] = _literal(body)
            except NotEvaluated as exc:
                missing[name] = f"has a value in {origin} this reader does not evaluate ({exc})"
            continue
        if name != "variable" or not labels or not isinstance(body, list):
            continue
        default = [item[2] for item in body if isinstance(item, tuple) and item[0] == "default" and not item[1]]
        if not default or default[0] is None:
            missing[labels[0]] = f"has no default in {origin} (a value given when the job is run)"
            continue
        try:
            values[labels[0]] = _literal(default[0])
        except NotEvaluated as exc:
            missing[labels[0]] = f"has a default in {origin} this reader does not evaluate ({exc})"
    return Variables(values, missing, origin)


def _is_block(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, tuple) for item in value) and bool(value)


def read_variables(text: str, origin: str) -> Variables:
    """The variables a variables file declares or assigns; ConfigError naming it when it does not parse."""
    try:
        return variables_of(parse_hcl(text, origin), origin, assigned=True)
    except (HclSyntax, RecursionError) as exc:
        raise ConfigError(f"{origin}: not read as Nomad variables: {exc}") from None
