"""The image defaults of JUnit 5 composed annotations (pure): an annotation type meta-annotated `@ExtendWith(...)`
registers that extension on every test class it is put on ("composed annotations", JUnit's user guide,
https://docs.junit.org/current/user-guide/#extensions-registration-declarative), so a Testcontainers extension
library's `@TestcontainersRedis` starts the image of its element `String image() default "redis:8.2-alpine";` for
each test class annotated without one (Kotlin: `annotation class X(val image: String = "redis:8.2-alpine")`). Read:
a Java or Kotlin source declaring such a type with an element named `image`, `imageName`, `...Image` or
`...ImageName` of type String and a literal default; each gives (type, element) for the uses of the annotation
(annotation_images.py) and its default, at the default's line, `use` `default of @TYPE(ELEMENT)`."""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.testcontainers import language_of
from ecr_mirror.oci.reference import reference_or_none

_ELEMENT = r"(?P<element>(?:[a-z]\w*I|i)mage(?:Name)?)"
_LITERAL = r'"(?P<image>[^"\\\n]+)"'
# `@ExtendWith(X.class)`, then other annotations (`@Target({ ElementType.TYPE })`; no body, no statement), then
# `@interface NAME {` (Java) or `annotation class NAME(` (Kotlin); the stretch from an `@ExtendWith` stops at the next
# one (the type is then matched from that one), so that a file of many is read in linear time, not quadratic
_JAVA_TYPE_RE = re.compile(
    r"@ExtendWith\b(?:(?!@ExtendWith\b)[^;{}]|\{[^;{}]*\})*?@interface\s+(?P<type>[A-Z]\w*)\s*(?P<open>\{)"
)
_KOTLIN_TYPE_RE = re.compile(
    r"@ExtendWith\b(?:(?!@ExtendWith\b)[^;{}=])*?\bannotation\s+class\s+(?P<type>[A-Z]\w*)\s*(?P<open>\()"
)
_CLOSE = {"{": "}", "(": ")"}
_JAVA_ELEMENT_RE = re.compile(r"\bString\s+" + _ELEMENT + r"\s*\(\s*\)\s*default\s+" + _LITERAL + r"\s*;")
_KOTLIN_ELEMENT_RE = re.compile(r"\bval\s+" + _ELEMENT + r"\s*:\s*String\s*=\s*" + _LITERAL + r"\s*[,)]")


def extension_image_defaults(text: str, origin: str) -> tuple[set[tuple[str, str]], list[Found]]:
    """(annotation type, element) of each image element of the composed annotations `text` declares, and the
    elements' literal defaults, in the file's order."""
    language = language_of(origin)
    if language == "Java":
        types, elements = _JAVA_TYPE_RE, _JAVA_ELEMENT_RE
    elif language == "Kotlin":
        types, elements = _KOTLIN_TYPE_RE, _KOTLIN_ELEMENT_RE
    else:
        return set(), []
    lines = LineIndex(text)
    pairs: set[tuple[str, str]] = set()
    found: list[Found] = []
    declarations = list(types.finditer(text))
    closings = _closings(text, declarations[0]["open"]) if declarations else {}
    for index, declared in enumerate(declarations):
        # a body never closed (no file that compiles) is read up to the next annotation type, not to the end
        following = declarations[index + 1].start() if index + 1 < len(declarations) else len(text)
        end = closings.get(declared.start("open"), following)
        for element in elements.finditer(text, declared.end(), end):
            if lines.led_by(element.start(), ("//", "*", "/*")):
                continue
            pairs.add((declared["type"], element["element"]))
            if reference_or_none(element["image"]) is not None:
                use = f"default of @{declared['type']}({element['element']})"
                line = lines.line(element.start("image"))
                found.append(Found(element["image"], origin, line, None, use, f"{language} source"))
    return pairs, found


def _closings(text: str, opening: str) -> dict[int, int]:
    """The offset of each `opening` bracket of `text` -> that of the bracket closing it, in one pass (one never
    closed is not in it): searching forward from each would be quadratic in a file of many unclosed ones."""
    closings: dict[int, int] = {}
    opened: list[int] = []
    for bracket in re.finditer(re.escape(opening) + "|" + re.escape(_CLOSE[opening]), text):
        if bracket.group() == opening:
            opened.append(bracket.start())
        elif opened:
            closings[opened.pop()] = bracket.start()
    return closings
