"""Testcontainers images a Python source gives through its own classes and pytest parameters (pure, `ast`).

Read in a Python file that imports Testcontainers (testcontainers.py decides), from its syntax tree:

- the default of the `image` parameter of `__init__` in a container class of the file's own, one whose base is
  named `...Container` (`DockerContainer`, `DbContainer`, or a class of the tree deriving from one, as the
  Testcontainers library's modules and a project's own wrappers do): the image a `PostgresContainer()` without an
  image starts. The default may be a literal, an f-string of literals and module constants, or `os.getenv("VAR",
  "default")` / `os.environ.get(...)` (the default, as `${VAR:-default}` is read elsewhere), or, for an optional
  parameter, what the body falls back to (`self.image = image or DEFAULT_IMAGE`); or the image its `__init__` hands
  the base class, `super().__init__("docker.io/burningalchemist/sql_exporter:0.17.3", network_mode="host")` (neon's
  `SqlExporterContainer`), a literal, an f-string or a name the function or module binds;
- the image a function gives a container class (`...Container(...)` first or as `image=`, or a class that is a
  `pytest.mark.parametrize` parameter): a literal, a name bound to one (a parametrized parameter, a local or a
  module constant), or an f-string joining them (`f"mongo:{version}"` with `version` from `["6.0", "7.0"]`, a list
  bound to a module constant, rows of tuples or `pytest.param(...)`), or a parameter naming a pytest fixture of the
  file, which is what the fixture gives (pytest_fixture_values.py: arq's `RedisContainer(f'redis:{redis_version}')`
  with the fixture `redis_version` returning `os.getenv('ARQ_TEST_REDIS_VERSION', 'latest')`).

An environment variable read with a default is its default, or the value a caller gives it (`environment`: what a
CI job sets it to, cli/discover_environment.py); so is one read without a default before `or` (`os.environ.get(
"TRINO_VERSION") or "latest"`: the fallback, Python's `or` giving its right side for an unset variable's None or an
empty string). A function's parameter that nothing else binds is its default, the value of a call that leaves it out
(trino-python-client's `start_development_server(port=None, trino_version=TRINO_VERSION)` running
`DockerContainer(f"{TRINO_IMAGE_REPO}:{trino_version}")`).

Each value is reported at the line of its literal, or of the f-string that joins it. A value built otherwise (a call,
an environment variable without a default, an attribute) is not known and adds nothing.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.pytest_fixture_values import Fixtures, fixture_values
from ecr_mirror.choose.discovery.python_syntax import parsed

_CLASS_RE = re.compile(r"[A-Z]\w*Container")
_MAX_DEPTH = 4
_MAX_VALUES = 16
_ENV_CALLS = frozenset({"getenv", "get"})  # os.getenv("X", "default"), os.environ.get("X", "default")

Value = tuple[int, str]  # (line, text)
Bindings = dict[str, list[ast.expr]]


def _name_of(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_container_class(node: ast.expr) -> bool:
    name = _name_of(node)
    return name is not None and _CLASS_RE.fullmatch(name) is not None


class _Scope:
    """Names bound in a function (parameters' values, locals), falling back to the module's constants."""

    def __init__(
        self, module: Bindings, local: Bindings | None = None, environment: dict[str, str] | None = None
    ) -> None:
        self.module = module
        self.local = local or {}
        self.environment = environment or {}

    def bound(self, name: str) -> list[ast.expr]:
        return self.local.get(name) or self.module.get(name, [])

    def values(self, node: ast.expr, depth: int = 0) -> list[Value]:
        if depth > _MAX_DEPTH:
            return []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [(node.lineno, node.value)]
        if isinstance(node, ast.Name):
            return [value for bound in self.bound(node.id) for value in self.values(bound, depth + 1)]
        if isinstance(node, ast.JoinedStr):
            return self._joined(node, depth)
        if isinstance(node, ast.Call) and _name_of(node.func) in _ENV_CALLS and len(node.args) == 2:
            variable, default = node.args
            if isinstance(variable, ast.Constant) and variable.value in self.environment:
                return [(default.lineno, self.environment[str(variable.value)])]  # the value a CI job gives it
            return self.values(default, depth + 1)  # the default of an environment variable
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and (read := _env_read(node.values[0])):
            if read in self.environment:  # `os.environ.get("X") or "latest"`: the value a CI job gives it
                return [(node.lineno, self.environment[read])]
            return [value for other in node.values[1:2] for value in self.values(other, depth + 1)]  # else the fallback
        return []

    def _joined(self, node: ast.JoinedStr, depth: int) -> list[Value]:
        choices: list[list[str]] = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                if part.format_spec is not None or part.conversion != -1:
                    return []
                choices.append(sorted({text for _, text in self.values(part.value, depth + 1)}))
            else:
                choices.append([text for _, text in self.values(part, depth + 1)])
        joined = itertools.islice(itertools.product(*choices), _MAX_VALUES)
        return [(node.lineno, "".join(combination)) for combination in joined]


def _env_read(node: ast.expr) -> str | None:
    """The variable of `os.getenv("X")` / `os.environ.get("X")` without a default."""
    if isinstance(node, ast.Call) and _name_of(node.func) in _ENV_CALLS and len(node.args) == 1:
        variable = node.args[0]
        return variable.value if isinstance(variable, ast.Constant) and isinstance(variable.value, str) else None
    return None


def _module_bindings(tree: ast.Module) -> Bindings:
    bindings: Bindings = {}
    for statement in tree.body:
        for target, value in _assignments(statement):
            bindings.setdefault(target, []).append(value)
    return bindings


def _assignments(statement: ast.stmt) -> Iterator[tuple[str, ast.expr]]:
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id, statement.value
    elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.value:
        yield statement.target.id, statement.value


def defaulted_variables(text: str) -> set[str]:
    """The environment variables a source reads with a default (`os.getenv("VAR", "default")`)."""
    if (tree := parsed(text)) is None:
        return set()
    fallen = {
        variable
        for node in ast.walk(tree)
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and (variable := _env_read(node.values[0]))
    }
    return fallen | {
        str(node.args[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name_of(node.func) in _ENV_CALLS
        and len(node.args) == 2
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def _class_defaults(tree: ast.Module, scope: _Scope) -> list[Value]:
    """The `image` defaults of `__init__` in the file's container classes."""
    out: list[Value] = []
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef) or not any(_is_container_class(base) for base in cls.bases):
            continue
        for init in cls.body:
            if isinstance(init, ast.FunctionDef) and init.name == "__init__":
                out += [value for default in _image_defaults(init.args) for value in scope.values(default)]
                out += [value for fallback in _fallbacks(init) for value in scope.values(fallback)]
                local = _Scope(scope.module, _local_bindings(init), scope.environment)
                out += [value for given in _base_images(init) for value in local.values(given)]
    return out


