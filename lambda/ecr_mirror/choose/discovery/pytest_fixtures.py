"""Images pytest fixtures give pytest-docker-tools containers (pure).

pytest-docker-tools (https://github.com/Jc2k/pytest-docker-tools) formats a container's `image` from fixtures:
`container(image="{cache_image}")` starts the image the fixture `cache_image` returns, pulled when the engine lacks
it. pytest-celery builds its vendors' containers so (`default_rabbitmq_broker = container(image=
"{default_rabbitmq_broker_image}", ...)` in the plugin), and documents overriding the `default_<vendor>_<broker|
backend>_image` fixture in a conftest to change the image
(https://docs.celeryq.dev/projects/pytest-celery/en/latest/userguide/examples/rabbitmq_management.html).

Read, in a Python file that imports pytest_docker_tools or pytest_celery: a function decorated as a pytest fixture
whose body only returns a string literal (after a docstring), when a `container(image="{NAME}")` of the same file
names it, or, in a file importing pytest_celery, when it is named `default_..._image`; the literal is the image.
A fixture computing its value, and one named in another file's template, are not read.
"""

from __future__ import annotations

import ast
import re

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found

MARKS = (b"pytest_docker_tools", b"pytest_celery")
_TEMPLATE_RE = re.compile(r"\{(\w+)\}")
_CELERY_IMAGE_RE = re.compile(r"default_\w+_image")


def _name(node: ast.expr) -> str:
    """`container`, `pytest.fixture`, `fixture(...)` -> the called or named function's last name."""
    node = node.func if isinstance(node, ast.Call) else node
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _templated(tree: ast.Module) -> set[str]:
    """The fixtures the file's `container(image="{NAME}")` calls name."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node) == "container":
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "image" and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    names.update(_TEMPLATE_RE.findall(value.value))
    return names


def _returned(function: ast.FunctionDef) -> ast.Constant | None:
    """The string literal a function's body only returns (a docstring before it allowed)."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and len(body) > 1:
        body = body[1:]
    if len(body) == 1 and isinstance(body[0], ast.Return) and isinstance(body[0].value, ast.Constant):
        return body[0].value if isinstance(body[0].value.value, str) else None
    return None


def fixture_images(text: str, origin: str) -> list[Found]:
    """The images the pytest fixtures of one Python file give pytest-docker-tools containers."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    celery = "pytest_celery" in text
    templated = _templated(tree)
    found: list[Found] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not any(_name(d) == "fixture" for d in node.decorator_list):
            continue
        if node.name not in templated and not (celery and _CELERY_IMAGE_RE.fullmatch(node.name)):
            continue
        if (literal := _returned(node)) is not None:
            item = found_item(literal.value, origin, f"pytest fixture {node.name}")
            found += [Found(item.text, origin, literal.lineno, item.problem, item.use, "Python source")] if item else []
    return found
