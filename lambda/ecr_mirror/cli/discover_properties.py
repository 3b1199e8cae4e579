"""The images the tree gives its JVM test suites as properties their Testcontainers sources read with a default
(choose/discovery/jvm_properties.py): the Java and Kotlin sources with Testcontainers images are read again for the
properties (and environment variables) those images are the defaults of, then the workflows for the `-Dname=value`
they pass, the Gradle build files for the `systemProperty`/`environment` their tasks set
(choose/discovery/gradle_test_properties.py), and the JVM sources for the values their tests set
(choose/discovery/jvm_property_values.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_test_properties import gradle_setting_images
from ecr_mirror.choose.discovery.jvm_properties import image_properties, image_variables, property_images
from ecr_mirror.choose.discovery.jvm_property_values import source_property_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of

_MAX_BYTES = 1024 * 1024
_JVM = (".java", ".kt")
_JVM_SOURCES = (".java", ".kt", ".groovy")
_LANGUAGES = {".java": "Java source", ".kt": "Kotlin source", ".groovy": "Groovy source"}
_BUILD_FILES = ("build.gradle", "build.gradle.kts")


def _read(path: Path) -> str | None:
    try:
        return path.read_text(errors="replace") if path.stat().st_size <= _MAX_BYTES else None
    except OSError:
        return None


def _names(found: Iterable[Found], sources: Iterable[tuple[str, Path]]) -> tuple[set[str], set[str]]:
    """The properties and the environment variables the sources read their Testcontainers images from."""
    lines: dict[str, set[int]] = {}
    for item in found:
        if item.origin.endswith(_JVM) and item.use.startswith("testcontainers") and item.line:
            lines.setdefault(item.origin, set()).add(item.line)
    properties: set[str] = set()
    variables: set[str] = set()
    for shown, path in sources:
        if shown in lines and (text := _read(path)) is not None:
            properties |= image_properties(text, lines[shown])
            variables |= image_variables(text, lines[shown])
    return properties, variables


def _source_values(sources: Iterable[tuple[str, Path]], properties: set[str]) -> list[Found]:
    """The images the JVM sources set the properties to (a source without the bytes of one is not decoded)."""
    marks = [name.encode() for name in properties]
    found: list[Found] = []
    for shown, path in sources:
        suffix = PurePath(shown).suffix
        if suffix not in _JVM_SOURCES:
            continue
        try:
            if path.stat().st_size > _MAX_BYTES or not any(mark in (data := path.read_bytes()) for mark in marks):
                continue
        except OSError:
            continue
        found += source_property_images(data.decode(errors="replace"), shown, properties, _LANGUAGES[suffix])
    return found


def property_pulls(found: Iterable[Found], sources: Iterable[tuple[str, Path]], texts: dict[str, str]) -> list[Found]:
    """The images the workflows, Gradle build files and JVM sources among `texts` and `sources` give the properties
    (and variables) the sources' images are defaults of."""
    sources = list(sources)
    properties, variables = _names(found, sources)
    if not properties and not variables:
        return []
    out = [
        item
        for shown, text in texts.items()
        if kind_of(shown) is Kind.WORKFLOW
        for item in property_images(text, shown, properties, Kind.WORKFLOW.value)
    ]
    out += [
        item
        for shown, text in texts.items()
        if PurePath(shown).name in _BUILD_FILES
        for item in gradle_setting_images(text, shown, properties, variables)
    ]
    return out + (_source_values(sources, properties) if properties else [])