def _base_images(init: ast.FunctionDef) -> list[ast.expr]:
    """The image `__init__` hands its base class: `super().__init__("IMAGE", ...)` or `image=` (a parameter of its
    own is not bound here: its default is read as the class's default)."""
    return [
        argument
        for node in ast.walk(init)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "__init__"
        and isinstance(node.func.value, ast.Call)
        and _name_of(node.func.value.func) == "super"
        and (argument := _image_argument(node)) is not None
    ]


def _fallbacks(init: ast.FunctionDef) -> list[ast.expr]:
    """What `__init__` takes when its `image` parameter is not given: `image or DEFAULT_IMAGE`."""
    return [
        fallback
        for node in ast.walk(init)
        if isinstance(node, ast.BoolOp)
        and isinstance(node.op, ast.Or)
        and isinstance(first := node.values[0], ast.Name)
        and first.id == "image"
        for fallback in node.values[1:]
    ]


def _image_defaults(args: ast.arguments) -> list[ast.expr]:
    positional = args.posonlyargs + args.args
    paired = list(zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True))
    paired += [(arg, default) for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True) if default]
    return [default for arg, default in paired if arg.arg == "image"]


def _parametrized(function: ast.FunctionDef | ast.AsyncFunctionDef, module: Bindings) -> Bindings:
    """Each parameter of `pytest.mark.parametrize` decorators and the values its rows give it."""
    bindings: Bindings = {}
    for decorator in function.decorator_list:
        if not (isinstance(decorator, ast.Call) and _name_of(decorator.func) == "parametrize"):
            continue
        if len(decorator.args) < 2 or not isinstance(names := decorator.args[0], ast.Constant | ast.List | ast.Tuple):
            continue
        if isinstance(names, ast.Constant):
            argnames = [name.strip() for name in str(names.value).split(",")]
        else:
            argnames = [str(name.value) for name in names.elts if isinstance(name, ast.Constant)]
        rows = decorator.args[1]
        if isinstance(rows, ast.Name) and len(module.get(rows.id, [])) == 1:
            rows = module[rows.id][0]
        if not isinstance(rows, ast.List | ast.Tuple):
            continue
        for written in rows.elts:
            row = written
            if isinstance(written, ast.Call) and _name_of(written.func) == "param":  # pytest.param(values..., id=)
                row = ast.Tuple(elts=written.args) if len(argnames) > 1 else (written.args or [written])[0]
            cells = row.elts if len(argnames) > 1 and isinstance(row, ast.Tuple) else [row]
            for name, cell in zip(argnames, cells, strict=False):
                bindings.setdefault(name, []).append(cell)
    return bindings


