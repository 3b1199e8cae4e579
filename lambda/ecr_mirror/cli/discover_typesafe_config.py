"""The images a JVM testkit starts from Typesafe Config (HOCON) settings (choose/discovery/typesafe_config.py):
a Testcontainers source's `DockerImageName.parse(settings.kafkaImage).withTag(settings.kafkaImageTag)`, the members
a source of the tree binds to `config.getString("kafka-image")` and `getString("kafka-image-tag")`, and the values
the `reference.conf` (or `application.conf`) of that source's module's resources gives those keys, the defaults
Typesafe Config loads from the classpath (https://github.com/lightbend/config#standard-behavior): alpakka-kafka's
testkit, `kafka-image = "confluentinc/cp-kafka"` with `kafka-image-tag = ${...confluent-platform-version}` = 7.0.0,
listed at the conf's line; and a test's `.withKafkaImageTag("5.0.0")` on the settings, listed at the test's line. A
key two files (or two paths) give different values is not read; nor a key no Testcontainers source starts."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.testcontainers import mentions_testcontainers, uses_testcontainers
from ecr_mirror.choose.discovery.typesafe_config import builder_tags, config_bindings, hocon_strings, started_members
from ecr_mirror.cli.discover_small_files import small_bytes
from ecr_mirror.oci.reference import reference_or_none

_LANGUAGES = {".scala": "Scala source", ".java": "Java source", ".kt": "Kotlin source"}
_CONFS = ("reference.conf", "application.conf")


def _module_confs(shown: str, path: Path) -> list[tuple[str, Path]]:
    """(shown, path) of the Typesafe Config files of the resources of the module of the source `shown`."""
    parts = PurePath(shown).parts
    if "src" not in parts[:-1]:
        return []
    at = parts.index("src")
    base = path.parents[len(parts) - at - 2]  # the module's `src` directory on disk
    out = []
    for conf in sorted(base.glob("*/resources/*.conf")):
        if conf.name in _CONFS and conf.is_file():
            out.append((PurePath(*parts[: at + 1], conf.relative_to(base)).as_posix(), conf))
    return out


def _value(key: str, confs: dict[str, dict[str, tuple[int, str]]]) -> tuple[str, int, str] | None:
    """(conf, line, value) of the one value the confs give the key (a path ending in it), None unless one."""
    hits = [
        (shown, line, value)
        for shown, values in confs.items()
        for path, (line, value) in values.items()
        if path == key or path.endswith("." + key)
    ]
    return hits[0] if len({hit[2] for hit in hits}) == 1 else None


def typesafe_config_pulls(sources: Iterable[tuple[str, Path]]) -> list[Found]:
    """The images the Testcontainers sources among `sources` start from Typesafe Config keys (module docstring)."""
    texts: dict[str, tuple[Path, str]] = {}
    for shown, path in sources:
        if PurePath(shown).suffix not in _LANGUAGES:
            continue
        if (data := small_bytes(path)) is None:
            continue
        if b"getString(" in data or b"DockerImageName" in data or b".with" in data:
            texts[shown] = (path, data.decode(errors="replace"))
    bindings: dict[str, tuple[str, str]] = {}  # member -> (key, source binding it)
    for shown, (_, text) in texts.items():
        if "getString(" in text:
            for name, key in config_bindings(text).items():
                bindings.setdefault(name, (key, shown))
    found: list[Found] = []
    for shown, (_, text) in texts.items():
        if "DockerImageName" not in text or not mentions_testcontainers(text.encode()) or not uses_testcontainers(text):
            continue
        for line, image_member, tag_member in started_members(text):
            found += _started(shown, line, image_member, tag_member, bindings, texts)
    return list(dict.fromkeys(found))


def _started(
    shown: str,
    line: int,
    image_member: str,
    tag_member: str | None,
    bindings: dict[str, tuple[str, str]],
    texts: dict[str, tuple[Path, str]],
) -> list[Found]:
    """The images one `DockerImageName.parse(x.image).withTag(x.tag)` of `shown` starts, by the keys' values."""
    if image_member not in bindings or (tag_member is not None and tag_member not in bindings):
        return []
    key, binder = bindings[image_member]
    confs = {
        conf: hocon_strings(path.read_text(errors="replace")) for conf, path in _module_confs(binder, texts[binder][0])
    }
    image = _value(key, confs)
    if image is None:
        return []
    tag = _value(bindings[tag_member][0], confs) if tag_member is not None else None
    if tag_member is not None and tag is None:
        return []
    use = f"testcontainers ({shown}:{line})"
    name = image[2] + (f":{tag[2]}" if tag is not None else "")
    out = [Found(name, image[0], image[1], None, use, "Typesafe Config")] if reference_or_none(name) else []
    if tag_member is None:
        return out
    for source, (_, text) in texts.items():
        for at, value in builder_tags(text, tag_member):
            if reference_or_none(f"{image[2]}:{value}"):
                out.append(Found(f"{image[2]}:{value}", source, at, None, use, _LANGUAGES[PurePath(source).suffix]))
    return out
