"""Images Python files give a helper of their project that pulls the image it is given (pure, `ast`).

A project's scripts often start their container through one helper of a shared module: a security scanner's
`zap_common.py` has `def start_docker_zap(docker_image, port, extra_zap_params, mount_dir)`, which runs
`subprocess.check_output(['docker', 'pull', docker_image])` and then `docker run` of it, and its scan scripts, which
`from zap_common import *`, call `start_docker_zap('ghcr.io/zaproxy/zaproxy:weekly', port, params, mount_dir)`.

Read: a top-level function (`pulling_helpers`) holding a list or tuple literal of exactly the program ("docker" or
"podman"), "pull" and one of its parameters, the command `docker pull IMAGE`
(https://docs.docker.com/reference/cli/docker/image/pull/); then (`helper_calls`) each call of it that gives that
parameter a string literal, by position or by keyword, in the file defining it, in a file that imports the name from
its module (`from zap_common import *`, `from zap_common import start_docker_zap`) or, as `MODULE.NAME(...)`, in one
that imports the module (`import zap_common`). The module is matched by its file's name: the callers the cli reader
gives are files of the same tree. Anything else given (a name, an f-string) is known only when the program runs.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from ecr_mirror.choose.discovery.python_syntax import parsed

_PROGRAMS = ("docker", "podman")


@dataclass(frozen=True)
class Helper:
    """A function that pulls one of its parameters: its module (the file's name without `.py`), name, the
    parameter's name and position."""

    module: str
    name: str
    parameter: str
    position: int


def _constant(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def pulling_helpers(text: str, module: str) -> list[Helper]:
    """The top-level functions of the module `text` that pull an image one of their parameters names."""
    tree = parsed(text)
    helpers: list[Helper] = []
    for function in tree.body if tree is not None else ():
        if not isinstance(function, ast.FunctionDef):
            continue
        parameters = [argument.arg for argument in function.args.posonlyargs + function.args.args]
        for node in ast.walk(function):
            if not isinstance(node, ast.List | ast.Tuple) or len(node.elts) != 3:
                continue
            program, verb, image = node.elts
            pulled = _constant(program) in _PROGRAMS and _constant(verb) == "pull"
            if pulled and isinstance(image, ast.Name) and image.id in parameters:
                helpers.append(Helper(module, function.name, image.id, parameters.index(image.id)))
                break
    return helpers


def _imported(tree: ast.Module, helper: Helper) -> tuple[bool, bool]:
    """(whether the bare name is the helper's, whether `MODULE.NAME` is) in a module other than the helper's."""
    bare = qualified = False
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[-1] == helper.module:
            bare = bare or any(alias.name in ("*", helper.name) and alias.asname is None for alias in node.names)
        elif isinstance(node, ast.Import):
            qualified = qualified or any(
                alias.name.split(".")[-1] == helper.module and alias.asname is None for alias in node.names
            )
    return bare, qualified


def helper_calls(text: str, module: str, helpers: list[Helper]) -> list[tuple[int, str, Helper]]:
    """(line, image, helper) of each call in the module `text` that gives a pulling helper a literal image."""
    tree = parsed(text) if helpers else None
    if tree is None:
        return []
    found: list[tuple[int, str, Helper]] = []
    for helper in helpers:
        bare, qualified = (True, False) if helper.module == module else _imported(tree, helper)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = node.func
            named = isinstance(called, ast.Name) and called.id == helper.name and bare
            through = (
                isinstance(called, ast.Attribute)
                and called.attr == helper.name
                and isinstance(called.value, ast.Name)
                and called.value.id == helper.module
                and qualified
            )
            if not (named or through):
                continue
            given = [keyword.value for keyword in node.keywords if keyword.arg == helper.parameter]
            given += node.args[helper.position : helper.position + 1]
            image = _constant(given[0]) if given else None
            if image:
                found.append((node.lineno, image, helper))
    return found
