"""The literal strings a source file binds to its names (pure): `const image = "redis:7"`, `IMAGE: str = "..."`,
`private static final String IMAGE = "..."`, `image := defaultImage` (a name bound to another name), and
`IMAGE = "datagrip/hsqldb:" + TAG` (literals and names joined by `+`, as Java, Kotlin, Go, Python and JavaScript
constants build an image from a repository and a version).

A part may also be a call of a method of the same file that takes no arguments (`imageName() + ":" + version()`,
and such a call alone, `SCHEMA_REGISTRY_IMAGE = getRegistryImage();`),
read as the literals, names and joins its `return` statements give (a method written with braces: Java, Kotlin,
Groovy, C#, Go, JavaScript, also `export function getImage(): string {`): the default a test class falls back to
when a system property or an environment variable does not override it (`return property;` after
`System.getProperty(...)` is known only when the tests run, and adds nothing).

Read from statements that start a line (a declaration's keywords and a simple type allowed before the name), so
a keyword argument (`f(image="x")`) or a comparison (`a == "x"`) binds nothing. A name bound several times has each
literal value it is given anywhere in the file; a joined value has one value per combination of its parts' values.
A value that is not a one-line literal, a name or such a join (a call, an environment variable, a join with a call
in it other than one described below), or a join with a part bound to nothing literal, is not known and adds nothing.
A JavaScript or TypeScript name bound to an environment variable or else a literal (`const NODE_IMAGE =
process.env.NODE_IMAGE || "node:22-alpine"`, `process.env["X"] ?? "..."`, over several lines too) holds the literal:
the default the tests run with when the variable is not set; so does a Java or Kotlin name bound to a system
property, a property of a Spring `Environment` or an environment variable with a default (`static final String IMAGE =
System.getProperty("db.image", "mysql")`, `environment.getProperty("db.image", "postgres:11-alpine")`,
`System.getenv().getOrDefault("DB_IMAGE", "...")`), or with a name as the default, the values of that name (opal's
`System.getenv().getOrDefault("OPAL_POSTGRES_IMAGE", DEFAULT_POSTGRES_IMAGE)`); and a Python name bound to an
environment variable with a default (`IMAGE = str(os.environ.get("GLEANER_IMAGE", "nsfearthcube/gleaner:latest"))`,
`os.getenv("X", "...")`): gleanerio's workflow ops pull that default when the variable is not set.
A Scala `s"..."` interpolation of names (`s"trinodb/trino:$VERSION"`, `${version}`) is a join of its text and those
names (https://docs.scala-lang.org/overviews/core/string-interpolation.html); a name there may also stand for a
number literal (`final val VERSION = 411`, held in `numbers`: a number alone is no image, so it is read only inside
an interpolation); another expression in `${...}` makes it unknown.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.line_index import LineIndex

_KEYWORDS = (
    r"(?:(?:export|const|let|var|val|final|static|private|public|protected|internal|readonly|String|string)\s+)*"
)
_LITERAL = r"""(?:"[^"'\\\n]*"|'[^"'\\\n]*')"""
PART = r"(?:" + _LITERAL + r"|[A-Za-z_]\w*(?:\(\s*\))?)"  # a literal, a name, or a call without arguments
_BINDING_RE = re.compile(
    # the annotation on the name's own line: `try:` and the next line's name are no annotated binding
    r"^[ \t]*" + _KEYWORDS + r"(?P<lhs>[A-Za-z_]\w*)(?:[ \t]+string|[ \t]*:[ \t]*[A-Za-z_]\w*)?[ \t]*:?=(?!=)"
    # a Java initializer wrapped after `=` (google-java-format's long constants): one literal and `;` on the next line
    r"""(?:[ \t]*\n(?=[ \t]*(?P<wrapped>["'])[^"'\\\n]+(?P=wrapped)[ \t]*;))?[ \t]*"""
    r"""(?:(?P<quote>["'])(?P<value>[^"'\\\n]+)(?P=quote)|(?P<rhs>[A-Za-z_]\w*(?:\(\s*\))?)"""
    r"|(?P<joined>" + PART + r"(?:[ \t]*\+[ \t]*" + PART + r")+))"
    r"[ \t]*;?[ \t]*(?:(?://|#).*)?$",
    re.MULTILINE,
)
# `const NAME = process.env.VAR || "default"` (also `??`, `process.env["VAR"]`), over one or more lines
_ENV_DEFAULT_RE = re.compile(
    r"^[ \t]*" + _KEYWORDS + r"(?P<lhs>[A-Za-z_]\w*)(?:[ \t]*:[ \t]*[A-Za-z_]\w*)?[ \t]*=(?!=)\s*"
    r"""process\.env(?:\.\w+|\[\s*["'][^"'\n]+["']\s*\])\s*(?:\|\||\?\?)\s*"""
    r"""(?P<quote>["'])(?P<value>[^"'\\\n]+)(?P=quote)[ \t]*;?[ \t]*(?:(?://|#).*)?$""",
    re.MULTILINE,
)
# Java/Kotlin: `NAME = System.getProperty("key", "default")` (a Spring `environment.getProperty(...)` too),
# `System.getenv().getOrDefault("VAR", "default")`
_PROPERTY_DEFAULT_RE = re.compile(
    r"^[ \t]*" + _KEYWORDS + r"(?:[A-Za-z_][\w.<>]*[ \t]+)?(?P<lhs>[A-Za-z_]\w*)(?:\s*:\s*[A-Za-z_]\w*\??)?\s*=(?!=)\s*"
    r"""(?:(?:[A-Za-z_]\w*\s*\.\s*)+getProperty\s*\(|System\s*\.\s*getenv\s*\(\s*\)\s*\.\s*getOrDefault\s*\()\s*"""
    r"""(?:"[^"\\\n]*"|[A-Za-z_][\w.]*)\s*,\s*(?:"(?P<value>[^"\\\n]+)"|(?P<name>[A-Za-z_]\w*))\s*\)[ \t]*;?[ \t]*"""
    r"(?://.*)?$",
    re.MULTILINE,
)
# Python: `NAME = os.environ.get("VAR", "default")`, `os.getenv(...)` (`environ.get`, `getenv` imported from `os`;
# `default=` too), also wrapped in `str(...)`: the default, what the program uses when the variable is not set
# (https://docs.python.org/3/library/os.html#os.getenv)
_PYTHON_ENV_DEFAULT_RE = re.compile(
    r"^[ \t]*(?P<lhs>[A-Za-z_]\w*)(?:[ \t]*:[ \t]*[A-Za-z_]\w*)?[ \t]*=(?!=)[ \t]*(?P<str>str[ \t]*\([ \t]*)?"
    r"(?:os[ \t]*\.[ \t]*)?(?:environ[ \t]*\.[ \t]*get|getenv)[ \t]*\([ \t]*"
    r"""(?:"[^"\\\n]*"|'[^'\\\n]*'|[A-Za-z_][\w.]*)[ \t]*,[ \t]*(?:default[ \t]*=[ \t]*)?"""
    r"""(?:(?P<quote>["'])(?P<value>[^"'\\\n]+)(?P=quote)|(?P<name>[A-Za-z_]\w*))[ \t]*\)"""
    r"(?(str)[ \t]*\))[ \t]*(?:#.*)?$",
    re.MULTILINE,
)
_PART_RE = re.compile(
    r"""\s*\+?\s*(?:(?P<quote>["'])(?P<literal>[^"'\\\n]*)(?P=quote)|(?P<name>[A-Za-z_]\w*)(?P<call>\(\s*\))?)"""
)
# a method without arguments, its body starting on the line: `private static String version() {`, `fun tag(): String {`
_METHOD_RE = re.compile(
    r"^[ \t]*(?:(?:public|private|protected|internal|static|final|override|fun|func|export|async|function)[ \t]+)*"
    r"(?:[\w.<>\[\]?]+[ \t]+)?"
    r"(?P<name>[A-Za-z_]\w*)[ \t]*\([ \t]*\)[ \t]*(?::[ \t]*[\w.<>?]+[ \t]*|[\w.<>\[\]?]+[ \t]*)?\s*\{",
    re.MULTILINE,
)
_RETURN_RE = re.compile(
    r"""\breturn[ \t]+(?P<value>""" + PART + r"(?:\s*\+\s*" + PART + r")*)[ \t]*;?[ \t]*(?:(?://|#).*)?$",
    re.MULTILINE,
)
_NOT_METHODS = frozenset({"if", "for", "while", "switch", "catch", "synchronized", "return", "new", "else", "try"})
# a piece of a Scala interpolation's text: `$$` (a dollar sign), `${name}`, `$name`, another `$` (unknown), text
_PIECE_RE = re.compile(r"\$\$|\$\{\s*(?P<braced>[A-Za-z_]\w*)\s*\}|\$(?P<name>[A-Za-z_]\w*)|(?P<other>\$)|[^$]+")
_MAX_DEPTH = 4
_MAX_JOINED = 16  # values of one joined binding: a product of parts with several values each stays small

Part = tuple[bool, str]  # (is a literal, the literal's text or the name)


@dataclass
class SourceNames:
    """Each name's literal values (with the offset each is written at), the names it is bound to, and the joins of
    literals and names it is bound to (with the offset of each join)."""

    literals: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    joins: dict[str, list[tuple[int, tuple[Part, ...]]]] = field(default_factory=dict)
    numbers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> SourceNames:
        names = cls()
        for match in _BINDING_RE.finditer(text):
            if match["value"] is not None:
                names.literals.setdefault(match["lhs"], []).append((match.start("value"), match["value"]))
            elif match["joined"] is not None:
                names.joins.setdefault(match["lhs"], []).append((match.start("joined"), parts_of(match["joined"])))
            elif (rhs := re.sub(r"\s+", "", match["rhs"])) != match["lhs"]:  # a name, or a method's call: `name()`
                names.aliases.setdefault(match["lhs"], []).append(rhs)
        envs = (_ENV_DEFAULT_RE, _PROPERTY_DEFAULT_RE, _PYTHON_ENV_DEFAULT_RE)
        for match in [found for pattern in envs for found in pattern.finditer(text)]:
            if match["value"] is None:  # a constant as the default: `getOrDefault("DB_IMAGE", DEFAULT_DB_IMAGE)`
                names.aliases.setdefault(match["lhs"], []).append(match["name"])
                continue
            names.literals.setdefault(match["lhs"], []).append((match.start("value"), match["value"]))
        for method in _METHOD_RE.finditer(text):
            if method["name"] in _NOT_METHODS:
                continue
            body = text[method.end() : _block_end(text, method.end())]
            for returned in _RETURN_RE.finditer(body):
                at = method.end() + returned.start("value")
                names.joins.setdefault(method["name"] + "()", []).append((at, parts_of(returned["value"])))
        return names

    def joined(self, offset: int, text: str) -> list[tuple[int, str]]:
        """The values of a join of literals, names and calls written at `offset` (`IMAGE + ":" + version()`)."""
        return self.join(offset, parts_of(text))

    def join(self, offset: int, parts: tuple[Part, ...]) -> list[tuple[int, str]]:
        """The values of a join of `parts` written at `offset`."""
        return sorted(set(self._joined(offset, parts, 0, frozenset())))

    def interpolated(self, offset: int, body: str) -> list[tuple[int, str]]:
        """The values of a Scala `s"..."` interpolation whose text `body` is written at `offset`."""
        parts = interpolation_parts(body, self.numbers)
        return self.join(offset, parts) if parts is not None else []

    def values(self, name: str) -> list[tuple[int, str]]:
        """The literal values `name` can hold, following names bound to names and joins (a few steps, no cycles)."""
        return sorted(set(self._values(name, 0, frozenset())))

    def _values(self, name: str, depth: int, followed: frozenset[str]) -> list[tuple[int, str]]:
        if name in followed or depth > _MAX_DEPTH:
            return []
        followed |= {name}
        out = list(self.literals.get(name, []))
        for alias in self.aliases.get(name, []):
            out += self._values(alias, depth + 1, followed)
        for offset, parts in self.joins.get(name, []):
            out += self._joined(offset, parts, depth, followed)
        return out

    def _joined(
        self, offset: int, parts: tuple[Part, ...], depth: int, followed: frozenset[str]
    ) -> list[tuple[int, str]]:
        choices = [
            [text] if literal else sorted({value for _, value in self._values(text, depth + 1, followed)})
            for literal, text in parts
        ]
        joined = itertools.islice(itertools.product(*choices), _MAX_JOINED)
        return [(offset, "".join(combination)) for combination in joined]


def call_images(text: str, calls: Iterable[re.Match[str]], comments: tuple[str, ...]) -> list[tuple[int, str]]:
    """(offset, value) of the image each call gives: its `image` group, a literal, else the values the name of its
    `name` group holds in `text` (read once, when first needed); a call in a comment (a line led by `comments`) gives
    none."""
    lines = LineIndex(text)
    names: SourceNames | None = None
    given: list[tuple[int, str]] = []
    for call in calls:
        if lines.led_by(call.start(), comments):
            continue
        if call["image"] is not None:
            given.append((call.start("image"), call["image"]))
        else:
            names = names or SourceNames.of(text)
            given += names.values(call["name"])
    return given


def parts_of(text: str) -> tuple[Part, ...]:
    """The literals and names (`name()` for a call) of a join: `IMAGE + ":" + version()`."""
    return tuple(
        (True, part["literal"]) if part["name"] is None else (False, part["name"] + ("()" if part["call"] else ""))
        for part in _PART_RE.finditer(text)
    )


def interpolation_parts(body: str, numbers: dict[str, str]) -> tuple[Part, ...] | None:
    """The text and names of a Scala interpolation's `body` (`trinodb/trino:$VERSION`), a name bound to a number
    literal in `numbers` taken as its digits; None when `body` holds another expression (`${conf.version}`)."""
    parts: list[Part] = []
    for piece in _PIECE_RE.finditer(body):
        name = piece["braced"] or piece["name"]
        if piece["other"] is not None:
            return None
        if name is None:
            parts.append((True, "$" if piece.group() == "$$" else piece.group()))
        else:
            parts.append((True, numbers[name]) if name in numbers else (False, name))
    return tuple(parts)


def _block_end(text: str, start: int) -> int:
    """Where the block whose `{` is just before `start` ends (its closing brace; strings on one line skipped)."""
    depth = 1
    at = start
    while at < len(text):
        char = text[at]
        if char in "\"'":
            close = text.find(char, at + 1)
            newline = text.find("\n", at + 1)
            at = close if close != -1 and (newline == -1 or close < newline) else at
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return at
        at += 1
    return at


_NAME_RE = re.compile(r"[A-Za-z_]\w*")
# literals and names joined with `+`, nothing else
_JOIN_RE = re.compile(r'(?:"[^"\\\n]*"|[A-Za-z_]\w*)(?:\s*\+\s*(?:"[^"\\\n]*"|[A-Za-z_]\w*))*')


def string_values(expression: str, at: int, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, value) of each string an argument written at `at` can be: a literal, a name the file binds, or a join
    of literals and names with `+` (Jib Core's `Jib.from(...)`, docker-java's `pullImageCmd(...)`)."""
    expression = expression.strip()
    if _JOIN_RE.fullmatch(expression) is None:
        return []
    if expression.startswith('"') and expression.endswith('"') and expression.count('"') == 2:
        return [(at + 1, expression[1:-1])]
    if _NAME_RE.fullmatch(expression) is not None:
        return names.values(expression)  # at the line of the literal the file binds to it
    return names.joined(at, expression)
