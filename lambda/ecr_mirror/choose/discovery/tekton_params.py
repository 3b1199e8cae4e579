"""Tekton's parameters in the images of its Tasks' steps, step templates and sidecars (pure).

A Task declares its parameters (`params: [{name, default}]`) and its steps use them as `$(params.NAME)`,
`$(params['NAME'])` or `$(params["NAME"])`, `image:` included; Tekton replaces each with the value the TaskRun (or
the Pipeline's task, or the PipelineRun) gives the parameter, else with the Task's default
(https://tekton.dev/docs/pipelines/variables/, https://tekton.dev/docs/pipelines/tasks/#specifying-parameters). In a
file of Tekton documents (`apiVersion: tekton.dev/...`), an image so written is read with the values the file gives
the parameter (`params: [{name, value}]`), else its default there: a TaskRun's `value: ubuntu` over its embedded
`taskSpec`'s default, a Task's `default: gcr.io/kaniko-project/executor:v1.8.1` when the file gives no value. A
parameter with no literal value or default in the file (given when the run is created), or with several different
ones, leaves the image unresolved, naming it; a value that is itself a parameter (`$(params.registry)/app`) is none.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.collect import Explain, Resolver
from ecr_mirror.choose.discovery.variables import Unset
from ecr_mirror.choose.discovery.yaml_walk import entries

_API_GROUP = "tekton.dev/"
_PARAM_RE = re.compile(r"\$\(params(?:\.([\w-]+)|\[(['\"])([\w.-]+)\2\])\)")


def _literal(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() and "$(" not in value else None


class TektonParameters:
    """The values (`given`) and defaults a file's Tekton documents give each parameter, by name."""

    def __init__(self, documents: list[object]) -> None:
        self.given: dict[str, set[str]] = {}
        self.defaults: dict[str, set[str]] = {}
        for parent, key, child in entries(documents):
            if key != "params" or not isinstance(parent, dict) or not isinstance(child, list):
                continue
            for entry in child:
                if not isinstance(entry, dict) or not isinstance(name := entry.get("name"), str):
                    continue
                if (value := _literal(entry.get("value"))) is not None:
                    self.given.setdefault(name, set()).add(value)
                if (default := _literal(entry.get("default"))) is not None:
                    self.defaults.setdefault(name, set()).add(default)

    def _values(self, name: str) -> set[str]:
        return self.given.get(name) or self.defaults.get(name) or set()

    def resolve(self, text: str) -> str:
        """`text` with each parameter replaced by its one value; Unset naming the first without one."""

        def value(match: re.Match[str]) -> str:
            name = match.group(1) or match.group(3)
            values = self._values(name)
            if len(values) != 1:
                raise Unset(name)
            return next(iter(values))

        return _PARAM_RE.sub(value, text)

    def explain(self, name: str) -> str:
        if len(self._values(name)) > 1:
            return f"the Tekton parameter {name} has several values in this file: one per run"
        return f"the Tekton parameter {name} has no value or default in this file (the run gives it)"


def tekton_parameters(documents: list[object]) -> tuple[Resolver, Explain] | None:
    """How the images of a file's Tekton documents are resolved; None for a file without any."""
    if not any(isinstance(doc, dict) and str(doc.get("apiVersion", "")).startswith(_API_GROUP) for doc in documents):
        return None
    parameters = TektonParameters([doc for doc in documents if isinstance(doc, dict)])
    return parameters.resolve, parameters.explain


def is_tekton(doc: object) -> bool:
    return isinstance(doc, dict) and str(doc.get("apiVersion", "")).startswith(_API_GROUP)
