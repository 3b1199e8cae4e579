"""Helmfile's state files (`helmfile.yaml`, `helmfile.yaml.gotmpl`, `helmfile.d/*.yaml`) (pure): the releases
they install and the values each gives its chart (https://helmfile.readthedocs.io/en/latest/#configuration): a
values file path, relative to the helmfile, or an inline mapping. A helmfile is a Go template: a path with
`{{ .Environment.Name }}` is one path per environment the helmfile declares (`environments:`, else `default`), and
any other template action is known only when helmfile renders it (a path holding one is not read); a control
action alone on its line (`{{ if ... }}`, `{{ end }}`) is dropped, both branches read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.choose.discovery.yaml_sources import image_fields
from ecr_mirror.errors import ConfigError

KIND = "Helmfile release values"
PLACEHOLDER = "__helmfile_template__"
_ENVIRONMENT_RE = re.compile(r"\{\{-?\s*\.Environment\.Name\s*-?\}\}")
_ACTION_RE = re.compile(r"\{\{.*?\}\}")
_CONTROL_LINE_RE = re.compile(r"\s*\{\{-?\s*(?:if|else|end|range|with|define|block|template)\b.*?\}\}\s*")


@dataclass
class Release:
    chart: str
    paths: list[str] = field(default_factory=list)  # values files, relative to the helmfile
    inline: list[Found] = field(default_factory=list)  # the `image:` strings of inline values


def rendered(text: str, environment: str) -> str:
    """The text with `{{ .Environment.Name }}` rendered, control lines dropped and any other action a
    placeholder, line for line."""
    lines = _ENVIRONMENT_RE.sub(environment, text).split("\n")
    return "\n".join("" if _CONTROL_LINE_RE.fullmatch(line) else _ACTION_RE.sub(PLACEHOLDER, line) for line in lines)


def _documents(text: str, origin: str) -> list[object]:
    try:
        return load_documents(text, origin)
    except ConfigError:
        return []


def _environments(text: str, origin: str) -> list[str]:
    names = [
        str(name)
        for doc in _documents(rendered(text, "default"), origin)
        if isinstance(doc, dict) and isinstance(doc.get("environments"), dict)
        for name in doc["environments"]
    ]
    return list(dict.fromkeys(names)) or ["default"]


def _inline(values: dict[object, object], origin: str) -> list[Found]:
    found: list[Found] = []
    for value in image_fields(values, set()):
        item = found_item(value, origin, "values image")
        if item and PLACEHOLDER not in item.text:
            found.append(Found(item.text, item.origin, item.line, item.problem, item.use, KIND))
    return found


def helmfile_releases(text: str, origin: str) -> list[Release]:
    """The releases of every environment, one per chart, their values paths and inline images merged."""
    releases: dict[str, Release] = {}
    for environment in _environments(text, origin):
        for doc in _documents(rendered(text, environment), origin):
            entries = doc.get("releases") if isinstance(doc, dict) else None
            for entry in entries if isinstance(entries, list) else []:
                chart = entry.get("chart") if isinstance(entry, dict) else None
                if not isinstance(chart, str) or PLACEHOLDER in chart:
                    continue
                release = releases.setdefault(chart, Release(chart))
                values = entry.get("values")
                for item in values if isinstance(values, list) else []:
                    if isinstance(item, str) and PLACEHOLDER not in item and item not in release.paths:
                        release.paths.append(item)
                    elif isinstance(item, dict):
                        known = {(each.text, each.line) for each in release.inline}
                        release.inline += [f for f in _inline(item, origin) if (f.text, f.line) not in known]
    return list(releases.values())
