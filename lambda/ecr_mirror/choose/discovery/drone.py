"""The images a Drone CI pipeline runs (pure).

A Drone configuration (`.drone.yml`, `.drone.yaml`; https://docs.drone.io/pipeline/overview/) holds YAML documents
of several kinds: each `kind: pipeline` of a runner that starts containers (`type: docker`, the default, or
`kubernetes`; https://docs.drone.io/pipeline/docker/syntax/) names an `image` for each of its `steps` and
`services` (a plugin is a step whose image is the plugin, `plugins/docker`); a pipeline of `type: exec`, `ssh`,
`digitalocean` or `macstadium` runs its commands on a machine, with no image, and the `secret` and `signature`
documents name none. Files of Drone 0.8 (`pipeline:` a mapping of steps, `services:` a mapping, a top-level
`matrix` substituted as `${NAME}`) are read as Woodpecker's, their common ancestor (woodpecker.py). Drone's own
variables (`${DRONE_TAG}`) are known when the pipeline runs: unresolved, naming them. The `docker run` lines of the
steps' `commands` are read with the other CI steps (cli/discover_scripts.py). Drone's implicit clone step
(`drone/git`) is written nowhere and not listed.
"""

from __future__ import annotations

import functools

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.woodpecker import combinations, section_images
from ecr_mirror.choose.discovery.yaml_loader import load_documents

NAMES = (".drone.yml", ".drone.yaml")
_CONTAINER_RUNNERS = ("docker", "kubernetes")


def _explain(name: str) -> str:
    return f"${{{name}}} is a Drone variable, known when the pipeline runs"


def drone_images(text: str, origin: str) -> list[Found]:
    matrix = functools.cache(lambda: combinations(text))
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict) or str(doc.get("kind", "pipeline")) != "pipeline":
            continue
        if str(doc.get("type", "docker")) in _CONTAINER_RUNNERS:
            found += section_images(doc, origin, matrix, _explain)
    return found
