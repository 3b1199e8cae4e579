"""The images Micronaut Test Resources starts for a test (pure): the `test-resources.containers.NAME.image-name`
property (https://micronaut-projects.github.io/micronaut-test-resources/latest/guide/#_configuration), which picks
the image of the container the test resources server starts in place of the module's default.

Read in YAML configuration (`application.yml`, nested or as a dotted key at any level: `test-resources:
containers: mssql: image-name: ...`) and in program sources where the property's name, a string literal, is followed
by its value, a string literal: `@Property(name = "test-resources.containers.pg.image-name", value = "postgres:16")`
in Java, a Groovy map's `'test-resources.containers.pg.image-name': 'postgres:16'`, a Kotlin pair (`"..." to
"..."`) or a call's two arguments (`Map.of("...", "...")`, `System.setProperty("...", "...")`), not in a program's
main sources (`src/main/`: a generator writing the property into the projects it makes). A module's default image,
when no property names one, is not listed: the module's version decides it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.yaml_loader import line_of, load_documents

MARK = "test-resources"
KIND = "Micronaut Test Resources"
USE = "image-name (test resources container)"
_KEY_RE = re.compile(r"^test-resources\.containers\.[\w-]+\.image-name$")
_SOURCE_RE = re.compile(
    r"""(["'])test-resources\.containers\.[\w-]+\.image-name\1\s*(?:,\s*value\s*=\s*|:\s*|\bto\s+|,\s*)"""
    r"""(["'])([^"'\s$]+)\2"""
)


def _flattened(node: object, prefix: str) -> Iterator[tuple[str, object]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _flattened(value, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, node


def yaml_test_resources_images(text: str, origin: str) -> list[Found]:
    """The `test-resources.containers.*.image-name` values of the YAML documents of `text`."""
    if MARK not in text:
        return []
    found: list[Found] = []
    for document in load_documents(text, origin):
        for key, value in _flattened(document, ""):
            if _KEY_RE.match(key) and isinstance(value, str) and value.strip():
                found.append(Found(value.strip(), origin, line_of(value), None, USE, KIND))
    return found


def source_test_resources_images(text: str, origin: str) -> list[Found]:
    """The image names a program source gives `test-resources.containers.*.image-name` as a string literal; not in a
    program's main sources (Maven's and Gradle's `src/main/`,
    https://maven.apache.org/guides/introduction/introduction-to-the-standard-directory-layout.html): there the
    property is written for another project (a generator's `configuration.put(...)` for the projects it makes)."""
    if MARK not in text or "/src/main/" in f"/{origin}".replace("\\", "/"):
        return []
    lines = LineIndex(text)
    return [
        Found(match.group(3), origin, lines.line(match.start(3)), None, USE, KIND)
        for match in _SOURCE_RE.finditer(text)
    ]
