"""Images a Python test pulls and starts through its project's own container client (pure, `ast`).

A project that drives the engine through its own client class (a wrapper of the Docker SDK or of the docker CLI, as
LocalStack's `ContainerClient` is) names the operations as the engine does, and its tests call them with the image:
`client.pull_image("alpine:3.19")` pulls it, `client.run_container(image_name="nginx", ...)` runs it and
`client.create_container("alpine", ...)` creates a container from it, which pulls a missing image as `docker create`
does (its `--pull` option defaults to `missing`: https://docs.docker.com/reference/cli/docker/container/create/).
Read in a Python file of a test tree (python_test_settings.in_test_tree) that names docker or podman:

- a call of a method named `pull_image`, `run_container` or `create_container`: its image is the argument
  `image_name=` / `image=` / `docker_image=`, else the first positional one;
- a function of the file that hands one of its parameters to such a call (a helper `def _pull_if_missing(client,
  image_name)`, or the factory a pytest fixture yields or returns, `yield _create_container`) pulls what the file's
  calls of it give it, by position or keyword (a factory through the fixture's name), to three levels.

An image is a string literal (adjacent literals joined) or a name the module binds once to one, at the literal's
line. Anything else (an f-string, an attribute, a parameter no call of the file fills) is known only when the program
runs and adds nothing; so does a call inside `with pytest.raises(...)`, which expects the image to be missing. Not
read: a file that imports the suite's fake engine (python_sdk_scope.py), and one that imports the Azure SDK, whose
`create_container(name)` creates a storage container (https://learn.microsoft.com/python/api/azure-storage-blob/
azure.storage.blob.blobserviceclient) or a Cosmos DB one.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_sdk_scope import imports_fake_engine
from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.choose.discovery.python_test_settings import in_test_tree

METHODS = ("pull_image", "run_container", "create_container")
_MARKS = tuple(method.encode() for method in METHODS)
_ENGINES = (b"docker", b"podman", b"Docker", b"Podman", b"DOCKER", b"PODMAN")
_IMAGE_KEYWORDS = ("image_name", "image", "docker_image")
_DEPTH = 3
_AZURE_RE = re.compile(r"^[ \t]*(?:from|import)[ \t]+azure\b", re.MULTILINE)

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class _Call:
    node: ast.Call
    function: Function | None  # the innermost function the call is written in


def may_call_wrappers(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold such a call (checked before it is decoded)."""
    return in_test_tree(origin) and any(mark in data for mark in _MARKS) and any(engine in data for engine in _ENGINES)


def _parameters(function: Function) -> list[str]:
    arguments = function.args
    names = [argument.arg for argument in (*arguments.posonlyargs, *arguments.args)]
    return names[1:] if names[:1] in (["self"], ["cls"]) else names


def _expects_failure(node: ast.With | ast.AsyncWith) -> bool:
    """`with pytest.raises(...)`: the calls in the block are expected to fail."""
    return any(
        isinstance(item.context_expr, ast.Call)
        and isinstance(item.context_expr.func, ast.Attribute | ast.Name)
        and (getattr(item.context_expr.func, "attr", None) or getattr(item.context_expr.func, "id", None)) == "raises"
        for item in node.items
    )


def _calls(node: ast.AST, function: Function | None) -> Iterator[_Call]:
    """The calls under `node`, each with the function it is written in, leaving out the blocks expecting failure."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.With | ast.AsyncWith) and _expects_failure(child):
            continue
        if isinstance(child, ast.Call):
            yield _Call(child, function)
        yield from _calls(child, child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function)


def _callee(call: ast.Call) -> str | None:
    """`name(...)`, `self.name(...)`, `receiver.name(...)` -> name."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _argument(call: ast.Call, position: int, keywords: tuple[str, ...]) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg in keywords:
            return keyword.value
    positional = [argument for argument in call.args if not isinstance(argument, ast.Starred)]
    starred = any(isinstance(argument, ast.Starred) for argument in call.args[: position + 1])
    return positional[position] if len(positional) > position and not starred else None


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


class _Reader:
    def __init__(self, module: ast.Module) -> None:
        self.calls = list(_calls(module, None))
        self.constants: dict[str, list[ast.Constant]] = {}
        for statement in module.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
                if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    self.constants.setdefault(target.id, []).append(value)
        self.aliases: dict[str, set[str]] = {}  # a function's name -> the fixtures yielding or returning it
        for node in ast.walk(module):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Yield | ast.Return) and isinstance(inner.value, ast.Name):
                        self.aliases.setdefault(inner.value.id, set()).add(node.name)

    def images(self, value: ast.expr, function: Function | None, depth: int) -> Iterator[tuple[int, str]]:
        """(line, image) for what `value`, written in `function`, may hold."""
        if (literal := _literal(value)) is not None:
            yield value.lineno, literal
            return
        if not isinstance(value, ast.Name):
            return
        if function is not None and value.id in _parameters(function):
            if depth < _DEPTH:
                yield from self._given(function, value.id, depth + 1)
            return
        if function is None or not any(
            isinstance(node, ast.Name) and node.id == value.id and isinstance(node.ctx, ast.Store)
            for node in ast.walk(function)
        ):
            bound = self.constants.get(value.id, [])
            if len(bound) == 1 and (constant := _literal(bound[0])) is not None:
                yield bound[0].lineno, constant

    def _given(self, function: Function, parameter: str, depth: int) -> Iterator[tuple[int, str]]:
        """What the file's calls of `function` (or of a fixture handing it out) give its `parameter`."""
        names = {function.name} | self.aliases.get(function.name, set())
        position = _parameters(function).index(parameter)
        for call in self.calls:
            if call.function is not function and _callee(call.node) in names:
                argument = _argument(call.node, position, (parameter,))
                if argument is not None:
                    yield from self.images(argument, call.function, depth)


def wrapper_call_images(text: str, origin: str) -> list[Found]:
    """The images a Python test pulls, runs or creates containers from through its own container client, in the
    order of their lines."""
    if not origin.endswith(".py") or imports_fake_engine(text) or _AZURE_RE.search(text) is not None:
        return []
    module = parsed(text)
    if module is None:
        return []
    reader = _Reader(module)
    found: list[Found] = []
    for call in reader.calls:
        method = _callee(call.node)
        if method not in METHODS or not isinstance(call.node.func, ast.Attribute):
            continue
        argument = _argument(call.node, 0, _IMAGE_KEYWORDS)
        for line, image in reader.images(argument, call.function, 0) if argument is not None else ():
            found.append(Found(image, origin, line, use=f"container client {method}", kind="Python source"))
    return sorted(found, key=lambda item: item.line or 0)
