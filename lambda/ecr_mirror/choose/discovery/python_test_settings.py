"""The images a Python test suite's settings give when the environment does not override them (pure, `ast`).

End-to-end suites keep the images they deploy in a settings module, each a name bound to an environment variable
with a default, so CI can swap an image without editing code (mysql-operator's `tests/setup/defaults.py`:
`FLUENTD_IMAGE_NAME = os.getenv("OPERATOR_TEST_FLUENTD_IMAGE_NAME", default="fluent/...:v1.16-debian-s3-amd64-1")`,
read by the suite's configuration and written into the manifests its tests apply). Run as written, the tests use
the default: it is read as `${VAR:-default}` is elsewhere.

Read, in a Python source of a test tree (a directory named `test`, `tests`, `testing`, `e2e`, `integration`,
`integration-tests`, `integration_tests`, `it`, at any depth, or a `conftest.py`, `test_*.py`, `*_test.py`): each
assignment at the module's top level or in a class body there whose target is named for an image (`IMAGE`,
`..._IMAGE`, `..._IMAGE_NAME`, `..._IMAGE_REF`, any case) and whose value is `os.getenv("VAR", "default")`,
`os.environ.get(...)`, `getenv(...)` or `environ.get(...)` with a literal default (second argument or `default=`)
that names a registry, a namespace, a tag or a digest (`mcr.microsoft.com/azure-cli`, `busybox:1.36`; a bare
`shop-operator` is one part of a name the suite composes); at the default's line. Not read: a plain literal (a test
fixture as often as an image used: `FAKE_IMAGE = "registry.example.com/x:1"`), a default built by an expression,
names for a tag, registry or pull policy, names inside functions, sources outside a test tree (an application's
run-time defaults, images it creates at run time), and a source Python's grammar cannot parse.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.python_syntax import parsed
from ecr_mirror.oci.reference import reference_or_none

USE = "test setting (environment default)"
_TEST_DIRECTORIES = frozenset(
    {"test", "tests", "testing", "e2e", "integration", "integration-tests", "integration_tests", "it"}
)
_IMAGE_NAME_RE = re.compile(r"(?:^|_)image(?:_name|_ref)?$", re.IGNORECASE)
_ENV_GETTERS = frozenset({"getenv", "get"})


def in_test_tree(origin: str) -> bool:
    """Whether a Python source belongs to a test suite, by its path."""
    path = PurePosixPath(origin)
    if path.suffix != ".py":
        return False
    name = path.name
    in_directory = any(part.lower() in _TEST_DIRECTORIES for part in path.parts[:-1])
    return in_directory or name == "conftest.py" or name.startswith("test_") or name.endswith("_test.py")


def may_hold_settings(origin: str, data: bytes) -> bool:
    """Whether a source's bytes may hold such a setting (checked before it is decoded)."""
    return in_test_tree(origin) and (b"getenv" in data or b"environ" in data) and b"mage" in data


def is_env_getter(function: ast.expr) -> bool:
    """Whether a call's function is `os.getenv`, `getenv`, `os.environ.get` or `environ.get`."""
    if isinstance(function, ast.Name):
        return function.id == "getenv"
    if not isinstance(function, ast.Attribute) or function.attr not in _ENV_GETTERS:
        return False
    owner = function.value
    if function.attr == "getenv":
        return isinstance(owner, ast.Name) and owner.id == "os"
    return (isinstance(owner, ast.Name) and owner.id == "environ") or (
        isinstance(owner, ast.Attribute) and owner.attr == "environ"
    )


def _default(value: ast.expr | None) -> tuple[int, str] | None:
    """The literal default of an environment lookup with one, and its line."""
    if not isinstance(value, ast.Call) or not is_env_getter(value.func):
        return None
    keyword = next((k.value for k in value.keywords if k.arg == "default"), None)
    given = value.args[1] if len(value.args) > 1 else keyword
    if isinstance(given, ast.Constant) and isinstance(given.value, str):
        return given.lineno, given.value.strip()
    return None


def _assignments(body: list[ast.stmt]) -> Iterator[tuple[str, ast.expr | None]]:
    """(target name, value) of the simple assignments of a module's top level and its classes' bodies."""
    for statement in body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name):
                    yield target.id, statement.value
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            yield statement.target.id, statement.value
        elif isinstance(statement, ast.ClassDef):
            yield from _assignments(statement.body)


def python_test_settings(text: str, origin: str) -> list[Found]:
    """The image defaults of a test suite's settings, in order."""
    if not in_test_tree(origin):
        return []
    if (module := parsed(text)) is None:
        return []
    found: list[Found] = []
    for name, value in _assignments(module.body):
        if not _IMAGE_NAME_RE.search(name) or (default := _default(value)) is None:
            continue
        line, image = default
        if any(mark in image for mark in "/:@") and reference_or_none(image) is not None:
            found.append(Found(image, origin, line, None, USE, "Python source"))
    return found
