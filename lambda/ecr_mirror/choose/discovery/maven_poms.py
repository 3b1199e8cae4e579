"""Maven POMs as element trees with line numbers, their properties, parents and `${name}` interpolation (pure).

A POM's `${name}` takes the value of a property of the POM's `<properties>`, else of its parent's, up the chain of
`<parent>` POMs (https://maven.apache.org/pom.html#Properties, .../pom.html#Inheritance); a parent is found at its
`<relativePath>`, `../pom.xml` when the element is left out, and looked up in the repository only when it is written
empty (`<relativePath/>`: not in the tree). A property a profile sets applies when the profile is active
(https://maven.apache.org/guides/introduction/introduction-to-profiles.html), so a plugin declared inside a
`<profile>` is read with that profile's properties over the POM's.

The POM is parsed with expat, which reports the line of each element (ElementTree does not); a POM that is not XML
gives no tree (its reader reports nothing from it).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from xml.parsers import expat

_VARIABLE_RE = re.compile(r"\$\{([\w.-]+)\}")


@dataclass
class Node:
    """One XML element: its tag (namespace dropped), its text (stripped), its line and its children."""

    tag: str
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    def child(self, tag: str) -> Node | None:
        return next((node for node in self.children if node.tag == tag), None)

    def child_text(self, tag: str) -> str | None:
        node = self.child(tag)
        return node.text if node is not None else None

    def walk(self) -> list[Node]:
        """This element and every element below it, in document order."""
        out = [self]
        for node in self.children:
            out += node.walk()
        return out

    def ancestor(self, tag: str) -> Node | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


def parse_pom(text: str) -> Node | None:
    """The element tree of a POM's text; None when it is not XML."""
    parser = expat.ParserCreate()
    stack: list[Node] = []
    texts: list[list[str]] = []
    root: list[Node] = []

    def start(tag: str, _attributes: dict[str, str]) -> None:
        node = Node(tag.rsplit(":", 1)[-1], parser.CurrentLineNumber, parent=stack[-1] if stack else None)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)
        texts.append([])

    def end(_tag: str) -> None:
        stack.pop().text = "".join(texts.pop()).strip()

    def data(chunk: str) -> None:
        if texts:
            texts[-1].append(chunk)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text.encode(), True)
    except expat.ExpatError:
        return None
    return root[0] if root else None


def properties_of(node: Node | None) -> dict[str, str]:
    """The `<properties>` an element (the project, or a profile) declares."""
    block = node.child("properties") if node is not None else None
    return {item.tag: item.text for item in block.children} if block is not None else {}


def parent_path(project: Node, origin: str) -> str | None:
    """The path of the parent POM in the tree (relative to the tree like `origin`); None without a parent or when
    the parent is not looked up in the tree (`<relativePath/>`)."""
    parent = project.child("parent")
    if parent is None:
        return None
    relative = parent.child_text("relativePath")
    if relative is None:
        relative = "../pom.xml"
    if not relative:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(origin), relative))
    return path if path.endswith(".xml") else posixpath.join(path, "pom.xml")


def profile_properties(node: Node) -> dict[str, str]:
    """The properties of the profile an element is declared in (none outside profiles)."""
    return properties_of(node.ancestor("profile"))


def interpolated(value: str, properties: dict[str, str]) -> tuple[str, str | None]:
    """`value` with each `${name}` replaced by its property, and None; or `value` as written and why not."""
    written = value
    for _ in range(8):
        names = _VARIABLE_RE.findall(value)
        if not names:
            return value, None
        missing = [name for name in names if name not in properties]
        if missing:
            why = f"${{{missing[0]}}} is not a property of this POM or its parents (-D or a profile may set it)"
            return written, why
        value = _VARIABLE_RE.sub(lambda m: properties[m.group(1)], value)
    return written, "a property defined through itself"


@dataclass(frozen=True)
class FilteredDirectory:
    """A resource directory Maven copies with filtering (its `${name}`s replaced by the POM's properties), relative
    to the POM, with the `<includes>`/`<excludes>` patterns it declares, the profile properties that apply, and the
    line of its `<filtering>`."""

    directory: str
    includes: tuple[str, ...]
    excludes: tuple[str, ...]
    properties: dict[str, str]
    line: int


def filtered_directories(project: Node) -> list[FilteredDirectory]:
    """The `<resource>` and `<testResource>` directories declared with `<filtering>true</filtering>`
    (https://maven.apache.org/plugins/maven-resources-plugin/examples/filter.html)."""
    out: list[FilteredDirectory] = []
    for node in project.walk():
        filtering = node.child("filtering") if node.tag in ("resource", "testResource") else None
        directory = node.child_text("directory")
        if filtering is None or filtering.text != "true" or not directory:
            continue
        includes = tuple(item.text for item in (node.child("includes") or Node("", 0)).children if item.text)
        excludes = tuple(item.text for item in (node.child("excludes") or Node("", 0)).children if item.text)
        out.append(FilteredDirectory(directory, includes, excludes, profile_properties(node), filtering.line))
    return out
