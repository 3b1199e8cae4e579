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
# `@interface NAME {` (Java) or `annotation class NAME(` (Kotlin)
_JAVA_TYPE_RE = re.compile(r"@ExtendWith\b(?:[^;{}]|\{[^;{}]*\})*?@interface\s+(?P<type>[A-Z]\w*)\s*(?P<open>\{)")
_KOTLIN_TYPE_RE = re.compile(r"@ExtendWith\b[^;{}=]*?\bannotation\s+class\s+(?P<type>[A-Z]\w*)\s*(?P<open>\()")
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
    for declared in types.finditer(text):
        for element in elements.finditer(text, declared.end(), _closing(text, declared.start("open"))):
            if lines.led_by(element.start(), ("//", "*", "/*")):
                continue
            pairs.add((declared["type"], element["element"]))
            if reference_or_none(element["image"]) is not None:
                use = f"default of @{declared['type']}({element['element']})"
                line = lines.line(element.start("image"))
                found.append(Found(element["image"], origin, line, None, use, f"{language} source"))
    return pairs, found


def _closing(text: str, start: int) -> int:
    """The offset of the bracket closing the one at `start` (the body `{...}` of a Java annotation type, the
    parameters `(...)` of a Kotlin one), or the text's end."""
    opening, depth = text[start], 0
    for at in range(start, len(text)):
        depth += 1 if text[at] == opening else -1 if text[at] == _CLOSE[opening] else 0
        if depth == 0:
            return at
    return len(text)
