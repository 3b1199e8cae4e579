"""The containers an Azure Pipelines file hands a template of its own repository (pure over the tree's texts).

A pipeline extending a 1ES Pipeline Template declares its jobs' containers in the template's `containers` parameter
(azure_pipelines.py). dotnet's repositories put a template of their own in between, chosen by a parameter
(dotnet-monitor's `eng/pipelines/templates/pipeline-template.yml`: `extends: {${{ if ... }}: {template:
/eng/pipelines/templates/pipeline-template-1es.yml@self}, ${{ else }}: {template: ...-legacy.yml@self}, parameters:
{containers: {ALIAS: {image: ...}}}}`). A template of the tree that hands its `containers` parameter on to a 1ES
Pipeline Template (`containers: ${{ parameters.containers }}` in a file extending `1ES.`) or turns it into container
resources (`${{ each c in parameters.containers }}` under `resources:`) makes the caller's
`extends.parameters.containers.ALIAS.image` the images its jobs run in: read at each image's line. The template is
found as Azure Pipelines finds it (https://learn.microsoft.com/en-us/azure/devops/pipelines/process/templates#template-
references): a path starting with `/` from the repository's top (matched as the end of a path of the tree), another
from the caller's directory, `@self` the repository itself; a template of another repository (`@name`), one the tree
lacks, and one that uses the parameter otherwise (its own stages, say) leave them unread.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterator
from typing import Any

from ecr_mirror.choose.discovery.collect import found_item
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.errors import ConfigError

KIND = "Azure Pipelines file"
_EXTENDS_RE = re.compile(r"^extends:", re.MULTILINE)
_PASSED_ON_RE = re.compile(r"containers:[ \t]*\$\{\{[ \t]*parameters\.containers[ \t]*\}\}")
_EACH_RE = re.compile(r"\$\{\{[ \t]*each[ \t]+\w+[ \t]+in[ \t]+parameters\.containers[ \t]*\}\}")


def extended_templates(extends: dict[Any, Any]) -> Iterator[str]:
    """The templates `extends` names: its `template`, and the `template` of each `${{ if }}` / `${{ else }}` branch."""
    for key, value in extends.items():
        if key == "template" and isinstance(value, str):
            yield value.strip()
        elif isinstance(key, str) and key.startswith("${{") and isinstance(value, dict):
            yield from extended_templates(value)


def _passes_containers_on(text: str) -> bool:
    """Whether a template's text hands its `containers` parameter to 1ES's, or makes container resources of it."""
    if _PASSED_ON_RE.search(text) and "1ES." in text:
        return True
    return _EACH_RE.search(text) is not None and re.search(r"^resources:", text, re.MULTILINE) is not None


def _template_text(template: str, caller: str, texts: dict[str, str]) -> str | None:
    path, _, repository = template.partition("@")
    if repository not in ("", "self") or not path.endswith((".yml", ".yaml")):
        return None
    if path.startswith("/"):
        tail = posixpath.normpath(path).lstrip("/")
        matches = sorted(shown for shown in texts if posixpath.normpath(shown).endswith("/" + tail) or shown == tail)
        return texts[matches[0]] if matches else None
    return texts.get(posixpath.normpath(posixpath.join(posixpath.dirname(caller), path)))


def own_template_containers(texts: dict[str, str]) -> list[Found]:
    """The images of `extends.parameters.containers` of the YAML files among `texts` whose extended template (of the
    tree) passes its `containers` on as containers."""
    found: list[Found] = []
    for shown, text in texts.items():
        if not shown.endswith((".yml", ".yaml")) or "containers" not in text or not _EXTENDS_RE.search(text):
            continue
        try:
            documents = load_documents(text, shown)
        except ConfigError:
            continue
        for doc in documents:
            extends = doc.get("extends") if isinstance(doc, dict) else None
            if not isinstance(extends, dict) or any("1ES." in name for name in extended_templates(extends)):
                continue  # a 1ES template itself: azure_pipelines.py reads its containers
            bodies = (_template_text(name, shown, texts) for name in extended_templates(extends))
            if not any(body is not None and _passes_containers_on(body) for body in bodies):
                continue
            parameters = extends.get("parameters")
            containers = parameters.get("containers") if isinstance(parameters, dict) else None
            for entry in containers.values() if isinstance(containers, dict) else ():
                item = found_item(entry.get("image"), shown, "template containers") if isinstance(entry, dict) else None
                found += [dataclasses.replace(item, kind=KIND)] if item else []
    return found
