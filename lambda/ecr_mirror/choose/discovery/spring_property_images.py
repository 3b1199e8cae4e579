"""The images a Spring Boot application's own configuration file names for the containers it starts (pure).

Spring Boot reads `application.properties` and a profile's `application-PROFILE.properties` from the classpath
(https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files); a
value `${NAME:default}` takes the environment's NAME, else the default after the colon
(https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files.property-placeholders).
and reads `application.yml` (`.yaml`, a profile's too) the same way, a YAML mapping's nested keys joined by dots
(https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.yaml.mapping-to-properties).
An application that starts containers keeps their image there: terrakube's API,
`io.terrakube.executor.ephemeral.image=${ExecutorEphemeralImage:azbuilder/executor:2.22.0}`, the image of the
executor pods it creates. Read, in such a file under a `src/main/resources` directory (an application's, not a test's):
each `key=value` (also `key: value`, or a YAML file's nested key) whose key's last part names an image (`image`,
`*Image`, `*-image`, `*_image`, as the YAML readers' keys) or whose part before it names images (`proxy.images.alpine`),
its value (or its placeholder's default) a reference with a tag or a digest
(`alpine/curl` alone is a repository the program may tag); not a Quarkus key (`quarkus.container-image.image` is
the image a Quarkus build writes), nor one of Testcontainers' `NAME.container.image` keys
(https://java.testcontainers.org/features/configuration/), which Testcontainers reads from its own files only.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helix_queues import SUFFIXES as HELIX_SUFFIXES
from ecr_mirror.choose.discovery.image_keys import property_names_image, property_names_images
from ecr_mirror.choose.discovery.nextflow import is_nextflow_file
from ecr_mirror.choose.discovery.testcontainers_config import is_testcontainers_config
from ecr_mirror.oci.reference import reference_or_none

KIND = "Spring configuration"
_NAME_RE = re.compile(r"application(?:-[\w.-]+)?\.(?:properties|ya?ml)")
_ENTRY_RE = re.compile(r"^[ \t]*(?P<key>[\w.\[\]-]+)[ \t]*[=:][ \t]*(?P<value>\S+)[ \t]*$", re.MULTILINE)
# a YAML line `  key: value  # comment`, a key of a block mapping (a list item's keys are not a property's path)
_YAML_ENTRY_RE = re.compile(r"(?P<indent> *)(?P<key>[\w.\[\]-]+):(?:[ \t]+(?P<value>[^#\s]\S*)?)?[ \t]*(?:#.*)?")
_TESTCONTAINERS_KEY = ".container.image"  # Testcontainers reads these from its own files only
_PLACEHOLDER_RE = re.compile(r"\$\{[\w.-]+:(?P<default>[^${}]+)\}")


def is_spring_configuration(origin: str) -> bool:
    """Whether a file is an application's Spring Boot properties file, by its name and directory."""
    directory, name = posixpath.split(origin.replace("\\", "/"))
    return _NAME_RE.fullmatch(name) is not None and f"/{directory}/".endswith("/src/main/resources/")


def is_named_source(path: PurePath) -> bool:
    """Whether a file of no other kind is read as a source by its name: a Testcontainers configuration file, an
    application's Spring Boot properties file, a Nextflow script or configuration (nextflow.py), an MSBuild file
    that may hold Helix test queues (helix_queues.py), or any Java properties file (Testcontainers JDBC URLs of a test
    configuration, testcontainers_jdbc_urls.py)."""
    named = is_testcontainers_config(path) or is_spring_configuration(path.as_posix()) or is_nextflow_file(path)
    return named or path.name.endswith((*HELIX_SUFFIXES, ".properties"))


def _pinned(value: str) -> bool:
    """Whether a value is a reference written with a tag or a digest."""
    return "@" in value or ":" in value.rsplit("/", 1)[-1]


def _properties_entries(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, key, value) of each `key=value` or `key: value` line of a properties file."""
    line = 1
    last = 0
    for entry in _ENTRY_RE.finditer(text):
        line += text.count("\n", last, entry.start())
        last = entry.start()
        yield line, entry["key"], entry["value"]


def _yaml_entries(text: str) -> Iterator[tuple[int, str, str]]:
    """(line, dotted key, value) of each scalar of a YAML file's block mappings, nested keys joined by dots as Spring
    Boot joins them; a list's items and what is under them are left out (a property path names them by index)."""
    parents: list[tuple[int, str]] = []
    list_at: int | None = None  # the indentation of a list's `-`: deeper lines are its items'
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if stripped in ("---", "...") or raw.startswith("--- "):
            parents, list_at = [], None
            continue
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        if list_at is not None and indent > list_at:
            continue
        list_at = None
        if stripped.startswith("-"):
            list_at = indent
            continue
        if (entry := _YAML_ENTRY_RE.fullmatch(raw)) is None:
            continue
        while parents and parents[-1][0] >= indent:
            parents.pop()
        key = ".".join([name for _, name in parents] + [entry["key"]])
        if (value := entry["value"]) is None:
            parents.append((indent, entry["key"]))
        elif value not in ("|", ">", "|-", ">-"):
            yield number, key, value.strip("'\"")


def _names_image(key: str) -> bool:
    """Whether a property's key names an image: its last part, or the part before it names images."""
    parts = key.split(".")
    return property_names_image(parts[-1]) or (len(parts) > 1 and property_names_images(parts[-2]))


def spring_property_images(text: str, origin: str) -> list[Found]:
    """The tagged images a Spring Boot configuration file's image keys name (see the module), in the file's order."""
    if not is_spring_configuration(origin):
        return []
    entries = _properties_entries(text) if origin.endswith(".properties") else _yaml_entries(text)
    found: list[Found] = []
    for line, key, written in entries:
        if key.startswith("quarkus.") or key.endswith(_TESTCONTAINERS_KEY) or not _names_image(key):
            continue
        placeholder = _PLACEHOLDER_RE.fullmatch(written)
        value = placeholder["default"] if placeholder is not None else written
        if "$" in value or not _pinned(value) or reference_or_none(value) is None:
            continue
        found.append(Found(value, origin, line, use=f"{key} (Spring property)", kind=KIND))
    return found
