"""A Dagger Python function's `from_` of an f-string over its own parameter (`.from_(f"golang:{version}")` with
`version: str = "1.24-alpine"`) starts from the image the parameter's default gives, the value a call that passes
none runs with (https://docs.dagger.io/api/arguments/#default-values; Python's default argument values,
https://docs.python.org/3/tutorial/controlflow.html#default-argument-values)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.dagger_pipelines import dagger_images
from tests.support.hang_guard import finishes

PIPELINE = """\
from typing import Optional

from dagger import dag, Container, Secret


async def go_builder(token: Optional[Secret] = None, version: str = "1.24-alpine") -> Container:
    return (
        dag.container()
        .from_(f"golang:{version}")
        .with_env_variable("CGO_ENABLED", "0")
    )


def python_builder(
    base: str = 'python',
    tag: str = "3.12-slim",
) -> Container:
    return dag.container().from_(f"{base}:{tag}")


def unknown(version: str) -> Container:
    return dag.container().from_(f"node:{version}")


def computed(version: str = "22") -> Container:
    return dag.container().from_(f"node:{version.upper()}")
"""


def test_an_f_string_over_the_function_s_parameter_defaults() -> None:
    found = dagger_images(PIPELINE, ".dagger/src/builders.py")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("golang:1.24-alpine", 9, "dagger"),
        ("python:3.12-slim", 18, "dagger"),
    ]


def _unclosed(count: int) -> int:
    text = "import dagger\n" + 'def f(v: str = "1",\n' * count + '.from_(f"node:{v}")\n' * count
    return len(dagger_images(text, "x.py"))


def test_many_unclosed_definitions_stay_linear() -> None:
    assert finishes(_unclosed, 20_000) >= 0
