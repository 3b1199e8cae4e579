"""The images a Semaphore CI pipeline runs its jobs in (pure).

Semaphore reads `.semaphore/semaphore.yml`, and the pipelines its promotions name in `.semaphore/`
(https://docs.semaphoreci.com/reference/pipeline-yaml). An agent with `containers` runs the jobs in Docker
containers, the first the main one and the others beside it (a database, a cache): each entry's `image`, the
pipeline's `agent` and a block's `task.agent` alike
(https://docs.semaphoreci.com/reference/pipeline-yaml#containers); a machine's `os_image` is a virtual machine, not
a container. The jobs' `commands`, and a task's `prologue` and `epilogue` commands, are shell lines: their `docker
run` lines are read with the other CI steps (cli/discover_scripts.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

KIND = "Semaphore pipeline"
FOLDER = ".semaphore"


def is_semaphore_file(path: PurePath) -> bool:
    return FOLDER in path.parent.parts


def _agents(doc: Mapping[object, object]) -> Iterator[object]:
    yield doc.get("agent")
    blocks = doc.get("blocks")
    for block in blocks if isinstance(blocks, list) else ():
        task = block.get("task") if isinstance(block, Mapping) else None
        yield task.get("agent") if isinstance(task, Mapping) else None


def semaphore_images(text: str, origin: str) -> list[Found]:
    """The `image` of each container of the pipeline's agents, at its line."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        for agent in _agents(doc) if isinstance(doc, Mapping) else ():
            containers = agent.get("containers") if isinstance(agent, Mapping) else None
            for container in containers if isinstance(containers, list) else ():
                image = container.get("image") if isinstance(container, Mapping) else None
                if isinstance(image, str) and image.strip():
                    found.append(Found(image.strip(), origin, line_of(image), use="agent container", kind=KIND))
    return found
