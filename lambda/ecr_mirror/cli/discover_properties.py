"""The images the tree's workflows give its JVM test suites as system properties their Testcontainers sources read
with a default (choose/discovery/jvm_properties.py): the Java and Kotlin sources with Testcontainers images are read
again for the properties those images are the defaults of, then the workflows for the `-Dname=value` they pass."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_properties import image_properties, property_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of

_MAX_BYTES = 1024 * 1024
_JVM = (".java", ".kt")


def _properties(found: Iterable[Found], sources: Iterable[tuple[str, Path]]) -> set[str]:
    lines: dict[str, set[int]] = {}
    for item in found:
        if item.origin.endswith(_JVM) and item.use.startswith("testcontainers") and item.line:
            lines.setdefault(item.origin, set()).add(item.line)
    names: set[str] = set()
    for shown, path in sources:
        if shown in lines:
            try:
                if path.stat().st_size <= _MAX_BYTES:
                    names |= image_properties(path.read_text(errors="replace"), lines[shown])
            except OSError:
                continue
    return names


def property_pulls(found: Iterable[Found], sources: Iterable[tuple[str, Path]], texts: dict[str, str]) -> list[Found]:
    """The images the workflows among `texts` give the system properties the sources' images are defaults of."""
    names = _properties(found, sources)
    if not names:
        return []
    return [
        item
        for shown, text in texts.items()
        if kind_of(shown) is Kind.WORKFLOW
        for item in property_images(text, shown, names, Kind.WORKFLOW.value)
    ]
