"""The images the tree gives its JVM test suites as properties their Testcontainers sources read with a default
(choose/discovery/jvm_properties.py): the Java and Kotlin sources with Testcontainers images are read again for the
properties (and environment variables) those images are the defaults of, then the workflows for the `-Dname=value`
they pass, the Gradle build files for the `systemProperty`/`environment` their tasks set
(choose/discovery/gradle_test_properties.py), and the JVM sources for the values their tests set
(choose/discovery/jvm_property_values.py), also for the Spring Boot properties bound to a properties class's field
a Testcontainers source starts its container from (cli/discover_jvm_classes.py). And the Java sources that take an
image's tag from a system property
(`.withTag(VERSION)`), with the values the CI's Maven runs give it (cli/discover_maven.py); the Scala sources that
read an environment variable with a default, with the values the workflows give it (cli/discover_environment.py);
and those that start an image from a MicroProfile Config name, with the values their Maven module gives it
(cli/discover_microprofile.py); and those that start an image from Typesafe Config (HOCON) keys, with the values
their module's `reference.conf` gives them (cli/discover_typesafe_config.py)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.gradle_test_properties import gradle_setting_images
from ecr_mirror.choose.discovery.jib_properties import ci_property_values, property_of
from ecr_mirror.choose.discovery.jvm_properties import (
    image_properties,
    image_variables,
    property_images,
    tag_properties,
)
from ecr_mirror.choose.discovery.jvm_property_values import properties_file_images, source_property_images
from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.cli.discover_environment import environment_pulls
from ecr_mirror.cli.discover_jvm_classes import bound_properties
from ecr_mirror.cli.discover_maven import maven_defines, maven_filtered, maven_inherited
from ecr_mirror.cli.discover_microprofile import microprofile_pulls
from ecr_mirror.cli.discover_small_files import small_bytes, small_text
from ecr_mirror.cli.discover_typesafe_config import typesafe_config_pulls
from ecr_mirror.oci.reference import reference_or_none

_JVM = (".java", ".kt")
_JVM_SOURCES = (".java", ".kt", ".groovy")
_LANGUAGES = {".java": "Java source", ".kt": "Kotlin source", ".groovy": "Groovy source"}
_BUILD_FILES = ("build.gradle", "build.gradle.kts")
_SOURCE_ROOTS = ("/src/main/", "/src/test/")  # a module's sources (`db/src/test/java/...`), the module above
_RESOURCES = ("src/test/resources", "src/main/resources")
_GRADLE_VALUE_RE = re.compile(r"^\$(\w+) is a Gradle value")  # jib.py's reason for a base written with a variable


def _names(found: Iterable[Found], sources: Iterable[tuple[str, Path]]) -> tuple[set[str], set[str]]:
    """The properties and the environment variables the sources read their Testcontainers images from."""
    lines: dict[str, set[int]] = {}
    for item in found:
        if item.origin.endswith(_JVM) and item.use.startswith("testcontainers") and item.line:
            lines.setdefault(item.origin, set()).add(item.line)
    properties: set[str] = set()
    variables: set[str] = set()
    for shown, path in sources:
        if shown in lines and (text := small_text(path)) is not None:
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
        if (data := small_bytes(path)) is None or not any(mark in data for mark in marks):
            continue
        found += source_property_images(data.decode(errors="replace"), shown, properties, _LANGUAGES[suffix])
    return found


def _resource_values(sources: Iterable[tuple[str, Path]], properties: set[str]) -> list[Found]:
    """The images the properties files of the resources of the modules holding the JVM sources (`src/test/resources`
    and `src/main/resources`, on the test classpath: Spring reads `application.properties`, `bootstrap.properties`
    and the files a configuration's `@PropertySource` names there) set the properties to."""
    modules: dict[str, Path] = {}
    for shown, path in sources:
        for layout in _SOURCE_ROOTS:
            if (at := shown.find(layout)) >= 0 and PurePath(shown).suffix in _JVM_SOURCES:
                depth = len(PurePath(shown[at + 1 :]).parts)
                modules.setdefault(shown[: at + 1], path.parents[depth - 1])
    found: list[Found] = []
    marks = [name.encode() for name in properties]
    for shown, directory in sorted(modules.items()):
        for resources in _RESOURCES:
            for path in sorted((directory / resources).glob("*.properties")):
                data = small_bytes(path)
                if data is not None and any(mark in data for mark in marks):
                    origin = f"{shown}{resources}/{path.name}"
                    found += properties_file_images(data.decode(errors="replace"), origin, properties)
    return found


def _tag_values(found: list[Found], sources: list[tuple[str, Path]], texts: dict[str, str]) -> list[Found]:
    """The images whose tag a Java Testcontainers source takes from a system property (`.withTag(VERSION)`), with
    each value the CI's Maven runs give the property (Surefire hands the test JVM Maven's user properties)."""
    started = {(item.origin, item.line) for item in found if item.use.startswith("testcontainers")}
    tagged = [
        (shown, entry)
        for shown, path in sources
        if shown.endswith(".java") and any(origin == shown for origin, _ in started) and (text := small_text(path))
        for entry in tag_properties(text)
        if (shown, entry[0]) in started
    ]
    if not tagged:
        return []
    seen = {(item.origin, item.line, item.text) for item in found}
    out: list[Found] = []
    defines = maven_defines(texts)
    for shown, (line, repository, name) in tagged:
        for given, value, where in defines:
            image = f"{repository}:{value}"
            if given != name or (shown, line, image) in seen or reference_or_none(image) is None:
                continue
            seen.add((shown, line, image))
            out.append(
                Found(image, shown, line, None, f"testcontainers (-D{name} of the Maven run of {where})", "Java source")
            )
    return out


def property_pulls(
    found: Iterable[Found],
    sources: Iterable[tuple[str, Path]],
    texts: dict[str, str],
    files: Iterable[tuple[str, Path, object]] = (),
) -> list[Found]:
    """The images the workflows, Gradle build files and JVM sources among `texts` and `sources` give the properties
    (and variables) the sources' images are defaults of, the CI's Maven runs the properties their tags are, and the
    Maven modules (their POMs' paths among `files`) the MicroProfile Config names of their tests."""
    sources, found = list(sources), list(found)
    properties, variables = _names(found, sources)
    properties |= bound_properties(sources, small_bytes)  # a Spring Boot properties class's image fields
    tags = _tag_values(found, sources, texts) + environment_pulls(sources, texts)
    tags += microprofile_pulls(sources, texts, files) + typesafe_config_pulls(sources)
    if not properties and not variables:
        return tags
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
    return (
        tags + out + (_source_values(sources, properties) + _resource_values(sources, properties) if properties else [])
    )


def jib_filled(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found`, each Jib base left unresolved for a Gradle variable its build file binds to a project property
    (`findProperty("targetJDK") ?: "17"`) read again with the default and the values the workflows' Jib runs give it
    (`-PtargetJDK=8`: choose/discovery/jib_properties.py); one with no value known stays as it was."""
    workflows = [shown for shown in texts if kind_of(shown) is Kind.WORKFLOW]
    out: list[Found] = []
    for item in found:
        variable = _GRADLE_VALUE_RE.match(item.problem or "") if item.use == "jib from.image" else None
        bound = property_of(texts[item.origin], variable.group(1)) if variable and item.origin in texts else None
        if variable is None or bound is None:
            out.append(item)
            continue
        name, default = bound
        values = [(default, f"{item.use} (the default of project property {name})")] if default else []
        values += [
            (value, f"{item.use} (-P{name}={value} of {where})")
            for value, where in ci_property_values(texts, workflows, item.origin, name)
        ]
        pattern = re.compile(r"\$\{?" + re.escape(variable.group(1)) + r"\b\}?")
        filled = [
            dataclasses.replace(item, text=image, problem=None, use=use)
            for value, use in values
            if "$" not in (image := pattern.sub(value, item.text)) and reference_or_none(image) is not None
        ]
        out += filled or [item]
    return out


def build_filled(found: list[Found], texts: dict[str, str]) -> list[Found]:
    """`found` read again with the values the build tools give its files: Maven's resource filtering
    (cli/discover_maven.py), the properties a POM inherits for its Jib base, then the Gradle project properties of
    Jib bases (`jib_filled`)."""
    return jib_filled(maven_filtered(maven_inherited(found, texts), texts), texts)
