"""Where a Docker SDK for Python call in a test pulls nothing, and the names a file binds to adjacent literals (pure).

An SDK's own unit tests (docker-py's `tests/unit/`) call the client against a fake engine: a call on a receiver the
file last binds, before the call, to a fake (`client = make_fake_client()`, `mock.MagicMock(spec=DockerClient)`: a
call or attribute of a name with `fake`, `mock` or `stub` in it) pulls nothing, and a file that imports the suite's
fake engine module (`from . import fake_api`, `from .fake_api_client import ...`: a module named `fake...`) runs all
its calls against it. A call in a `with pytest.raises(...)` / `self.assertRaises(...)` block expecting
`ImageNotFound` or `NotFound` is a test that the image does not exist: it is not pulled (one expecting another error,
`ContainerError`, still pulls the image and runs it).

Python joins adjacent string literals (`image_ref = ('hello-world@sha256:083d...' '59b2...')`): a name bound to such
a sequence, parenthesised or on one line, holds the joined text, read at the first literal's line.
"""

from __future__ import annotations

import bisect
import re

_FAKE_IMPORT_RE = re.compile(
    r"^[ \t]*(?:from[ \t]+[.\w]*\bfake\w*[ \t]+import\b|from[ \t]+\.[.\w]*[ \t]+import[ \t]+[^\n]*\bfake\w*)",
    re.MULTILINE,
)
_ASSIGNMENT_RE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)[ \t]*=(?!=)[ \t]*(?P<value>[^\n]*)", re.MULTILINE
)
_FAKE_VALUE_RE = re.compile(r"\b\w*(?:fake|mock|stub)\w*\s*[(.]", re.IGNORECASE)
_MISSING_RE = re.compile(
    r"^(?P<indent>[ \t]*)with[ \t]+[^\n]*(?:\.raises|assertRaises)\([^\n]*\b(?:ImageNotFound|NotFound)\b[^\n]*?:"
    r"(?P<rest>[ \t]*(?:#[^\n]*)?)$",
    re.MULTILINE,
)
_LITERAL = r"""(?:[rRuU]?(?P<q{0}>["'])[^"'\\\n]*(?P=q{0}))"""
_STRING_RE = re.compile(r"""[rRuU]?(["'])([^"'\\\n]*)\1""")
_ADJACENT_RE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*=[ \t]*(?P<open>\(\s*)?(?P<parts>"
    + _LITERAL.format(1)
    + r"(?:\s+"
    + _LITERAL.format(2)
    + r")+)\s*(?(open)\))[ \t]*$",
    re.MULTILINE,
)


def imports_fake_engine(text: str) -> bool:
    """Whether the file imports a fake engine module of its suite (`from . import fake_api`)."""
    return _FAKE_IMPORT_RE.search(text) is not None


class Bindings:
    """The file's assignments (`client = make_fake_client()`, `self.client = docker.APIClient()`), read once."""

    def __init__(self, assigned: dict[str, list[tuple[int, str]]]) -> None:
        self._assigned = assigned

    @classmethod
    def of(cls, text: str) -> Bindings:
        assigned: dict[str, list[tuple[int, str]]] = {}
        for match in _ASSIGNMENT_RE.finditer(text):
            name = re.sub(r"\s", "", match["name"])
            assigned.setdefault(name, []).append((match.start(), match["value"].strip()))
        return cls(assigned)

    def last(self, name: str, at: int) -> str | None:
        """The value last assigned to `name` before `at`, as written; None when none is."""
        values = self._assigned.get(name, [])
        index = bisect.bisect_left(values, (at, "")) - 1
        return values[index][1] if index >= 0 else None


def is_fake(value: str | None) -> bool:
    """Whether a receiver's value is a fake or a mock (`make_fake_client()`, `mock.MagicMock(...)`)."""
    return value is not None and _FAKE_VALUE_RE.match(value) is not None


def missing_image_blocks(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the blocks a test expects to fail with `ImageNotFound` / `NotFound`."""
    blocks: list[tuple[int, int]] = []
    for match in _MISSING_RE.finditer(text):
        indent = len(match["indent"].expandtabs())
        end = match.end()
        for line in re.finditer(r"\n([^\n]*)", text[match.end() :]):
            body = line.group(1)
            if body.strip() and len(body) - len(body.lstrip()) <= indent:
                break
            end = match.end() + line.end()
        blocks.append((match.end(), end))
    return blocks


def adjacent_bindings(text: str) -> dict[str, list[tuple[int, str]]]:
    """The names the file binds to adjacent string literals, each with (offset of the first, the joined text)."""
    bound: dict[str, list[tuple[int, str]]] = {}
    for match in _ADJACENT_RE.finditer(text):
        joined = "".join(part.group(2) for part in _STRING_RE.finditer(match["parts"]))
        bound.setdefault(match["name"], []).append((match.start("parts"), joined))
    return bound


def joined_literals(written: str) -> str | None:
    """The text of an argument written as adjacent string literals (`'a' 'b'`), else None."""
    parts = list(_STRING_RE.finditer(written))
    if len(parts) < 2 or re.fullmatch(r"\s*(?:" + _STRING_RE.pattern + r"\s*)+", written) is None:
        return None
    return "".join(part.group(2) for part in parts)
