"""The images a Java `DockerImageName.parse(...)` names, with the tags the file gives them (pure; testcontainers.py
reads the sources). An image handed to `asCompatibleSubstituteFor(...)` names none.

`DockerImageName.parse("repo").withTag("1.2")` names `repo:1.2`; `.withTag(NAME)` a name the file binds to literals
(a system property's default: `IMAGE_VERSION = System.getProperty("version.mongo.server", "8.0")`); `.withTag(COND ?
"non-cdb" : "arm-non-cdb")` both literals, the tag picked by the machine the tests run on (Flink CDC's Oracle tests
test the Docker host's architecture). A parse without a
tag bound to a name (`DEFAULT_IMAGE_NAME = DockerImageName.parse("quay.io/rh_integration/dbz-oracle");`) also gives
the images of the name's `NAME.withTag(...)` uses, and only those when the file uses the name only so or in
compatibility checks (`assertCompatibleWith(NAME)`, any of its arguments: `assertCompatibleWith(DEFAULT_IMAGE_NAME,
GHCR_IMAGE_NAME)`), or to take a part of it as a string (cp-testcontainers' `baseImageName.getUnversionedPart() +
":" + defaultTag`): Testcontainers then pulls only the tagged names; so too when the parse declares what it
substitutes (`DockerImageName.parse("postgis/postgis").asCompatibleSubstituteFor("postgres")`), or the name is
only an element of an array of names only compared with (`COMPATIBLE_IMAGES = new DockerImageName[] {
CHROME_IMAGE, ... }` then `assertCompatibleWith(COMPATIBLE_IMAGES)`). A parse written
inside a compatibility check's arguments (`assertCompatibleWith(DockerImageName.parse("rancher/k3s"))`) names no
pull (https://javadoc.io/doc/org.testcontainers/testcontainers/latest/org/testcontainers/utility/DockerImageName.html:
`assertCompatibleWith(DockerImageName... anyOthers)` only compares names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.source_names import SourceNames

_STRING = r"""(?<![A-Za-z_])f?(?P<quote>["'])(?P<image>[^"'\\\n]+)(?P=quote)"""
_TAG_RE = re.compile(_STRING + r"\s*\)")
_BOUND_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*=\s*\Z")  # `NAME = ` just before a `DockerImageName.parse(`
_WITH_TAG_RE = re.compile(r"\s*\.\s*withTag\s*\(\s*")
# a compatibility check's call, `assertCompatibleWith(DockerImageName... anyOthers)`, `isCompatibleWith(other)`,
# `asCompatibleSubstituteFor(other)`: its arguments are names compared with, not started
_COMPARED = ("CompatibleWith", "CompatibleSubstituteFor")
_LOOK_BACK = 2000  # characters looked back for the call whose arguments hold an offset
# an array of names being written, up to an offset: `COMPATIBLE_IMAGES = new DockerImageName[] { CHROME_IMAGE, `
_ARRAY_RE = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*=\s*new\s+DockerImageName\s*\[\s*\]\s*\{[^{};]*\Z")
# a name bound to a parse that declares what it substitutes: `DockerImageName.parse("postgis/postgis")
# .asCompatibleSubstituteFor("postgres");`
_SUBSTITUTE_END_RE = re.compile(r"\s*\.\s*asCompatibleSubstituteFor\s*\(\s*\"[^\"\\\n]*\"\s*\)")
# a part of the name as a string (`NAME.getUnversionedPart() + ":" + TAG`): no pull of the name itself
_PART_OF_RE = re.compile(r"\s*\.\s*get(?:UnversionedPart|Repository|Registry)\(\s*\)")
_END_RE = re.compile(r"\s*;")
_NAME_TAG_RE = re.compile(r"\s*([A-Za-z_]\w*)\s*\)")
_INTERPOLATED_TAG_RE = re.compile(r'\s*s"(?P<interpolated>[^"\\\n]*)"\s*\)')  # Scala's `.withTag(s"v-$version")`
# the two literal branches ending a conditional: `COND ? "non-cdb" : "arm-non-cdb"`
_BRANCHES_RE = re.compile(r'\?\s*"(?P<then>[^"\\\n]+)"\s*:\s*"(?P<else>[^"\\\n]+)"\s*\Z')
_MAX_TAG = 1024  # characters of a `.withTag(` argument read
_TAGGED_RE = re.compile(r"@|:[^/]*$")  # an image written with a tag or a digest


def given_values(match: re.Match[str], names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image as written) of a pattern's argument: its literal, the values of its join or Scala
    interpolation, or the literal values of its name."""
    if match["image"] is not None:
        return [(match.start("image"), match["image"])]
    if match.groupdict().get("joined") is not None:
        return names.joined(match.start("joined"), match["joined"])
    if match.groupdict().get("interpolated") is not None:  # Scala's `s"postgres:$VERSION"`
        return names.interpolated(match.start("interpolated"), match["interpolated"])
    return names.values(re.sub(r"^(?:self|this)\.", "", re.sub(r"\s", "", match["name"])))


def _bound_name(text: str, start: int, end: re.Pattern[str]) -> re.Match[str] | None:
    """The binding of the name a `DockerImageName.parse(...)` at `start` is bound to (`NAME =
    DockerImageName.parse("repo");`, its `name` group), or None when the parse is not bound so."""
    bound = _BOUND_RE.search(text, max(0, start - 200), start)
    close = text.find(")", start)
    if close >= 0 and (substitute := _SUBSTITUTE_END_RE.match(text, close + 1)) is not None:
        close = substitute.end() - 1
    if bound is None or close < 0 or not end.match(text, close + 1):
        return None
    return bound


@dataclass(frozen=True)
class _NameUses:
    """The uses of a name bound to an untagged parse, read once a file: the offsets of those that neither add a tag
    (`NAME.withTag(...)`), compare an image with it (`assertCompatibleWith(NAME)`) nor take a part of it as a string
    (`NAME.getUnversionedPart()`, `getRepository()`, `getRegistry()`), and (offset, tag) of its `.withTag(...)`."""

    plain: frozenset[int]
    tags: tuple[tuple[int, str], ...]

    def only_tagged(self, binding: int) -> bool:
        """Whether every use but the binding at offset `binding` adds a tag, compares or takes a part:
        Testcontainers then pulls only the tagged names, never `repo:latest`."""
        return self.plain <= {binding}


def _name_uses(text: str, name: str, names: SourceNames, uncompared: dict[str, tuple[int, ...]]) -> _NameUses:
    """The uses of `name` in `text` (`_NameUses`); `uncompared` holds the arrays' names already read
    (`_in_compared_array`)."""
    plain: set[int] = set()
    tags: list[tuple[int, str]] = []
    for use in re.finditer(r"(?<![\w.$])" + re.escape(name) + r"\b", text):
        if (tagged := _WITH_TAG_RE.match(text, use.end())) is not None:
            tags += _tags(text, tagged.end(), names)
        elif not _PART_OF_RE.match(text, use.end()) and not (
            compared(text, use.start()) or _in_compared_array(text, use.start(), uncompared)
        ):
            plain.add(use.start())
    return _NameUses(frozenset(plain), tuple(tags))


def _in_compared_array(text: str, at: int, uncompared: dict[str, tuple[int, ...]]) -> bool:
    """Whether offset `at` is an element of an array of names (`COMPATIBLE_IMAGES = new DockerImageName[] {
    CHROME_IMAGE, ... }`) that the file only hands to compatibility checks (`assertCompatibleWith(COMPATIBLE_IMAGES)`,
    the varargs given as one array). The offsets of the uses of an array's name outside such checks are read once a
    file, into `uncompared` (by name), not once for each element."""
    start = max(0, at - _LOOK_BACK)
    brace = text.rfind("{", start, at)  # an array's `{` is the last before `at`, and no `;` or `}` follows it
    if brace < 0 or text.find(";", brace, at) >= 0 or text.find("}", brace, at) >= 0:
        return False
    if (array := _ARRAY_RE.search(text, start, at)) is None:
        return False
    name = array["name"]
    if name not in uncompared:
        pattern = r"(?<![\w.$])" + re.escape(name) + r"\b"
        uncompared[name] = tuple(use.start() for use in re.finditer(pattern, text) if not compared(text, use.start()))
    return all(offset == array.start("name") for offset in uncompared[name])


def compared(text: str, at: int) -> bool:
    """Whether offset `at` is inside the arguments of a compatibility check's call (`_COMPARED`), any of them:
    `assertCompatibleWith(DEFAULT_IMAGE_NAME, GHCR_IMAGE_NAME)` compares a given image with both names. The image
    handed to `asCompatibleSubstituteFor(...)` is the one the container class expects, which the image really used
    "behaves as" (DockerImageName's javadoc: "Declare that this DockerImageName is a compatible substitute for another
    image", https://java.testcontainers.org/features/image_name_substitution/), never pulled itself."""
    depth = 0
    for index in range(at - 1, max(-1, at - _LOOK_BACK), -1):
        character = text[index]
        if character == ")":
            depth += 1
        elif character == "(" and depth:
            depth -= 1
        elif character == "(":
            return text[max(0, index - _LOOK_BACK) : index].rstrip().endswith(_COMPARED)
        elif character in ";{}" and not depth:
            return False
    return False


def _tags(text: str, at: int, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, tag) of the argument of a `.withTag(` starting at `at`: a literal, or the literals a name is bound to
    (a system property's default: `withTag(IMAGE_VERSION)` after `IMAGE_VERSION = System.getProperty("v", "8.0")`)."""
    if (tag := _TAG_RE.match(text, at)) is not None:
        return [(tag.start("image"), tag["image"])]
    if (word := _NAME_TAG_RE.match(text, at)) is not None:
        return [(at, value) for _, value in names.values(word.group(1))]
    if (interpolated := _INTERPOLATED_TAG_RE.match(text, at)) is not None:
        return names.interpolated(interpolated.start("interpolated"), interpolated["interpolated"])
    return _conditional_tags(text, at)


def _conditional_tags(text: str, at: int) -> list[tuple[int, str]]:
    """(offset, tag) of both literal branches of a conditional `.withTag(COND ? "non-cdb" : "arm-non-cdb")` whose
    argument starts at `at` (a tag picked by the machine the tests run on: either is pulled)."""
    depth, end = 1, at
    while end < min(len(text), at + _MAX_TAG) and depth:
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        end += 1
    branches = _BRANCHES_RE.search(text, at, end - 1) if depth == 0 else None
    return [(branches.start(group), branches[group]) for group in ("then", "else")] if branches else []


def parsed_images(
    text: str, pattern: re.Pattern[str], names: SourceNames, end: re.Pattern[str] = _END_RE
) -> list[tuple[int, str]]:
    """(offset, image as written) of each `DockerImageName.parse(...)` call (or `parse(...)`, imported statically),
    with a `.withTag(...)` appended (`_tags`); a parse without a tag bound to a name also gives the images of the
    name's `.withTag(...)` uses, and only those when the file uses the name only so (`_bound_name`, the statement
    ending where `end` matches after the call: Java's `;`, by default)."""
    out: list[tuple[int, str]] = []
    uncompared: dict[str, tuple[int, ...]] = {}  # an array's name -> its uses outside compatibility checks
    uses: dict[str, _NameUses] = {}  # a name bound to an untagged parse -> its uses, read once a file
    tagged: set[tuple[str, str]] = set()  # (name, image) whose `NAME.withTag(...)` images are given already
    for match in pattern.finditer(text):
        if compared(text, match.start()):  # `assertCompatibleWith(DockerImageName.parse("rancher/k3s"))`
            continue
        given = given_values(match, names)
        if match["tag"]:  # `.withTag(...)`: a literal tag, or a name bound to literals
            given = [(start, f"{image}:{tag}") for start, image in given for _, tag in _tags(text, match.end(), names)]
        elif (
            given
            and not any(_TAGGED_RE.search(image) for _, image in given)
            and (bound := _bound_name(text, match.start(), end)) is not None
        ):
            name = bound["name"]
            if name not in uses:
                uses[name] = _name_uses(text, name, names, uncompared)
            new = [image for _, image in given if (name, image) not in tagged]  # a name bound again to the same image
            tagged.update((name, image) for image in new)
            tags = [(at, f"{image}:{value}") for at, value in uses[name].tags for image in new] if new else []
            given = tags if uses[name].only_tagged(bound.start("name")) else given + tags
        out += given
    return out
