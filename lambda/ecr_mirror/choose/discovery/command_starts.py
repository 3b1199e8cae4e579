"""Whether a command runs at each of many offsets of one line (pure): `in_command_position` of the line up to the
offset, read from the last place before it where what comes before is no part of the command after it.

A line of many commands (`a; docker run x; docker run y; ...`, a generated script's one line, a minified
package.json's scripts joined) is read in a time that grows with its length, not its length squared: each offset's
text is read from the last list operator before it (`;`, `&&`, `||`, `|`) that a blank follows, or from the blank
before a word that holds one glued to what follows it (`true;X=1 make`: the word's `NAME=` may run through the
operator as the line is read), and never from further back than the blank before the first word of the last
`_READ` characters (a line of thousands of `buildah from` with no operator between them). The reading is the same
as from the line's start, but for an `xargs` or `find -exec` whose words run through such an operator
(`xargs -n1;docker run ...`), which is no command line, and a command whose position is set by words more than
`_READ` characters before it (a `find ... -exec` or `retry ... --` a thousand characters long).
"""

from __future__ import annotations

import bisect
import re

from ecr_mirror.choose.discovery.shell_command_words import in_command_position

_CUT_RE = re.compile(r"(?:&&|\|\||[;|])(?=\s)")
_GLUED_RE = re.compile(r"(?<=\s)[^\s;|]*?(?:&&|\|\||[;|])(?=\S)")
_WORD_RE = re.compile(r"\S")
_READ = 1024  # the characters before an offset its command position is read from, at most (plus one word)


class CommandStarts:
    """The command positions of one line: `runs_at(offset)`, `before(offset)` (the text they are read from)."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._keys: list[int] | None = None
        self._cuts: list[int] = []

    def _cut(self, at: int) -> int:
        """Where the text before `at` is read from (0, a list operator, or the blank before a glued word)."""
        if self._keys is None:  # (from which offset on, where from) of each place, in order
            places = {(0, 0)} | {(cut.start(), cut.start()) for cut in _CUT_RE.finditer(self.line)}
            places |= {(glued.end(), glued.start() - 1) for glued in _GLUED_RE.finditer(self.line)}
            ordered = sorted(places)
            self._keys, self._cuts = [key for key, _ in ordered], [cut for _, cut in ordered]
        return self._cuts[bisect.bisect_right(self._keys, at) - 1]

    def _blank(self, cut: int, at: int) -> int | None:
        """The last blank before the last `_READ` characters before `at` (the read begins there), or None when the
        text from `cut` is no longer than that, holds no such blank or only blanks before it (the line's start)."""
        if at - cut <= _READ:
            return None
        blank = max(self.line.rfind(" ", cut, at - _READ), self.line.rfind("\t", cut, at - _READ))
        return blank if blank > cut and _WORD_RE.search(self.line, cut, blank) else None

    def before(self, at: int) -> str:
        """The line's text before `at`, from where a command's position is read (from a blank when the read is cut)."""
        cut = self._cut(at)
        blank = self._blank(cut, at)
        return self.line[cut if blank is None else blank : at]

    def runs_at(self, at: int) -> bool:
        """Whether a command that starts at `at` runs (`in_command_position(line[:at])`, read as above)."""
        cut = self._cut(at)
        blank = self._blank(cut, at)
        if blank is None:
            return in_command_position(self.line[cut:at])
        return in_command_position(self.line, blank, at)  # the blank read as one, not as the line's start
