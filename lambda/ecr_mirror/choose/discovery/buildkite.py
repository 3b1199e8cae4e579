"""The images a Buildkite pipeline runs its steps in (pure).

A pipeline (`.buildkite/pipeline.yml`, any YAML under `.buildkite/` that `buildkite-agent pipeline upload` is given,
`buildkite.yml`; https://buildkite.com/docs/pipelines/configure) is a list of `steps` (also inside `group` steps;
the list alone is a pipeline too); a step's docker plugin (`docker#v5.8.0`,
`buildkite-plugins/docker-buildkite-plugin#v5`, or its URL) pulls its `image` and runs the step's command in it
(https://github.com/buildkite-plugins/docker-buildkite-plugin); hosted agents run a command step in the pipeline's
or the step's `image` (https://buildkite.com/docs/agent/buildkite-hosted/linux/custom-agent-images), and the Agent
Stack for Kubernetes in the containers of the `kubernetes` plugin's `podSpec`
(https://buildkite.com/docs/agent/self-hosted/agent-stack-k8s/podspec); an `agents:` mapping's `image` written with
a tag or digest is the container its Kubernetes agents run the step in (Elastic's pipelines, `agents: {image:
"golang:1.26.5@sha256:...", cpu: "16"}`), unless it names another `provider` (`gcp`: a VM image family). `$NAME` and
`${NAME:-default}` are interpolated when the pipeline is uploaded, from the pipeline's `env:` (its top-level
mapping, then the step's) or the agent's environment: a name without a value in the file is unresolved, naming it
(`$$` is a `$`). The docker-compose plugin runs the services of compose files (read as compose files); the `docker
run` lines of steps' commands are read with the other CI steps (cli/discover_scripts.py). Matrix steps' `{{matrix}}`
is unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import Resolver, found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.variables import expand
from ecr_mirror.choose.discovery.yaml_loader import load_documents

KIND = "Buildkite pipeline"
# a pipeline: a top-level `steps:`, or the list of its steps alone (its first line not a comment is a list item)
_PIPELINE_RE = re.compile(r"^steps:|\A(?:[ \t]*(?:#[^\n]*)?\n)*(?:---[ \t]*\n)?-[ \t]", re.MULTILINE)
_DOCKER_PLUGINS = ("docker", "docker-buildkite-plugin")
_TAGGED_RE = re.compile(r"(?::[\w][\w.-]*|@sha256:[0-9a-f]{64})$")  # an image written with a tag or a digest


def _steps(steps: object, seen: set[int]) -> Iterator[dict[Any, Any]]:
    """The steps of a list, those of group steps in it too, each once (a YAML alias may make a group hold itself)."""
    for step in steps if isinstance(steps, list) else ():
        if isinstance(step, dict) and id(step) not in seen:
            seen.add(id(step))
            yield step
            yield from _steps(step.get("steps"), seen)  # a group step


def steps_of(doc: object) -> Iterator[dict[Any, Any]]:
    """The steps of one of a pipeline's documents (its `steps:`, or the document is the list), group steps' too."""
    return _steps(doc.get("steps") if isinstance(doc, dict) else doc, set())


def _plugins(step: dict[Any, Any]) -> Iterator[tuple[str, object]]:
    """(plugin name without its version, its configuration) of each plugin of a step (a list or a mapping)."""
    plugins = step.get("plugins")
    entries = [plugins] if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for entry in entries:
        for name, config in entry.items() if isinstance(entry, dict) else ():
            yield str(name).split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1], config


def _env(node: object) -> dict[str, str | None]:
    env = node.get("env") if isinstance(node, dict) else None
    return (
        {str(key): None if value is None else str(value) for key, value in env.items()} if isinstance(env, dict) else {}
    )


def _explain(name: str) -> str:
    return (
        f"${name} has no value in the pipeline's env (the agent's environment gives it when the pipeline is uploaded)"
    )


def _resolver(values: dict[str, str | None]) -> Resolver:
    return lambda written: expand(written, values, dollar_escape=True)


def is_buildkite_pipeline(text: str) -> bool:
    """Whether a YAML file under `.buildkite/` is a pipeline (else it is read as any other YAML file)."""
    return _PIPELINE_RE.search(text) is not None


def _pod_images(config: object) -> list[object]:
    """The images of the containers of a kubernetes plugin's `podSpec`."""
    spec = config.get("podSpec") if isinstance(config, dict) else None
    images: list[object] = []
    for key in ("initContainers", "containers"):
        containers = spec.get(key) if isinstance(spec, dict) else None
        images += [c.get("image") for c in containers if isinstance(c, dict)] if isinstance(containers, list) else []
    return images


def _step_images(step: dict[Any, Any]) -> list[tuple[object, str]]:
    """(value, use) of the images a step runs in: its `image`, its docker plugin's, its kubernetes pod's."""
    images: list[tuple[object, str]] = [(step["image"], "step image")] if "image" in step else []
    agents = step.get("agents")
    if (
        isinstance(agents, dict)
        and agents.get("provider", "k8s") == "k8s"
        and _TAGGED_RE.search(str(agents.get("image")))
    ):
        images.append((agents["image"], "agents image"))
    for name, config in _plugins(step):
        if name in _DOCKER_PLUGINS and isinstance(config, dict):
            images.append((config.get("image"), "docker plugin image"))
        elif name == "kubernetes":
            images += [(image, "kubernetes plugin podSpec image") for image in _pod_images(config)]
    return images


def buildkite_images(text: str, origin: str) -> list[Found]:
    """The images the steps of a pipeline's documents run in, in order."""
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if isinstance(doc, dict) and "image" in doc:
            item = found_item(doc["image"], origin, "pipeline image", _resolver(_env(doc)), _explain)
            found += [item] if item else []
        for step in steps_of(doc):
            resolve = _resolver({**_env(doc), **_env(step)})
            for image, use in _step_images(step):
                item = found_item(image, origin, use, resolve, _explain)
                found += [item] if item else []
    return found
