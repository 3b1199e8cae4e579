"""The images Scala Testcontainers sources start with the values the tree's workflows give the environment variables
they read with a default (choose/discovery/scala_containers.py, choose/discovery/workflow_environment.py): kyuubi's
`zkVersion = sys.env.getOrElse("KYUUBI_IT_ZOOKEEPER_VERSION", "3.4")` in `s"zookeeper:$zkVersion"`, and its
zookeeper-it job exporting the variable over a matrix of four versions before `./build/mvn ... test`. Each is
listed at the source's line, its use naming the workflow line that gives the value.

Python Testcontainers sources likewise (choose/discovery/python_containers.py): arq's conftest starts
`RedisContainer(f'redis:{redis_version}')`, its fixture `redis_version` returning `os.getenv('ARQ_TEST_REDIS_VERSION',
'latest')`, and its test job sets `ARQ_TEST_REDIS_VERSION: ${{ matrix.redis }}` over `5`, `6` and `7` for the steps
running `make test` (workflow_environment.PYTHON_TESTS)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.python_containers import defaulted_variables as python_variables
from ecr_mirror.choose.discovery.python_containers import python_container_images
from ecr_mirror.choose.discovery.scala_containers import defaulted_variables, variable_images
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, uses_testcontainers
from ecr_mirror.choose.discovery.workflow_environment import PYTHON_TESTS, environment_values
from ecr_mirror.cli.discover_small_files import small_bytes


def _defaulting(sources: Iterable[tuple[str, Path]], python: bool = False) -> list[tuple[str, str, set[str]]]:
    """(shown, text, variables) of each Scala (or Python) Testcontainers source reading environment variables with
    a default."""
    suffix, mark, variables_of = (".py", b"environ", python_variables) if python else (".scala", b"getOrElse", None)
    out: list[tuple[str, str, set[str]]] = []
    for shown, path in sources:
        if not shown.endswith(suffix):
            continue
        if (data := small_bytes(path)) is None or not _reads_environment(data, mark):
            continue
        text = data.decode(errors="replace")
        if not (mentions_testcontainers(data) and uses_testcontainers(text)):
            continue
        if variables := (variables_of or defaulted_variables)(text):
            out.append((shown, text, variables))
    return out


def _reads_environment(data: bytes, mark: bytes) -> bool:
    return mark in data or (mark == b"environ" and b"getenv" in data)


def _given(texts: dict[str, str], names: set[str], python: bool) -> list[tuple[str, int, str, str]]:
    """(workflow, line, name, value) of each value the workflows give one of `names` where the tests run."""
    runs = {"runs": PYTHON_TESTS} if python else {}
    return [
        (shown, line, name, value)
        for shown, text in texts.items()
        if kind_of(shown) is Kind.WORKFLOW
        for line, name, value in environment_values(text, shown, names, **runs)
    ]


def _python_images(text: str, name: str, value: str) -> list[tuple[int, str]]:
    """The images a Python source starts with `name` set to `value` that it does not start without it."""
    default = set(python_container_images(text))
    return [item for item in python_container_images(text, {name: value}) if item not in default]


def environment_pulls(sources: Iterable[tuple[str, Path]], texts: dict[str, str]) -> list[Found]:
    """The images the Scala sources among `sources` start with the values the workflows among `texts` give the
    environment variables they read with a default."""
    sources = list(sources)
    found: list[Found] = []
    for python in (False, True):
        defaulting = _defaulting(sources, python)
        names = {name for _, _, variables in defaulting for name in variables}
        given = _given(texts, names, python) if names else []
        kind = "Python source" if python else "Scala source"
        for shown, text, variables in defaulting:
            for workflow, at, name, value in given:
                if name not in variables:
                    continue
                images = _python_images(text, name, value) if python else variable_images(text, name, value)
                for line, image in images:
                    item = Found(image, shown, line, None, f"testcontainers ({name} of {workflow}:{at})", kind)
                    found += [] if any((f.origin, f.line, f.text) == (shown, line, image) for f in found) else [item]
    return found
