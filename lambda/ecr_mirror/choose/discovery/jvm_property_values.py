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
