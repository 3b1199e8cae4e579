"""The POMs of a tree, parsed once each, and the properties each sees (pure): its own over its parents', up the chain
of `<parent>` POMs found in the tree (maven_poms.py), with the profiles a run activates and the user properties it
gives (`-P`, `-D`: maven_ci.py) over them.

Maven injects a POM's active profiles into it before inheritance (https://maven.apache.org/guides/introduction/
introduction-to-profiles.html), so at each level of the chain the active profiles' properties are over the level's
own, and a child's over its parent's; user properties are over every POM property. A profile is active when `-P`
names its id, or when its `<activation><property>` names a property `-D` gives (with the `<value>`, when written).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from ecr_mirror.choose.discovery.maven_poms import Node, parent_path, parse_pom, properties_of

POM = "pom.xml"
_MAX_PARENTS = 16


def is_pom(shown: str) -> bool:
    return posixpath.basename(shown) == POM


def _built_ins(chain: list[Node]) -> dict[str, str]:
    """Maven's model values a POM's text may name (https://maven.apache.org/ref/current/maven-model-builder/, "Model
    Interpolation"): `project.version` and `project.groupId`, the POM's own or else the nearest parent's (a child
    inherits them, https://maven.apache.org/pom.html#inheritance), and `project.artifactId` (also as `pom.*`)."""
    values: dict[str, str] = {}
    for project in chain:  # the top one first: a child's over its parent's
        parent = project.child("parent")
        for field in ("version", "groupId", "artifactId"):
            value = project.child_text(field) or (
                parent.child_text(field) if parent and field != "artifactId" else None
            )
            if value and "${" not in value:
                values[f"project.{field}"] = values[f"pom.{field}"] = value
    return values


def _active(profile: Node, profiles: tuple[str, ...], defines: Mapping[str, str]) -> bool:
    if profile.child_text("id") in profiles:
        return True
    activation = profile.child("activation")
    condition = activation.child("property") if activation is not None else None
    name = condition.child_text("name") if condition is not None else None
    if condition is None or not name or name.startswith("!") or name not in defines:
        return False
    value = condition.child_text("value")
    return value is None or value == defines[name]


class Poms:
    """The POMs among a tree's texts (every `pom.xml`), by their normalized path."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = {posixpath.normpath(shown): text for shown, text in texts.items() if is_pom(shown)}
        self._parsed: dict[str, Node | None] = {}

    @property
    def paths(self) -> list[str]:
        return list(self._texts)

    def project(self, path: str) -> Node | None:
        if path not in self._parsed:
            text = self._texts.get(path)
            self._parsed[path] = parse_pom(text) if text is not None else None
        return self._parsed[path]

    def chain(self, path: str) -> list[Node]:
        """The POM and its parents found in the tree, the top one first."""
        chain: list[Node] = []
        seen: set[str] = set()
        current: str | None = path
        while current is not None and current not in seen and len(chain) < _MAX_PARENTS:
            seen.add(current)
            project = self.project(current)
            if project is None:
                break
            chain.append(project)
            current = parent_path(project, current)
        return chain[::-1]

    def properties(
        self, path: str, profiles: tuple[str, ...] = (), defines: Mapping[str, str] | None = None
    ) -> dict[str, str]:
        """The properties a POM sees, with the profiles `profiles` (and `defines`) activate and `defines` over all."""
        defines = defines or {}
        values: dict[str, str] = _built_ins(self.chain(path))
        for project in self.chain(path):
            values.update(properties_of(project))
            block = project.child("profiles")
            for profile in block.children if block is not None else ():
                values.update(properties_of(profile) if _active(profile, profiles, defines) else {})
        values.update(defines)
        return values

    def by_artifact(self, artifact: str) -> list[str]:
        """The paths of the POMs whose `<artifactId>` is `artifact`."""
        return [path for path in self._texts if (p := self.project(path)) and p.child_text("artifactId") == artifact]
