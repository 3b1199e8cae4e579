"""The values a tree's Terraform modules give the modules of the tree they call (pure).

A module block whose `source` is a path (`source = "./service"`, `"../../modules/platform"`) calls the module of that
directory, and its other arguments (all but `source`, `version`, `providers`, `count`, `for_each`, `depends_on`)
are that module's variables. Each argument is evaluated where it is written, with the caller's own defaults and
locals (terraform_values.py), and with the values its own callers give it when it is called in turn (up to eight
calls deep). A value known only when Terraform plans (`data.aws_ssm_parameter.x.value`) is an Unknown naming the
call. A module no module of the tree calls is read with its defaults, or once per environment its `.tfvars` files
give (terraform_tfvars.py); a module from a registry or a URL is not in the tree.
"""

from __future__ import annotations

import posixpath
from typing import Any

from ecr_mirror.choose.discovery.hcl import Expr, Text
from ecr_mirror.choose.discovery.hcl_eval import NotEvaluated
from ecr_mirror.choose.discovery.terraform_hcl import Body
from ecr_mirror.choose.discovery.terraform_values import ModuleValues, Unknown, compact

_META = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})
_DEPTH = 8
_MAX_CALLS = 64  # the value sets kept for one module (calls of calls multiply)

Inputs = dict[str, Any]


def _value(values: ModuleValues, value: Any, call: str) -> Any:
    """An argument's value in the caller, or an Unknown with why and which call gives it."""
    try:
        return values.plain(value)
    except NotEvaluated as exc:
        written = compact(value.text) if isinstance(value, Expr) else value.raw if isinstance(value, Text) else ""
        return Unknown(f"{values.why_unknown(written, exc)} ({call} gives it)")


class _Calls:
    def __init__(self, modules: dict[str, list[Body]], roots: dict[str, list[Inputs]]) -> None:
        self.modules = modules
        self.roots = roots  # a root module's environments (terraform_tfvars.py)
        self.calls: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}  # callee -> (caller, name, arguments)
        self.done: dict[str, list[Inputs]] = {}
        self.cut = False  # the depth limit was reached: what was read then is not kept for later calls
        for directory, bodies in modules.items():
            for body in bodies:
                for name, labels, value, _ in body:
                    if name == "module" and isinstance(value, Body):
                        self._add(directory, labels[0] if labels else "", value)

    def _add(self, caller: str, name: str, block: Body) -> None:
        attributes = {key: value for key, labels, value, _ in block if not labels and not isinstance(value, Body)}
        source = attributes.get("source")
        if not isinstance(source, Text) or not source.raw.startswith(("./", "../")):
            return
        callee = posixpath.normpath(posixpath.join(caller, source.raw))
        if callee in self.modules and callee != caller:
            arguments = {key: value for key, value in attributes.items() if key not in _META}
            self.calls.setdefault(callee, []).append((caller, name, arguments))

    def inputs(self, directory: str, depth: int = 0) -> list[Inputs]:
        if directory not in self.calls:
            return self.roots.get(directory, [{}])
        if depth > _DEPTH:
            self.cut = True
            return [{}]
        if directory in self.done:
            return self.done[directory]
        outer, self.cut = self.cut, False
        out: list[Inputs] = []
        for caller, name, arguments in self.calls[directory]:
            call = f'module "{name}" in {caller}'
            for given in self.inputs(caller, depth + 1):
                values = ModuleValues(self.modules[caller], given)
                inputs = {key: _value(values, value, call) for key, value in arguments.items()}
                if inputs not in out and len(out) < _MAX_CALLS:
                    out.append(inputs)
        if not self.cut:  # values read in full, whatever the depth they were asked at
            self.done[directory] = out
        self.cut = self.cut or outer
        return out


def module_inputs(
    modules: dict[str, list[Body]], roots: dict[str, list[Inputs]] | None = None
) -> dict[str, list[Inputs]]:
    """Directory (normalised) -> the variable values each call of its module by a module of `modules` gives it, a
    root module's those of each environment `roots` gives it (its `.tfvars` files, terraform_tfvars.py), each caller
    read with its own; a directory neither called nor given environments is absent."""
    calls = _Calls(modules, roots or {})
    called = {directory: calls.inputs(directory) for directory in sorted(calls.calls)}
    return {**{directory: runs for directory, runs in (roots or {}).items() if directory in modules}, **called}
