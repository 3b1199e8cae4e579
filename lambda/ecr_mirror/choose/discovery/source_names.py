"""The literal strings a source file binds to its names (pure): `const image = "redis:7"`, `IMAGE: str = "..."`,
`private static final String IMAGE = "..."`, `image := defaultImage` (a name bound to another name).

Read from statements that start a line (a declaration's keywords and a simple type allowed before the name), so
a keyword argument (`f(image="x")`) or a comparison (`a == "x"`) binds nothing. A name bound several times has each
literal value it is given anywhere in the file; a value that is not a one-line literal or a name (a call, an
environment variable, a concatenation) is not known and adds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_KEYWORDS = (
    r"(?:(?:export|const|let|var|val|final|static|private|public|protected|internal|readonly|String|string)\s+)*"
)
_BINDING_RE = re.compile(
    r"^[ \t]*" + _KEYWORDS + r"(?P<lhs>[A-Za-z_]\w*)(?:\s+string|\s*:\s*[A-Za-z_]\w*)?\s*:?=(?!=)[ \t]*"
    r"""(?:(?P<quote>["'])(?P<value>[^"'\\\n]+)(?P=quote)|(?P<rhs>[A-Za-z_]\w*))[ \t]*;?[ \t]*(?:(?://|#).*)?$""",
    re.MULTILINE,
)
_MAX_DEPTH = 4


@dataclass
class SourceNames:
    """Each name's literal values (with the offset each is written at) and the names it is bound to."""

    literals: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> SourceNames:
        names = cls()
        for match in _BINDING_RE.finditer(text):
            if match["value"] is not None:
                names.literals.setdefault(match["lhs"], []).append((match.start("value"), match["value"]))
            elif match["rhs"] != match["lhs"]:
                names.aliases.setdefault(match["lhs"], []).append(match["rhs"])
        return names

    def values(self, name: str) -> list[tuple[int, str]]:
        """The literal values `name` can hold, following names bound to names (a few steps, no cycles)."""
        out: list[tuple[int, str]] = []
        seen: set[str] = set()
        pending = [(name, 0)]
        while pending:
            current, depth = pending.pop()
            if current in seen or depth > _MAX_DEPTH:
                continue
            seen.add(current)
            out += self.literals.get(current, [])
            pending += [(alias, depth + 1) for alias in self.aliases.get(current, [])]
        return sorted(set(out))
