"""The images a Spring Boot application's own configuration file names for the containers it starts (pure).

Spring Boot reads `application.properties` and a profile's `application-PROFILE.properties` from the classpath
(https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files); a
value `${NAME:default}` takes the environment's NAME, else the default after the colon
(https://docs.spring.io/spring-boot/reference/features/external-config.html#features.external-config.files.property-placeholders).
An application that starts containers keeps their image there: terrakube's API,
`io.terrakube.executor.ephemeral.image=${ExecutorEphemeralImage:azbuilder/executor:2.22.0}`, the image of the
executor pods it creates. Read, in such a file under a `src/main/resources` directory (an application's, not a test's):
each `key=value` (also `key: value`) whose key's last part names an image (`image`, `*Image`, `*-image`,
`*_image`, as the YAML readers' keys), its value (or its placeholder's default) a reference with a tag or a digest
(`alpine/curl` alone is a repository the program may tag); not a Quarkus key (`quarkus.container-image.image` is
the image a Quarkus build writes), nor one of Testcontainers' `NAME.container.image` keys
(https://java.testcontainers.org/features/configuration/), which Testcontainers reads from its own files only.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.testcontainers_config import is_testcontainers_config
from ecr_mirror.oci.reference import reference_or_none

KIND = "Spring configuration"
_NAME_RE = re.compile(r"application(?:-[\w.-]+)?\.properties")
_ENTRY_RE = re.compile(r"^[ \t]*(?P<key>[\w.\[\]-]+)[ \t]*[=:][ \t]*(?P<value>\S+)[ \t]*$", re.MULTILINE)
_IMAGE_KEY_RE = re.compile(r"image|\w*Image|[\w-]*[-_]image", re.IGNORECASE)
_TESTCONTAINERS_KEY = ".container.image"  # Testcontainers reads these from its own files only
_PLACEHOLDER_RE = re.compile(r"\$\{[\w.-]+:(?P<default>[^${}]+)\}")


def is_spring_configuration(origin: str) -> bool:
    """Whether a file is an application's Spring Boot properties file, by its name and directory."""
    directory, name = posixpath.split(origin.replace("\\", "/"))
    return _NAME_RE.fullmatch(name) is not None and (directory + "/").endswith("/src/main/resources/")


def is_named_source(path: PurePath) -> bool:
    """Whether a file of no other kind is read as a source by its name: a Testcontainers configuration file or an
    application's Spring Boot properties file."""
    return is_testcontainers_config(path) or is_spring_configuration(path.as_posix())


def _pinned(value: str) -> bool:
    """Whether a value is a reference written with a tag or a digest."""
    return "@" in value or ":" in value.rsplit("/", 1)[-1]


def spring_property_images(text: str, origin: str) -> list[Found]:
    """The tagged images a Spring Boot properties file's image keys name (see the module), in the file's order."""
    if not is_spring_configuration(origin):
        return []
    found: list[Found] = []
    line = 1
    last = 0
    for entry in _ENTRY_RE.finditer(text):
        key, value = entry["key"], entry["value"]
        if key.startswith("quarkus.") or key.endswith(_TESTCONTAINERS_KEY):
            continue
        if _IMAGE_KEY_RE.fullmatch(key.rsplit(".", 1)[-1]) is None:
            continue
        if (placeholder := _PLACEHOLDER_RE.fullmatch(value)) is not None:
            value = placeholder["default"]
        if "$" in value or not _pinned(value) or reference_or_none(value) is None:
            continue
        line += text.count("\n", last, entry.start())
        last = entry.start()
        found.append(Found(value, origin, line, use=f"{key} (Spring property)", kind=KIND))
    return found
