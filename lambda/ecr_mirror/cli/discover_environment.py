"""The images Scala Testcontainers sources start with the values the tree's workflows give the environment variables
they read with a default (choose/discovery/scala_containers.py, choose/discovery/workflow_environment.py): kyuubi's
`zkVersion = sys.env.getOrElse("KYUUBI_IT_ZOOKEEPER_VERSION", "3.4")` in `s"zookeeper:$zkVersion"`, and its
zookeeper-it job exporting the variable over a matrix of four versions before `./build/mvn ... test`. Each is
listed at the source's line, its use naming the workflow line that gives the value."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.scala_containers import defaulted_variables, variable_images
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, uses_testcontainers
from ecr_mirror.choose.discovery.workflow_environment import environment_values
from ecr_mirror.cli.discover_small_files import small_bytes


def _defaulting(sources: Iterable[tuple[str, Path]]) -> list[tuple[str, str, set[str]]]:
    """(shown, text, variables) of each Scala Testcontainers source reading environment variables with a default."""
    out: list[tuple[str, str, set[str]]] = []
    for shown, path in sources:
        if not shown.endswith(".scala"):
            continue
        if (data := small_bytes(path)) is None or b"getOrElse" not in data:
            continue
        text = data.decode(errors="replace")
        if mentions_testcontainers(data) and uses_testcontainers(text) and (variables := defaulted_variables(text)):
            out.append((shown, text, variables))
    return out


def environment_pulls(sources: Iterable[tuple[str, Path]], texts: dict[str, str]) -> list[Found]:
    """The images the Scala sources among `sources` start with the values the workflows among `texts` give the
    environment variables they read with a default."""
    defaulting = _defaulting(sources)
    names = {name for _, _, variables in defaulting for name in variables}
    if not names:
        return []
    given = [
        (shown, line, name, value)
        for shown, text in texts.items()
        if kind_of(shown) is Kind.WORKFLOW
        for line, name, value in environment_values(text, shown, names)
    ]
    found: list[Found] = []
    for shown, text, variables in defaulting:
        for workflow, at, name, value in given:
            if name not in variables:
                continue
            for line, image in variable_images(text, name, value):
                item = Found(image, shown, line, None, f"testcontainers ({name} of {workflow}:{at})", "Scala source")
                found += [] if any((f.origin, f.line, f.text) == (shown, line, image) for f in found) else [item]
    return found
