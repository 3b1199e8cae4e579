"""The values a pytest suite's fixtures give the test and fixture functions that name them (pure, `ast`).

pytest hands a function each fixture its parameters name (https://docs.pytest.org/en/stable/how-to/fixtures.html),
so in a conftest's `def cache_container(cache_version):` the name `cache_version` is what the fixture
`cache_version` returns. Read, from one file:

- a function decorated as a fixture (`@pytest.fixture`, `@pytest.fixture(...)`, `@fixture`, `@pytest_asyncio.fixture`),
  named by its `name=` keyword or else its own name, whose body (after a docstring) is one `return EXPR`: EXPR
  (`return os.getenv("APP_TEST_CACHE_VERSION", "7.2")`, `return APIClient(version="auto")`); when EXPR is
  `request.param`, the elements of the decorator's `params=[...]` list (a `pytest.param(value, ...)` is its value),
  https://docs.pytest.org/en/stable/how-to/fixtures.html#parametrizing-fixtures;
- `metafunc.parametrize("NAME", VALUES)` in a `pytest_generate_tests` hook, which parametrizes the fixture name
  NAME (https://docs.pytest.org/en/stable/how-to/parametrize.html#pytest-generate-tests): VALUES a list or tuple
  written there, or a name the hook binds to such lists, every one of them (a hook choosing `["16"]` by default and
  `["14", "15", "16"]` for a command-line option's `all` gives the three: each list is a run's set); a value the
  hook computes (`list(metafunc.config.option.db_version)`, the user's option) adds nothing.

A fixture whose body does more (binds a name, branches) is not read: its value is known only when it runs.
"""

from __future__ import annotations

import ast

Fixtures = dict[str, list[ast.expr]]

_FIXTURE_DECORATORS = frozenset({"fixture", "yield_fixture"})


def _decorator_name(decorator: ast.expr) -> str | None:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else None


def _keyword(decorator: ast.expr, name: str) -> ast.expr | None:
    if not isinstance(decorator, ast.Call):
        return None
    return next((keyword.value for keyword in decorator.keywords if keyword.arg == name), None)


def _statements(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    """The body without its docstring."""
    body = function.body
    if body and isinstance(first := body[0], ast.Expr) and isinstance(first.value, ast.Constant):
        return body[1:]
    return body


def _is_request_param(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "param" and isinstance(node.value, ast.Name)


def _elements(node: ast.expr | None) -> list[ast.expr]:
    """The items of a list or tuple literal, a `pytest.param(value, ...)` read as its value."""
    if not isinstance(node, ast.List | ast.Tuple):
        return []
    out: list[ast.expr] = []
    for element in node.elts:
        if isinstance(element, ast.Call) and _decorator_name(element) == "param":
            out += element.args[:1]
        else:
            out.append(element)
    return out


def _fixture(function: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, list[ast.expr]] | None:
    """(fixture name, the values it gives) of a fixture whose body is one `return`; None for any other function."""
    decorator = next((d for d in function.decorator_list if _decorator_name(d) in _FIXTURE_DECORATORS), None)
    if decorator is None:
        return None
    named = _keyword(decorator, "name")
    name = named.value if isinstance(named, ast.Constant) and isinstance(named.value, str) else function.name
    statements = _statements(function)
    if len(statements) != 1 or not isinstance(returned := statements[0], ast.Return) or returned.value is None:
        return None
    if _is_request_param(returned.value):
        return name, _elements(_keyword(decorator, "params"))
    return name, [returned.value]


def _generated(hook: ast.FunctionDef | ast.AsyncFunctionDef) -> Fixtures:
    """The values `metafunc.parametrize("NAME", VALUES)` gives each NAME in a `pytest_generate_tests` hook."""
    lists: Fixtures = {}
    for node in ast.walk(hook):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List | ast.Tuple):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    lists.setdefault(target.id, []).extend(_elements(node.value))
    out: Fixtures = {}
    for call in ast.walk(hook):
        if not (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "parametrize"
        ):
            continue
        if len(call.args) < 2 or not isinstance(name := call.args[0], ast.Constant) or not isinstance(name.value, str):
            continue
        if "," in name.value:
            continue  # several names take the cells of rows: not read
        values = call.args[1]
        given = lists.get(values.id, []) if isinstance(values, ast.Name) else _elements(values)
        out.setdefault(name.value.strip(), []).extend(given)
    return out


def fixture_values(tree: ast.Module) -> Fixtures:
    """Each fixture name of the module and the expressions it may give a function naming it."""
    out: Fixtures = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if node.name == "pytest_generate_tests":
            for name, values in _generated(node).items():
                out.setdefault(name, []).extend(values)
        elif (fixture := _fixture(node)) is not None and fixture[1]:
            out.setdefault(fixture[0], []).extend(fixture[1])
    return out
