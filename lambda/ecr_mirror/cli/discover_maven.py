"""The images Maven plugins of the tree's POMs pull, read with the properties of each POM's parent chain
(choose/discovery/maven_poms.py, maven_docker.py): the POMs are among the texts read (every `pom.xml`), a parent
found at its `<relativePath>` (by default `../pom.xml`); a parent outside the tree gives no properties."""

from __future__ import annotations

import posixpath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.maven_docker import maven_docker_images
from ecr_mirror.choose.discovery.maven_poms import Node, parent_path, parse_pom, properties_of

_POM = "pom.xml"
_MAX_PARENTS = 16


class Poms:
    """The POMs among a tree's texts, parsed once each, by their normalized path."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = {posixpath.normpath(shown): text for shown, text in texts.items() if _is_pom(shown)}
        self._parsed: dict[str, Node | None] = {}

    def project(self, path: str) -> Node | None:
        if path not in self._parsed:
            text = self._texts.get(path)
            self._parsed[path] = parse_pom(text) if text is not None else None
        return self._parsed[path]

    def properties(self, path: str) -> dict[str, str]:
        """The properties a POM sees: its own over its parents', up the chain in the tree."""
        chain: list[dict[str, str]] = []
        seen: set[str] = set()
        current: str | None = path
        while current is not None and current not in seen and len(chain) < _MAX_PARENTS:
            seen.add(current)
            project = self.project(current)
            if project is None:
                break
            chain.append(properties_of(project))
            current = parent_path(project, current)
        values: dict[str, str] = {}
        for properties in reversed(chain):
            values.update(properties)
        return values


def _is_pom(shown: str) -> bool:
    return posixpath.basename(shown) == _POM


def maven_pulls(texts: dict[str, str]) -> list[Found]:
    """The images the docker-maven-plugin of each POM among `texts` pulls (a POM without it is not parsed)."""
    poms = Poms(texts)
    found: list[Found] = []
    for shown, text in texts.items():
        if not _is_pom(shown) or "docker-maven-plugin" not in text:
            continue
        path = posixpath.normpath(shown)
        project = poms.project(path)
        if project is not None:
            found += maven_docker_images(project, shown, poms.properties(path))
    return found
