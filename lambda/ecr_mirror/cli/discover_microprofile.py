"""The images a Maven module's Quarkus tests start from MicroProfile Config, and those its dev services pull
(choose/discovery/microprofile_config.py).

A Java or Kotlin source that imports Testcontainers and starts a container from `ConfigProvider.getConfig().
getValue("name", String.class)` is given the value of `name` from the config sources of its module: the
`application.properties` (Quarkus' own, https://quarkus.io/guides/config-reference#application-properties-file) and
`META-INF/microprofile-config.properties` of the module's `src/test/resources` and `src/main/resources` (the
classpath of its tests), in that order; else, by the POM property of that exact name its module's POM and their
parents declare (maven_tree.py): `getValue` fails when no source gives the name, and no file but the POM does, so the
build hands its properties to the tests (camel-quarkus' root POM declares some fifty `<x.container.image>`
properties and its test builds copy them into `META-INF/microprofile-config.properties`; Surefire's
`<systemPropertyVariables>` or a filtered resource do the same). A name nothing gives is unresolved, naming it.

Each `quarkus.*.devservices.image-name` of a module's `application.properties` is an image Quarkus dev services pull
when the tests run; its `${name}` (`${name:default}`) expressions take their values as above.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.maven_tree import POM, Poms, is_pom
from ecr_mirror.choose.discovery.microprofile_config import config_reads, devservices_images, properties_entries
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, uses_testcontainers
from ecr_mirror.cli.discover_small_files import small_bytes, small_text

_LANGUAGES = {".java": "Java source", ".kt": "Kotlin source"}
# the config files of a module's test classpath, by precedence (application.properties' ordinal 250 over
# microprofile-config.properties' 100; the test resources before the main ones)
_CONFIG_FILES = (
    "src/test/resources/application.properties",
    "src/main/resources/application.properties",
    "src/test/resources/META-INF/microprofile-config.properties",
    "src/main/resources/META-INF/microprofile-config.properties",
)
_APPLICATION = _CONFIG_FILES[:2]
_EXPRESSION_RE = re.compile(r"\$\{(?P<name>[^{}:]+)(?::(?P<default>[^{}]*))?\}")
KIND = "Quarkus configuration"
# Strimzi's test container, Kafka clusters started with Testcontainers (https://github.com/strimzi/test-container):
# `new StrimziKafkaCluster.StrimziKafkaClusterBuilder().withImage(image)`, its sources naming no `org.testcontainers`
_STRIMZI = "import io.strimzi.test.container."


def _starts_containers(data: bytes) -> bool:
    return mentions_testcontainers(data) or _STRIMZI.encode() in data


class _Module:
    """A Maven module's config: its files' entries (key -> (file shown, line, value)) and its POM properties."""

    def __init__(self, pom: str, disk: Path, poms: Poms) -> None:
        self.pom = pom
        self.entries: dict[str, tuple[str, int, str]] = {}
        self.files: dict[str, dict[str, tuple[int, str]]] = {}
        for relative in _CONFIG_FILES:
            text = small_text(disk / relative)
            if text is None:
                continue
            shown = posixpath.join(posixpath.dirname(pom), relative)
            self.files[shown] = entries = properties_entries(text)
            for key, (line, value) in entries.items():
                if value != "${" + key + "}":  # a filtered `x=${x}`: the POM's property, below
                    self.entries.setdefault(key, (shown, line, value))
        self._poms = poms
        self._properties: dict[str, str] | None = None

    @property
    def properties(self) -> dict[str, str]:
        if self._properties is None:
            self._properties = self._poms.properties(self.pom)
        return self._properties

    def value(self, key: str) -> tuple[str, str] | None:
        """(value, where) of a config name: a config file's entry, else the POM property."""
        if key in self.entries:
            shown, line, value = self.entries[key]
            return value, f"{shown}:{line}"
        if key in self.properties:
            return self.properties[key], f"the POM property of {self.pom} and its parents"
        return None

    def expanded(self, value: str) -> tuple[str, str | None]:
        """`value` with its `${name}` expressions replaced (Maven's and Quarkus' `${name:default}`), and None; or as
        written and why not."""
        written = value
        for _ in range(8):
            match = _EXPRESSION_RE.search(value)
            if match is None:
                return value, None
            given = self.value(match["name"])
            if given is None and match["default"] is None:
                return written, f"${{{match['name']}}}: no config file of the module nor POM property gives it"
            replacement = given[0] if given is not None else match["default"] or ""
            value = value[: match.start()] + replacement + value[match.end() :]
        return written, "a value defined through itself"


def _module_pom(shown: str, poms: set[str]) -> str | None:
    directory = posixpath.dirname(posixpath.normpath(shown))
    while True:
        candidate = posixpath.normpath(posixpath.join(directory, POM))
        if candidate in poms:
            return candidate
        if directory in ("", ".", "/"):
            return None
        directory = posixpath.dirname(directory)


def _source_images(shown: str, text: str, module: _Module | None) -> list[Found]:
    kind = _LANGUAGES[PurePath(shown).suffix]
    found: list[Found] = []
    for line, key in config_reads(text):
        use = f"testcontainers (MicroProfile Config {key})"
        given = module.value(key) if module is not None else None
        if module is None or given is None:
            missing = f"{key}: no config file of the module nor POM property gives it (the run's system properties may)"
            found.append(Found("${" + key + "}", shown, line, missing, use, kind))
            continue
        value, why = module.expanded(given[0])
        found.append(Found(value, shown, line, why, f"testcontainers (MicroProfile Config {key}: {given[1]})", kind))
    return found


def microprofile_pulls(
    sources: Iterable[tuple[str, Path]], texts: Mapping[str, str], files: Iterable[tuple[str, Path, object]]
) -> list[Found]:
    """The images the JVM `sources` start from MicroProfile Config names, and the dev services images of the
    `application.properties` of the modules of the POMs among `texts` (`files`: (name shown, path, kind) of the files
    read, the POMs' paths among them)."""
    poms = Poms({shown: text for shown, text in texts.items() if is_pom(shown)})
    disks = {posixpath.normpath(shown): path for shown, path, _ in files if is_pom(shown)}
    modules: dict[str, _Module] = {}

    def module(pom: str | None) -> _Module | None:
        if pom is None or pom not in disks:
            return None
        if pom not in modules:
            modules[pom] = _Module(pom, disks[pom].parent, poms)
        return modules[pom]

    found: list[Found] = []
    paths = set(disks)
    for shown, path in sources:
        if PurePath(shown).suffix not in _LANGUAGES:
            continue
        if (data := small_bytes(path)) is None or b"getValue" not in data:
            continue
        if not _starts_containers(data):
            continue
        text = data.decode(errors="replace")
        if not uses_testcontainers(text) and _STRIMZI not in text:
            continue
        found += _source_images(shown, text, module(_module_pom(shown, paths)))
    for pom in sorted(paths):
        if (config := module(pom)) is None:
            continue
        for shown, entries in config.files.items():
            if not shown.endswith(_APPLICATION) or "devservices" not in "".join(entries):
                continue
            for line, key, value in devservices_images(entries):
                image, why = config.expanded(value)
                found.append(Found(image, shown, line, why, f"quarkus dev services ({key})", KIND))
    return found
