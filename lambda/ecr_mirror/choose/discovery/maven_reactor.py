"""The Maven modules of a tree that no reactor builds: a POM the aggregator of the directory above leaves out of its
`<modules>` (pure).

A reactor run from an aggregating POM builds the modules its `<modules>` lists, its profiles' too, and nothing else
of the directories below it (https://maven.apache.org/guides/mini/guide-multiple-modules.html); Maven 4's model
4.1.0 names them `<subprojects>`/`<subproject>` (https://maven.apache.org/ref/4.0.0/maven-model/maven.html, the
`modules` element deprecated for it), read alike. A 4.1.0 aggregator that lists neither has Maven discover its
subprojects (every directory below with a POM): it lists no module here, so it leaves none out. A module left out
(commented out, `<!-- <module>kafka-chaos</module> -->`, or never added) is neither compiled nor tested by
`mvn verify` at the top, nor by `-pl`, which picks among the reactor's modules. A directory whose POM sits below an
aggregating POM (one listing at least one module) of the directory above, and that no POM of the tree lists, is
such a module, and so is every directory below it. Whether something else runs it apart (`mvn -f DIR/pom.xml`) is
for the caller to say (cli/discover_maven_reactor.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from ecr_mirror.choose.discovery.maven_poms import parse_pom

_LISTS = {"module": "modules", "subproject": "subprojects"}  # an item's tag -> its list's


def listed_modules(text: str, directory: str) -> frozenset[str]:
    """The normalized directories of the modules a POM's `<modules>` or `<subprojects>` (its own and its
    profiles') lists, from its `directory` (posix, relative to the tree; "" for the top). A module may be written as
    its POM file (`<module>kafka/pom.xml</module>`): its directory is the module's."""
    project = parse_pom(text) if "<module>" in text or "<subproject>" in text else None
    if project is None:
        return frozenset()
    paths = (
        posixpath.normpath(posixpath.join(directory, node.text))
        for node in project.walk()
        if node.text and node.parent is not None and node.parent.tag == _LISTS.get(node.tag)
    )
    return frozenset(posixpath.dirname(path) if path.endswith(".xml") else path for path in paths)


def unlisted_modules(poms: Mapping[str, str]) -> list[str]:
    """The directories (posix, relative to the tree, as the keys of `poms`: each POM's directory -> its text) of the
    POMs that the aggregating POM of the directory above does not list, and no other POM lists, in order."""
    listed = {directory: listed_modules(text, directory or ".") for directory, text in poms.items()}
    every = frozenset().union(*listed.values()) if listed else frozenset()
    out: list[str] = []
    for directory in sorted(poms):
        above = posixpath.dirname(directory)
        if directory and above in listed and listed[above] and directory not in every:
            out.append(directory)
    return out
