"""The literal strings a source file binds to its names (pure): `const image = "redis:7"`, `IMAGE: str = "..."`,
`private static final String IMAGE = "..."`, `image := defaultImage` (a name bound to another name), and
`IMAGE = "datagrip/hsqldb:" + TAG` (literals and names joined by `+`, as Java, Kotlin, Go, Python and JavaScript
constants build an image from a repository and a version).

Read from statements that start a line (a declaration's keywords and a simple type allowed before the name), so
a keyword argument (`f(image="x")`) or a comparison (`a == "x"`) binds nothing. A name bound several times has each
literal value it is given anywhere in the file; a joined value has one value per combination of its parts' values.
A value that is not a one-line literal, a name or such a join (a call, an environment variable, a join with a call
in it), or a join with a part bound to nothing literal, is not known and adds nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

_KEYWORDS = (
    r"(?:(?:export|const|let|var|val|final|static|private|public|protected|internal|readonly|String|string)\s+)*"
)
_LITERAL = r"""(?:"[^"'\\\n]*"|'[^"'\\\n]*')"""
_PART = r"(?:" + _LITERAL + r"|[A-Za-z_]\w*)"
_BINDING_RE = re.compile(
    r"^[ \t]*" + _KEYWORDS + r"(?P<lhs>[A-Za-z_]\w*)(?:\s+string|\s*:\s*[A-Za-z_]\w*)?\s*:?=(?!=)[ \t]*"
    r"""(?:(?P<quote>["'])(?P<value>[^"'\\\n]+)(?P=quote)|(?P<rhs>[A-Za-z_]\w*)"""
    r"|(?P<joined>" + _PART + r"(?:[ \t]*\+[ \t]*" + _PART + r")+))"
    r"[ \t]*;?[ \t]*(?:(?://|#).*)?$",
    re.MULTILINE,
)
_PART_RE = re.compile(r"""[ \t]*\+?[ \t]*(?:(?P<quote>["'])(?P<literal>[^"'\\\n]*)(?P=quote)|(?P<name>[A-Za-z_]\w*))""")
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

    @classmethod
    def of(cls, text: str) -> SourceNames:
        names = cls()
        for match in _BINDING_RE.finditer(text):
            if match["value"] is not None:
                names.literals.setdefault(match["lhs"], []).append((match.start("value"), match["value"]))
            elif match["joined"] is not None:
                parts = tuple(
                    (True, part["literal"]) if part["name"] is None else (False, part["name"])
                    for part in _PART_RE.finditer(match["joined"])
                )
                names.joins.setdefault(match["lhs"], []).append((match.start("joined"), parts))
            elif match["rhs"] != match["lhs"]:
                names.aliases.setdefault(match["lhs"], []).append(match["rhs"])
        return names

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
            choices = [
                [text] if literal else sorted({value for _, value in self._values(text, depth + 1, followed)})
                for literal, text in parts
            ]
            joined = itertools.islice(itertools.product(*choices), _MAX_JOINED)
            out += [(offset, "".join(combination)) for combination in joined]
        return out
