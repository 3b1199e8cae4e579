"""The images Java and Kotlin sources give container classes of the tree through other classes: a subclass's
override of the method its base class starts a container from (choose/discovery/jvm_overrides.py), and the enum
constants a container class joins its image from (choose/discovery/jvm_enum_versions.py), the string constants of
another class a Testcontainers source joins (choose/discovery/jvm_class_constants.py), the field defaults of another
class it starts a container from (a Spring Boot properties class's: choose/discovery/jvm_field_defaults.py), and the
strings a container
class joins into its image (choose/discovery/jvm_tag_classes.py). Only the sources that extend such a base class,
name such an enum or class, or are named after such a class, are opened again."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePath

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.jvm_class_constants import (
    TYPE_PARAMETERS,
    class_constants,
    image_name_constants,
    inherited,
    inlined,
    parent_of,
    referenced_classes,
)
from ecr_mirror.choose.discovery.jvm_enum_versions import enum_constants, enum_images, named_constants
from ecr_mirror.choose.discovery.jvm_field_defaults import (
    accessed_classes,
    bound_fields,
    configuration_prefix,
    field_defaults,
    inlined_fields,
)
from ecr_mirror.choose.discovery.jvm_helpers import helper_images, image_helpers
from ecr_mirror.choose.discovery.jvm_overrides import declared_parent, image_methods, override_images, subclasses
from ecr_mirror.choose.discovery.jvm_tag_classes import method_images, tag_class_images, tag_classes
from ecr_mirror.choose.discovery.kotlin_constants import KotlinConstants, kotlin_constants, kotlin_inlined
from ecr_mirror.choose.discovery.testcontainers import (
    language_of,
    mentions_testcontainers,
    started_images,
    uses_testcontainers,
)

_MAX_PARENTS = 4  # classes up a chain of `extends` whose files are opened for the constants a class inherits
_CHILD_RE = re.compile(
    r"\bclass\s+(?P<cls>[A-Z]\w*)\s*+" + TYPE_PARAMETERS + r"\s*+\bextends\s+(?:[\w.]+\.)?(?P<parent>[A-Z]\w*)"
)


def extends_of(shown: str, path: Path, data: bytes) -> list[tuple[str, Path, str, str]]:
    """(name shown, path, class, parent) of a Java or Kotlin source whose class (its top-level one named as the file:
    jvm_overrides.declared_parent) extends another, for overrides."""
    if language_of(shown) not in ("Java", "Kotlin") or (declared := declared_parent(shown, data)) is None:
        return []
    return [(shown, path, *declared)]


def override_pulls(
    decoded: dict[str, tuple[Path, str]],
    extending: list[tuple[str, Path, str, str]],
    found: list[Found],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """The images Java and Kotlin subclasses return from the methods their container base classes start from
    (jvm_overrides.py); `extending` holds (name shown, path, class, parent) of the tree's JVM sources."""
    jvm = [text for shown, (_, text) in decoded.items() if language_of(shown) in ("Java", "Kotlin")]
    methods = {method for text in jvm for method in image_methods(text)}
    inherited = subclasses(((cls, parent) for _, _, cls, parent in extending), methods) if methods else {}
    out: list[Found] = []
    seen = set(found)  # what the readers before found, and this one so far
    for shown, path, cls, _ in extending:
        if cls in inherited and (data := read(path)) is not None:
            text = decoded[shown][1] if shown in decoded else data.decode("utf-8-sig", errors="replace")
            out += _unseen(override_images(text, shown, cls, inherited), seen)
    return out


def enum_pulls(
    sources: list[tuple[str, Path]], decoded: dict[str, tuple[Path, str]], read: Callable[[Path], bytes | None]
) -> list[Found]:
    """The images Java container classes join from an enum of versions, one per constant the tree's sources name
    (jvm_enum_versions.py); the Java sources naming such an enum are opened only then."""
    wanted = {image for shown, (_, text) in decoded.items() if shown.endswith(".java") for image in enum_images(text)}
    simple = {image.enum.rpartition(".")[2].encode() for image in wanted}
    naming: list[tuple[str, str]] = []
    for shown, path in sources if wanted else ():
        if shown.endswith(".java") and (data := read(path)) is not None and any(name in data for name in simple):
            naming.append((shown, data.decode("utf-8-sig", errors="replace")))
    constants = {
        fqn: values for _, text in naming if "enum" in text for fqn, values in enum_constants(text, wanted).items()
    }
    return [item for shown, text in naming for item in named_constants(text, shown, wanted, constants)]


