"""The MicroProfile Config names a Testcontainers source starts its images from, Java properties files, and the
images Quarkus dev services pull (pure).

A Quarkus test resource reads the image it starts from MicroProfile Config (https://download.eclipse.org/
microprofile/microprofile-config-3.1/microprofile-config-spec-3.1.html): camel-quarkus' `private static final String
REDIS_IMAGE = ConfigProvider.getConfig().getValue("redis.container.image", String.class)`, then `new
GenericContainer<>(REDIS_IMAGE)`. `config_reads` gives the names so read whose value the file shows started: the call
given first to a container's constructor (`new XContainer<>(...)`, `XContainer(...)`), to `DockerImageName.parse(...)`
or to a builder's `.withImage(...)`, or a name bound to the call (`NAME = ConfigProvider...getValue(...)`) given so
in the same file. `getValue` fails when no config source gives the name, so the run supplies it (cli/
discover_microprofile.py finds where).

Quarkus dev services start a container for a datasource or a service the tests use, pulling the image a
`quarkus.*.devservices.image-name` key of `application.properties` names over the extension's default
(https://quarkus.io/guides/databases-dev-services#configuring-the-image, https://quarkus.io/guides/dev-services):
`devservices_images` gives them, with their `%profile.` prefix dropped, unless the same file disables the dev
service (`PREFIX.devservices.enabled=false`, or `quarkus.devservices.enabled=false` for all).

Properties files are Java's syntax (https://docs.oracle.com/javase/8/docs/api/java/util/Properties.html#load-java.io.
Reader-): `key=value`, `key: value` or `key value`, `#` and `!` comments; a line continued with `\\` is not read.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.line_index import LineIndex

_CONFIG_CALL = r"""ConfigProvider\s*\.\s*getConfig\s*\(\s*\)\s*\.\s*getValue\s*\(\s*"(?P<key>[^"\\\n]+)"\s*,\s*"""
_CONFIG_CALL += r"""(?:java\.lang\.)?String\s*(?:\.\s*class|::class\s*\.\s*java)\s*\)"""
_CONFIG_RE = re.compile(_CONFIG_CALL)
# the calls that start, or name the image of, a container: its constructor, `DockerImageName.parse`, `.withImage`
_STARTS = r"(?:\b[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(|\bDockerImageName\s*\.\s*parse\s*\(|\.\s*withImage\s*\()\s*"
_STARTED_CALL_RE = re.compile(_STARTS + _CONFIG_CALL)
# `static final String REDIS_IMAGE = ConfigProvider...`, `String image = ...`, Kotlin `val image = ...`
_BOUND_RE = re.compile(r"\b(?P<name>[A-Za-z_]\w*)(?:\s*:\s*String)?\s*=\s*" + _CONFIG_CALL)
_COMMENTS = ("//", "*", "/*")
_LINE_RE = re.compile(r"^[ \t\f]*(?P<key>[^\s=:#!]+)[ \t\f]*[=: \t\f][ \t\f]*(?P<value>[^\n]*?)[ \t\f]*$", re.M)
_DEVSERVICES = ".devservices.image-name"
_PROFILE_RE = re.compile(r"^%[\w,-]+\.")


def config_reads(text: str) -> list[tuple[int, str]]:
    """(line, name) of each MicroProfile Config name whose value the source gives a container to start."""
    if "getValue" not in text:
        return []
    lines = LineIndex(text)
    out: set[tuple[int, str]] = set()
    for match in _STARTED_CALL_RE.finditer(text):
        if not lines.led_by(match.start(), _COMMENTS):
            out.add((lines.line(match.start("key")), match["key"]))
    for bound in _BOUND_RE.finditer(text):
        if lines.led_by(bound.start(), _COMMENTS):
            continue
        given = re.compile(_STARTS + re.escape(bound["name"]) + r"\s*[,)]")
        if any(not lines.led_by(m.start(), _COMMENTS) for m in given.finditer(text)):
            out.add((lines.line(bound.start("key")), bound["key"]))
    return sorted(out)


def properties_entries(text: str) -> dict[str, tuple[int, str]]:
    """Each key of a Java properties file: (line, value) of its last entry, as `Properties.load` keeps."""
    entries: dict[str, tuple[int, str]] = {}
    for match in _LINE_RE.finditer(text):
        if match["key"].startswith(("#", "!")) or match["value"].endswith("\\"):
            continue
        entries[match["key"]] = (text.count("\n", 0, match.start()) + 1, match["value"])
    return entries


def devservices_images(entries: dict[str, tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(line, key, value) of each dev services image of an `application.properties` whose dev service the file does
    not disable."""
    if entries.get("quarkus.devservices.enabled", (0, ""))[1].lower() == "false":
        return []
    out: list[tuple[int, str, str]] = []
    for key, (line, value) in entries.items():
        plain = _PROFILE_RE.sub("", key)
        if not plain.startswith("quarkus.") or not plain.endswith(_DEVSERVICES) or not value:
            continue
        enabled = plain.removesuffix(_DEVSERVICES) + ".devservices.enabled"
        if any(_PROFILE_RE.sub("", k) == enabled and v.lower() == "false" for k, (_, v) in entries.items()):
            continue
        out.append((line, key, value))
    return sorted(out)
