"""The images Testcontainers for Java 1.x module classes start from a version alone, and the repositories its
configuration names by default (pure; testcontainers.py reads the sources).

Before Testcontainers 1.15 took a `DockerImageName`, three module classes took the version of their one image as
their string argument, and still do, deprecated, through 1.x: `new KafkaContainer("5.5.1")` of
`org.testcontainers.containers.KafkaContainer` runs `DEFAULT_IMAGE_NAME.withTag(confluentPlatformVersion)`, that is
`confluentinc/cp-kafka:5.5.1`; `PulsarContainer(String pulsarVersion)` `apachepulsar/pulsar`; and
`LocalStackContainer(String version)` `localstack/localstack`
(https://java.testcontainers.org/modules/kafka/: `org.testcontainers.containers.KafkaContainer` supports
`confluentinc/cp-kafka`). `TestcontainersConfiguration.getInstance().getKafkaImage()`, `getPulsarImage()` and
`getLocalStackImage()` (and `get...DockerImageName()`) give those repositories, unless `testcontainers.properties`
sets `kafka.container.image`, `pulsar.container.image` or `localstack.container.image`
(https://java.testcontainers.org/features/configuration/); a source tagging one
(`DockerImageName.parse(TestcontainersConfiguration.getInstance().getPulsarImage()).withTag("2.6.1")`) starts that
repository.

Read: a class of the three imported by its 1.x name (or its package's `*`) and constructed with one argument that is
a version (`v?N(.N)*`), and the configuration's getters called on `TestcontainersConfiguration.getInstance()`.
The newer classes of the same simple name (`org.testcontainers.kafka.KafkaContainer`, Testcontainers 2's
`org.testcontainers.pulsar.PulsarContainer`) take an image and are not these.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.java_image_tags import given_values
from ecr_mirror.choose.discovery.source_names import SourceNames

# the 1.x class whose one-string constructor takes a version -> the repository it pairs it with
_VERSIONED = {
    "org.testcontainers.containers.KafkaContainer": "confluentinc/cp-kafka",
    "org.testcontainers.containers.PulsarContainer": "apachepulsar/pulsar",
    "org.testcontainers.containers.localstack.LocalStackContainer": "localstack/localstack",
}
_CONFIGURED = {"kafka": "confluentinc/cp-kafka", "pulsar": "apachepulsar/pulsar", "localstack": "localstack/localstack"}
_GETTER_RE = re.compile(
    r"\bTestcontainersConfiguration\s*\.\s*getInstance\(\s*\)\s*\.\s*"
    r"get(?P<module>Kafka|Pulsar|LocalStack|Localstack)(?P<kind>Image|DockerImageName)\(\s*\)"
)
_IMPORT_RE = re.compile(r"^[ \t]*import[ \t]+(?P<name>[\w.]+(?:\.\*)?)[ \t]*;?[ \t]*$", re.MULTILINE)


def configured_repositories(text: str) -> str:
    """`text` with each call of `TestcontainersConfiguration`'s Kafka, Pulsar or LocalStack image getter written as
    the repository it gives by default (a literal, or `DockerImageName.parse(...)` of it)."""
    if "TestcontainersConfiguration" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        literal = '"' + _CONFIGURED[match["module"].lower()] + '"'
        return literal if match["kind"] == "Image" else f"DockerImageName.parse({literal})"

    return _GETTER_RE.sub(replace, text)


def versioned_classes(text: str) -> dict[str, str]:
    """simple class name -> repository, for the 1.x module classes taking a version that `text` imports."""
    imported = {match["name"] for match in _IMPORT_RE.finditer(text)}
    out: dict[str, str] = {}
    for name, repository in _VERSIONED.items():
        package, _, simple = name.rpartition(".")
        if name in imported or (package + ".*" in imported and not _other_import(imported, simple, name)):
            out[simple] = repository
    return out


def _other_import(imported: set[str], simple: str, name: str) -> bool:
    """Whether `text` imports another class of that simple name by its full name (it then wins over a `*`)."""
    return any(other.endswith("." + simple) and other != name for other in imported)


_VERSION_RE = re.compile(r"v?\d+(?:\.\d+)*")


def versioned_images(text: str, names: SourceNames, out: list[tuple[int, str]], argument: str) -> list[tuple[int, str]]:
    """`out` (offset, image as written) with each version alone that a class of `versioned_classes` is given (its one
    argument matching the `argument` pattern) written as its repository with that tag (`new KafkaContainer("5.5.1")`:
    `confluentinc/cp-kafka:5.5.1`)."""
    tagged: dict[int, str] = {}
    for simple, repository in versioned_classes(text).items() if "Container" in text else ():
        pattern = re.compile(r"(?<![\w.])" + simple + r"\s*(?:<[^<>()\n]*>)?\s*\(\s*" + argument + r"\s*\)")
        for m in pattern.finditer(text):
            tagged |= {
                at: f"{repository}:{value}" for at, value in given_values(m, names) if _VERSION_RE.fullmatch(value)
            }
    return [(at, tagged.get(at, image)) for at, image in out]
