"""Agola CI configs: `.agola/config.jsonnet`, `.agola/config.yml`, `.agola/config.json` (pure).

https://agola.io/doc/config/reference.html: a run's tasks each run in a `runtime` of `containers`, the first running
the task's steps and the others its services, each started from its `image`. The YAML and JSON forms are read as
data (`runs[].tasks[].runtime.containers[].image`, and the named `runtimes:` of early configs); the Jsonnet form by
its `image` fields, each value read as jsonnet_values.py reads one: through the functions that build the runtimes
and the array comprehensions that call them. A value Jsonnet computes otherwise is unresolved.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jsonnet_values import JsonnetFile, Unknown
from ecr_mirror.choose.discovery.yaml_loader import load_documents

AGOLA_NAMES = frozenset({"config.jsonnet", "config.yml", "config.json"})  # in `.agola/`, in the order Agola tries them
_USE = "runtime.containers[].image"
_FIELD_RE = re.compile(r"(?:(?<![\w.$])image|(['\"])image\1)\s*:{1,3}")
_UNKNOWN = "a value the Jsonnet config computes when Agola runs it (an external variable, a field, a format)"


def is_agola_config(path: str | PurePath) -> bool:
    pure = PurePath(path)
    return pure.parent.name == ".agola" and pure.name in AGOLA_NAMES


def agola_images(text: str, origin: str) -> list[Found]:
    """The images the runtimes of an Agola config pull."""
    if origin.endswith(".jsonnet"):
        return _jsonnet_images(text, origin)
    found: list[Found] = []
    for doc in load_documents(text, origin):
        if not isinstance(doc, dict):
            continue
        runtimes = [task.get("runtime") for run in _dicts(doc.get("runs")) for task in _dicts(run.get("tasks"))]
        named = doc.get("runtimes")
        runtimes += list(named.values()) if isinstance(named, dict) else []
        for runtime in runtimes:
            containers = runtime.get("containers") if isinstance(runtime, dict) else None
            for container in _dicts(containers):
                item = found_item(container.get("image"), origin, _USE)
                found += [item] if item else []
    return found


def _dicts(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _jsonnet_images(text: str, origin: str) -> list[Found]:
    source = JsonnetFile(text)
    found: list[Found] = []
    for match in _FIELD_RE.finditer(text):
        if source.masked[match.start()] != text[match.start()]:
            continue  # in a string or a comment
        start = match.end()
        end = source.expression_end(start)
        line = text.count("\n", 0, match.start()) + 1
        try:
            found += [Found(value, origin, line, use=_USE) for value in source.values(start, end) if value.strip()]
        except Unknown:
            found.append(Found(" ".join(text[start:end].split()), origin, line, _UNKNOWN, _USE))
    return found