def constant_pulls(
    sources: list[tuple[str, Path]],
    decoded: dict[str, tuple[Path, str]],
    found: list[Found],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """The images Java and Kotlin Testcontainers sources join with a string constant of another Java class of the
    tree (jvm_class_constants.py); the files named after the classes they qualify names with are opened only
    then."""
    jvm = {shown: text for shown, (_, text) in decoded.items() if language_of(shown) in ("Java", "Kotlin")}
    wanted = {cls for text in jvm.values() for cls in referenced_classes(text)}
    texts = _class_texts(sources, wanted, read)
    parents: dict[str, str] = {}
    for _ in range(_MAX_PARENTS):  # the parents' files, whose static fields the classes inherit
        parents |= {cls: parent for cls, own in texts.items() if (parent := parent_of(cls, own)) is not None}
        if not (missing := set(parents.values()) - set(texts)):
            break
        texts |= _class_texts(sources, missing, read)
    constants = {key: value for cls, own in texts.items() for key, value in class_constants(cls, own).items()}
    constants = inherited(constants, parents)
    kotlin = _kotlin_constants(sources, read) if any(language_of(shown) == "Kotlin" for shown in jvm) else None
    for key, value in kotlin.members.items() if kotlin else ():  # `Images.SEARCH` of `object Images`
        if constants.setdefault(key, value) != value:
            constants[key] = ""  # two values: none
    constants = {key: value for key, value in constants.items() if value}
    out: list[Found] = []
    seen = set(found)  # what the readers before found, and this one so far
    for shown, text in jvm.items() if constants or kotlin else ():
        rewritten = inlined(text, constants)
        if kotlin and language_of(shown) == "Kotlin":
            rewritten = kotlin_inlined(rewritten, kotlin)
        if rewritten != text:
            out += _unseen(started_images(rewritten, shown), seen)
    return out


def _kotlin_constants(sources: list[tuple[str, Path]], read: Callable[[Path], bytes | None]) -> KotlinConstants:
    """The string constants the tree's Kotlin files declare with `const val` (kotlin_constants.py); only the files
    holding one are decoded."""
    texts = [
        data.decode("utf-8-sig", errors="replace")
        for shown, path in sources
        if shown.endswith(".kt") and (data := read(path)) is not None and b"const val" in data
    ]
    return kotlin_constants(texts)


def image_name_pulls(
    sources: list[tuple[str, Path]],
    decoded: dict[str, tuple[Path, str]],
    extending: list[tuple[str, Path, str, str]],
    found: list[Found],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """The images Java and Kotlin sources start from a `DockerImageName` constant of a container class of the tree
    (`MemcachedContainer.DEFAULT_IMAGE_NAME.withTag(MemcachedContainer.DEFAULT_TAG)`, jvm_class_constants.py), or of
    its subclasses, which inherit it; the sources naming such a class are opened only then, and read as
    Testcontainers sources (the constant is Testcontainers' `DockerImageName`), at the lines naming a constant."""
    texts: dict[str, list[str]] = {}
    for shown, (_, text) in decoded.items():
        if shown.endswith(".java") and "DockerImageName" in text:
            texts.setdefault(PurePath(shown).stem, []).append(text)
    names = {key: value for cls, own in texts.items() for key, value in image_name_constants(cls, own).items()}
    if not names:
        return []
    parents = {cls: parent for _, _, cls, parent in extending}
    names = inherited(names, parents)
    owners = {cls for cls, _ in names}
    constants = inherited(
        {key: value for cls in owners for key, value in class_constants(cls, texts.get(cls, [])).items()}, parents
    )
    marks = {f"{cls}.{name}".encode() for cls, name in names}
    out: list[Found] = []
    seen = set(found)  # what the readers before found, and this one so far
    for shown, path in sources:
        if language_of(shown) not in ("Java", "Kotlin") or (data := read(path)) is None:
            continue
        if not any(mark in data for mark in marks):
            continue
        text = decoded[shown][1] if shown in decoded else data.decode("utf-8-sig", errors="replace")
        rewritten = inlined(text, constants, names)
        changed = {
            at for at, (a, b) in enumerate(zip(text.split("\n"), rewritten.split("\n"), strict=True), 1) if a != b
        }
        out += _unseen((item for item in started_images(rewritten, shown, imported=True) if item.line in changed), seen)
    return out


def _class_texts(
    sources: list[tuple[str, Path]], wanted: set[str], read: Callable[[Path], bytes | None]
) -> dict[str, list[str]]:
    """class -> the texts of the tree's Java files named after it, for the classes `wanted`."""
    texts: dict[str, list[str]] = {}
    for _, path in sources if wanted else ():
        cls = path.name.removesuffix(".java")
        if path.name.endswith(".java") and cls in wanted and (data := read(path)) is not None:
            texts.setdefault(cls, []).append(data.decode("utf-8-sig", errors="replace"))
    return texts


def field_default_pulls(
    sources: list[tuple[str, Path]],
    decoded: dict[str, tuple[Path, str]],
    found: list[Found],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """The images Java Testcontainers sources start from the field defaults of another class of the tree
    (`properties.getDockerImage()`, `RedisProperties`'s `dockerImage = "redis:4.0.12-alpine"`: jvm_field_defaults.py);
    the files named after the classes their variables are declared with are opened only then."""
    java = {shown: text for shown, (_, text) in decoded.items() if shown.endswith(".java")}
    texts = _class_texts(sources, {cls for text in java.values() for cls in accessed_classes(text)}, read)
    defaults: dict[tuple[str, str], str] = {}
    getters: dict[str, set[str]] = {}
    for cls, own in texts.items():
        values, getters[cls] = field_defaults(cls, own)
        defaults |= values
    out: list[Found] = []
    seen = set(found)  # what the readers before found, and this one so far
    for shown, text in java.items() if defaults else ():
        if (rewritten := inlined_fields(text, defaults, getters)) != text:
            out += _unseen(started_images(rewritten, shown), seen)
    return out


def class_pulls(
    sources: list[tuple[str, Path]],
    decoded: dict[str, tuple[Path, str]],
    found: list[Found],
    read: Callable[[Path], bytes | None],
    extending: Sequence[tuple[str, Path, str, str]] = (),
) -> list[Found]:
    """The images Java and Kotlin Testcontainers sources start from values another class of the tree holds: its
    string constants (`constant_pulls`), its fields' defaults (`field_default_pulls`), and the `DockerImageName`
    constants of the tree's container classes (`image_name_pulls`; `extending` as for `override_pulls`)."""
    out = constant_pulls(sources, decoded, found, read)
    out += field_default_pulls(sources, decoded, found + out, read)
    return out + image_name_pulls(sources, decoded, list(extending), found + out, read)


def bound_properties(sources: list[tuple[str, Path]], read: Callable[[Path], bytes | None]) -> set[str]:
    """The Spring Boot properties bound to a field of a `@ConfigurationProperties` class of the tree that a Java
    Testcontainers source starts a container from (`embedded.selenium.image-name` of `SeleniumProperties`'s
    `imageName`, given by `new BrowserWebDriverContainer<>(imageName)` after `String imageName =
    properties.getImageName();`), default or not: each field is written as a probe image and the source read again
    (jvm_field_defaults.py)."""
    java: dict[str, str] = {}
    for shown, path in sources:
        data = read(path) if shown.endswith(".java") else None
        if data is not None and mentions_testcontainers(data):
            text = data.decode("utf-8-sig", errors="replace")
            java.update({shown: text} if uses_testcontainers(text) else {})
    texts = _class_texts(sources, {cls for text in java.values() for cls in accessed_classes(text)}, read)
    names = {(cls, field): bound for cls, own in texts.items() for field, bound in bound_fields(cls, own).items()}
    unprefixed = {cls for cls, own in texts.items() if configuration_prefix(cls, own) is None}
    for cls, prefix in _subclass_prefixes(sources, unprefixed, read) if unprefixed else ():
        for field, bound in bound_fields(cls, texts[cls], prefix).items():
            names.setdefault((cls, field), set()).update(bound)
    if not names:
        return set()
    getters = {cls: field_defaults(cls, own)[1] for cls, own in texts.items()}
    probes = {key: f"probe.invalid/field-{index}:probe" for index, key in enumerate(names)}
    started: set[str] = set()
    for shown, text in java.items():
        if (rewritten := inlined_fields(text, probes, getters)) != text:
            started |= {item.text for item in started_images(rewritten, shown)}
            started |= {item.text for item in helper_images(rewritten, shown, image_helpers(rewritten))}
    return {name for key, bound in names.items() if probes[key] in started for name in bound}


def _subclass_prefixes(
    sources: list[tuple[str, Path]], parents: set[str], read: Callable[[Path], bytes | None]
) -> list[tuple[str, str]]:
    """(class of `parents`, prefix) of each `@ConfigurationProperties("prefix")` class of the tree's Java sources that
    extends one of `parents`, through any chain of classes without a prefix: Spring binds the fields it inherits
    under its prefix (`DbProperties extends CommonContainerProperties`: `embedded.db.docker-image`)."""
    roots = {cls: cls for cls in parents}
    texts: list[str] = []
    for shown, path in sources:
        if shown.endswith(".java") and (data := read(path)) is not None and b"ConfigurationProperties" in data:
            texts.append(data.decode("utf-8-sig", errors="replace"))
    out: list[tuple[str, str]] = []
    for _ in range(_MAX_PARENTS):
        added: dict[str, str] = {}
        for text in texts:
            for match in _CHILD_RE.finditer(text):
                child, parent = match["cls"], match["parent"]
                if parent not in roots or child in roots:
                    continue
                if (prefix := configuration_prefix(child, [text])) is not None:
                    out.append((roots[parent], prefix))
                added[child] = roots[parent]
        if not added:
            break
        roots |= added
    return out


def tag_class_pulls(
    found: list[Found],
    sources: list[tuple[str, Path]],
    decoded: dict[str, tuple[Path, str]],
    read: Callable[[Path], bytes | None],
) -> list[Found]:
    """`found` with the images Java sources give the tree's container classes that join a string they are given
    into their image (jvm_tag_classes.py), each in place of that string read alone as an image at its line; the Java
    sources naming such a class are opened only then."""
    classes = {cls for shown, (_, text) in decoded.items() if shown.endswith(".java") for cls in tag_classes(text)}
    simple = {cls.fqn.rpartition(".")[2].encode() for cls in classes}
    added: list[Found] = []
    given: set[tuple[str, int, str]] = set()
    for shown, path in sources if classes else ():
        if shown.endswith(".java") and (data := read(path)) is not None and any(name in data for name in simple):
            text = decoded[shown][1] if shown in decoded else data.decode("utf-8-sig", errors="replace")
            images, values = tag_class_images(text, shown, classes)
            added += [item for item in images if item not in found + added]
            given |= {(shown, line, value) for line, value in values}
    for shown, (_, text) in decoded.items():  # a factory's own `imageName("cp-kafka")`
        if shown.endswith(".java") and "DockerImageName" in text:
            added += [item for item in method_images(text, shown) if item not in found + added]
    kept = [item for item in found if item.use != "testcontainers" or (item.origin, item.line, item.text) not in given]
    return kept + added


def _unseen(items: Iterable[Found], seen: set[Found]) -> list[Found]:
    """The `items` not in `seen` (each checked against `seen` as it was before), which join it."""
    new = [item for item in items if item not in seen]
    seen.update(new)
    return new
