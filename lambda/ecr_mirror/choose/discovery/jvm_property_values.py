"""The images a JVM project's sources give the properties its Testcontainers code reads its image from (pure).

A library reads the image it starts from a property with a default (zonky's `environment.getProperty("zonky.test.
database.postgres.docker.image", "postgres:11-alpine")`, jvm_properties.py); its tests set that property to start
another image: a Spring test's `@TestPropertySource(properties = "name=postgres:9.6-alpine")` or `@SpringBootTest(
properties = ...)` (any string literal `"name=value"`, also `"--name=value"`), and calls giving it as a pair of
literals, `environment.setProperty("name", "value")`, `withProperty`, `System.setProperty`, a map's `put`, a
`DynamicPropertyRegistry`'s `registry.add("name", () -> "value")`. Read here, in Java, Kotlin and Groovy sources,
for the names given: each value that is an image reference with a tag or a digest, at its line (`use`: `name
(property)`). A value without one (`test-image`, a placeholder a unit test compares configurations with, never
pulled) is not listed: the suite's own images are written with a tag.

A Spring Boot module sets them in properties files of its resources too (`properties_file_images`): a test's
`src/test/resources/bootstrap.properties` (`embedded.db2.docker-image=ibmcom/db2:11.5.0.0a`), a file a configuration
loads with `@PropertySource("classpath:/embedded-enterprise-aerospike.properties")`; each `name=value` (`name:
value`, https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/util/Properties.html#load(java.io.Reader))
of a name given, its value an image with a tag or a digest, at its line.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

_ASSIGNED_RE = re.compile(r'''"(?:--)?(?P<name>[\w.\-\[\]]+)\s*=\s*(?P<value>[^"\\\s]+)\s*"''')
_PAIR_RE = re.compile(
    r"""\b(?:setProperty|withProperty|put|add)\s*\(\s*"(?P<name>[^"\\\n]+)"\s*,\s*(?:\(\s*\)\s*->\s*)?"""
    r""""(?P<value>[^"\\\n]+)"\s*\)"""
)
_COMMENTS = ("//", "*", "/*")
# `name=value`, `name = value`, `name: value` of a properties file (a line starting `#` or `!` is a comment)
_ENTRY_RE = re.compile(r"^[ \t]*(?P<name>[^#!\s=:][^\s=:]*)[ \t]*[=:][ \t]*(?P<value>\S+)[ \t]*$", re.MULTILINE)
PROPERTIES_KIND = "Java properties file"


def _tagged(value: str) -> bool:
    reference = reference_or_none(value, default_tag=None)
    return reference is not None and (reference.tag is not None or reference.digest is not None)


def source_property_images(text: str, origin: str, names: Collection[str], kind: str) -> list[Found]:
    """The images the source `text` gives the properties `names`."""
    lines = LineIndex(text)
    given: dict[tuple[int, str], str] = {}
    for pattern in (_ASSIGNED_RE, _PAIR_RE):
        for match in pattern.finditer(text):
            if match["name"] in names and _tagged(match["value"]) and not lines.led_by(match.start(), _COMMENTS):
                given.setdefault((lines.line(match.start("value")), match["value"]), match["name"])
    return [
        Found(value, origin, line, use=f"{name} (property)", kind=kind) for (line, value), name in sorted(given.items())
    ]


def properties_file_images(text: str, origin: str, names: Collection[str]) -> list[Found]:
    """The images a properties file (`bootstrap.properties`) gives the properties `names`."""
    lines = LineIndex(text)
    return [
        Found(m["value"], origin, lines.line(m.start("value")), use=f"{m['name']} (property)", kind=PROPERTIES_KIND)
        for m in _ENTRY_RE.finditer(text)
        if m["name"] in names and _tagged(m["value"])
    ]
