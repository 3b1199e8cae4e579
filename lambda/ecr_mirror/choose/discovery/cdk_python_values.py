"""The strings a Python AWS CDK app hands `ContainerImage.from_registry(...)` (pure; cdk_container_images.py reads
the calls of the other languages).

Read from the syntax tree: a string literal; an f-string whose `{name}` fields are names with known values; a `+` of
such strings; a name: a parameter's default (`def __init__(self, scope, id, version: str = "1.4.0")`, the value a
stack is built with when its caller does not override it), the values the enclosing functions bind it to, else the
module's (`REGISTRY = "ghcr.io/example-org"`); `os.getenv("X", "default")` (`os.environ.get`): its default, what
`cdk synth` uses when the variable is not set. Not known, and nothing listed: a parameter without a literal default
(what a construct's caller hands it: a value of another file), a CDK context value (`self.node.try_get_context(...)`,
given by `cdk deploy -c` or cdk.json at deploy time), an environment variable without default
(`os.environ["X"]`), the result of another call, a field with a conversion or a format spec.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.choose.discovery.python_test_settings import is_env_getter

_CALLS = frozenset({"from_registry"})
_MAX_DEPTH = 4
_MAX_VALUES = 16
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def _bindings(nodes: Iterator[ast.AST]) -> dict[str, list[ast.expr]]:
    """The expressions each plain name is assigned (`NAME = ...`, `NAME: str = ...`) by `nodes`."""
    bound: dict[str, list[ast.expr]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            bound.setdefault(node.targets[0].id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            bound.setdefault(node.target.id, []).append(node.value)
    return bound


def _defaults(function: _Function) -> dict[str, ast.expr | None]:
    """Each parameter of `function` with its default (None: none)."""
    arguments = function.args
    positional = arguments.posonlyargs + arguments.args
    given: dict[str, ast.expr | None] = {argument.arg: None for argument in positional}
    for argument, default in zip(
        positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True
    ):
        given[argument.arg] = default
    for argument, keyword_default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        given[argument.arg] = keyword_default
    return given


@dataclass
class _Scopes:
    """The module's bindings, and each function's parameters and bindings (computed when first needed)."""

    module: dict[str, list[ast.expr]]
    functions: dict[int, tuple[dict[str, ast.expr | None], dict[str, list[ast.expr]]]] = field(default_factory=dict)

    def of(self, function: _Function) -> tuple[dict[str, ast.expr | None], dict[str, list[ast.expr]]]:
        if id(function) not in self.functions:
            self.functions[id(function)] = (_defaults(function), _bindings(ast.walk(function)))
        return self.functions[id(function)]


def _product(choices: list[list[str]]) -> list[str]:
    if any(not choice for choice in choices):
        return []
    return ["".join(parts) for parts in itertools.islice(itertools.product(*choices), _MAX_VALUES)]


class _Resolver:
    def __init__(self, scopes: _Scopes, functions: tuple[_Function, ...]) -> None:
        self.scopes, self.functions = scopes, functions

    def values(self, node: ast.expr, depth: int = 0) -> list[str]:
        """The strings `node` can be, empty when one of its parts is not known."""
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else []
        if isinstance(node, ast.JoinedStr):
            return _product([self._piece(piece, depth) for piece in node.values])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return _product([self.values(node.left, depth + 1), self.values(node.right, depth + 1)])
        if isinstance(node, ast.Name):
            return self._named(node.id, depth)
        if isinstance(node, ast.Call) and is_env_getter(node.func):
            defaults = node.args[1:2] + [keyword.value for keyword in node.keywords if keyword.arg == "default"]
            return self.values(defaults[0], depth + 1) if len(node.args) >= 1 and defaults else []
        return []

    def _piece(self, piece: ast.expr, depth: int) -> list[str]:
        if isinstance(piece, ast.FormattedValue):
            plain = piece.conversion == -1 and piece.format_spec is None
            return self.values(piece.value, depth + 1) if plain and isinstance(piece.value, ast.Name) else []
        return self.values(piece, depth + 1)

    def _named(self, name: str, depth: int) -> list[str]:
        for function in reversed(self.functions):  # the innermost first
            parameters, bound = self.scopes.of(function)
            if name in parameters or name in bound:
                default = parameters.get(name)
                written = ([default] if default is not None else []) + bound.get(name, [])
                return sorted({value for expression in written for value in self.values(expression, depth + 1)})
        return sorted(
            {value for expression in self.scopes.module.get(name, []) for value in self.values(expression, depth + 1)}
        )


def _is_from_registry(function: ast.expr) -> bool:
    """`ContainerImage.from_registry` (`ecs.ContainerImage.from_registry`, `aws_ecs.ContainerImage...`)."""
    if not isinstance(function, ast.Attribute) or function.attr not in _CALLS:
        return False
    owner = function.value
    return (isinstance(owner, ast.Name) and owner.id == "ContainerImage") or (
        isinstance(owner, ast.Attribute) and owner.attr == "ContainerImage"
    )


def python_registry_values(text: str) -> list[tuple[int, str]]:
    """(line, value) of each string the `ContainerImage.from_registry(...)` calls of a Python source are given, in
    order of their lines."""
    module = parsed(text)
    if module is None:
        return []
    scopes = _Scopes(_bindings(iter(module.body)))
    found: list[tuple[int, int, str]] = []
    stack: list[tuple[ast.AST, tuple[_Function, ...]]] = [(module, ())]
    while stack:  # without recursion: a deep nesting costs no Python stack
        node, functions = stack.pop()
        if isinstance(node, ast.Call) and _is_from_registry(node.func):
            given = node.args[:1] + [keyword.value for keyword in node.keywords if keyword.arg == "name"]
            for value in _Resolver(scopes, functions).values(given[0]) if given else []:
                found.append((given[0].lineno, given[0].col_offset, value))
        inner = (*functions, node) if isinstance(node, _Function) else functions
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))
    return [(line, value) for line, _, value in sorted(found)]