def _local_bindings(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Bindings:
    bindings: Bindings = {}
    for node in ast.walk(function):
        if isinstance(node, ast.stmt):
            for target, value in _assignments(node):
                bindings.setdefault(target, []).append(value)
    return bindings


def _image_argument(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "image":
            return keyword.value
    return call.args[0] if call.args and not isinstance(call.args[0], ast.Starred) else None


def _parameter_defaults(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Bindings:
    """The function's parameters with a default, bound to it: the value of a call that leaves it out."""
    arguments = function.args.posonlyargs + function.args.args
    paired = zip(arguments[len(arguments) - len(function.args.defaults) :], function.args.defaults, strict=True)
    keywords = zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True)
    return {argument.arg: [default] for argument, default in [*paired, *keywords] if default is not None}


def _fixture_parameters(function: ast.FunctionDef | ast.AsyncFunctionDef, fixtures: Fixtures) -> Bindings:
    """The function's parameters that name a fixture of the file, bound to what the fixture gives."""
    arguments = function.args.posonlyargs + function.args.args + function.args.kwonlyargs
    return {argument.arg: fixtures[argument.arg] for argument in arguments if argument.arg in fixtures}


def _given_images(tree: ast.Module, module: Bindings, environment: dict[str, str] | None) -> list[Value]:
    """The images the file's functions give container classes, through their parameters' values (parametrized, or
    the file's fixtures they name) and locals."""
    out: list[Value] = []
    fixtures = fixture_values(tree)
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        parameters = _parametrized(function, module)
        classes = {name for name, cells in parameters.items() if cells and all(map(_is_container_class, cells))}
        local = _local_bindings(function)
        given = _fixture_parameters(function, fixtures)
        scope = _Scope(module, {**_parameter_defaults(function), **given, **local, **parameters}, environment)
        for call in ast.walk(function):
            if not isinstance(call, ast.Call):
                continue
            if not (_is_container_class(call.func) or _name_of(call.func) in classes):
                continue
            if (argument := _image_argument(call)) is not None:
                out += scope.values(argument)
    return out


def python_container_images(text: str, environment: dict[str, str] | None = None) -> list[Value]:
    """(line, image as written) of the container classes' image defaults and of the parametrized images a Python
    source gives container classes, an environment variable read with a default taking its value in `environment`
    when given one there; a source that does not parse gives none."""
    if (tree := parsed(text)) is None:
        return []
    module = _module_bindings(tree)
    return _class_defaults(tree, _Scope(module, environment=environment)) + _given_images(tree, module, environment)
