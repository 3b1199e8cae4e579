"""Line numbers and line starts of offsets in one text, by bisection over its newline offsets (pure).

A reader that reports the line of each match asks a `LineIndex` of the text: the newlines are found once (when the
first line is asked for, so a file with no match costs nothing), then each offset's line is a binary search. Counting
`text.count("\n", 0, at)` per match, or `text.rfind("\n", 0, at)` per match on one long line (a minified bundle),
is quadratic in the matches; a big generated file of many matches is read here in linear time.
"""

from __future__ import annotations

import bisect
import re

_BLANKS_RE = re.compile(r"\s*")


class LineIndex:
    """The lines of one text: `line(at)`, `line_start(at)`, `led_by(at, prefixes)`."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines: list[int] | None = None

    def _offsets(self) -> list[int]:
        if self._newlines is None:
            newlines: list[int] = []
            at = self._text.find("\n")
            while at >= 0:
                newlines.append(at)
                at = self._text.find("\n", at + 1)
            self._newlines = newlines
        return self._newlines

    def line(self, at: int) -> int:
        """The 1-based line of offset `at`: the newlines before it, plus one (`text.count("\\n", 0, at) + 1`)."""
        return bisect.bisect_left(self._offsets(), at) + 1

    def line_start(self, at: int) -> int:
        """The offset where the line holding `at` starts (`text.rfind("\\n", 0, at) + 1`)."""
        offsets = self._offsets()
        index = bisect.bisect_left(offsets, at)
        return offsets[index - 1] + 1 if index else 0

    def led_by(self, at: int, prefixes: str | tuple[str, ...]) -> bool:
        """Whether the code before `at` on its line, past its indentation, starts with one of `prefixes` (a comment
        marker: `text[line_start:at].lstrip().startswith(prefixes)`, without copying the line)."""
        start = _BLANKS_RE.match(self._text, self.line_start(at), at).end()  # type: ignore[union-attr]  # matches ""
        return self._text.startswith(prefixes, start, at)
