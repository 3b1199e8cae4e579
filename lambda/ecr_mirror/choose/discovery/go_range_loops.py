"""The values a Go `for ... range` loop's variable takes over a slice literal (pure).

`for _, image := range images { sh.Run("docker", "pull", image) }`, with `images := []string{"a:1", "b:2"}` (or
`var images = []string{...}`) last assigned before the loop, or the literal written in it (`range []string{"a:1",
"b:2"}`): a call inside the loop's body that is given the variable is made once with each element. Only a slice of
literal strings (or constants of one) counts; anything else (a parameter, a call's result) is known only when the
program runs.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

_LOOP = r"\bfor\s+(?:_|[A-Za-z_]\w*)\s*,\s*{name}\s*:=\s*range\s+(?:(?P<source>[A-Za-z_]\w*)|\[\]string\s*\{{)"
_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`')
# a string (its braces no block's), or a brace
_BRACE_RE = re.compile(_STRING_RE.pattern + r"|[{}]")

# the elements of the slice literal last assigned to a name before an offset, or of the literal opening at an offset
NamedSlice = Callable[[str, int], "list[str | None] | None"]
InlineSlice = Callable[[int], "list[str | None] | None"]


class RangeLoops:
    """The `range` loops of one text, each name's found once and each body's braces counted once, so that a file
    of many calls in loops is read in a time that grows with its length (`named`, `inline`: see range_values)."""

    def __init__(self, text: str, named: NamedSlice, inline: InlineSlice) -> None:
        self.text, self.named, self.inline = text, named, inline
        self._loops: dict[str, tuple[list[int], list[re.Match[str]]]] = {}
        self._bodies: dict[int, tuple[list[int], list[int]]] = {}
        self._slices: dict[tuple[str, int] | int, list[str | None] | None] = {}

    def _last_loop(self, name: str, at: int) -> re.Match[str] | None:
        """The last loop over `name` that ends before `at` (as a search of the text up to `at` finds it)."""
        if name not in self._loops:
            loops = list(re.finditer(_LOOP.format(name=re.escape(name)), self.text))
            self._loops[name] = ([loop.end() for loop in loops], loops)
        ends, loops = self._loops[name]
        index = bisect.bisect_right(ends, at) - 1
        return loops[index] if index >= 0 else None

    def _inside(self, block: int, at: int) -> bool:
        """Whether `at` is inside the block that opens at the first `{` from `block` (braces in strings aside)."""
        brace = self.text.find("{", block)
        if brace < 0 or brace > at:
            return False
        if brace not in self._bodies:  # the offsets of the braces after it outside strings, and the depth after each
            offsets, depths, depth = [], [], 0
            for token in _BRACE_RE.finditer(self.text, brace):
                if token.group() in "{}":
                    depth += 1 if token.group() == "{" else -1
                    offsets.append(token.start())
                    depths.append(depth)
            self._bodies[brace] = (offsets, depths)
        offsets, depths = self._bodies[brace]
        index = bisect.bisect_left(offsets, at) - 1
        return index >= 0 and depths[index] > 0

    def values(self, name: str, at: int) -> list[str] | None:
        """The values of `name` at `at` when it is the variable of the innermost `for _, name := range` before it
        over a slice of literals, and `at` is in the loop's body; None otherwise."""
        loop = self._last_loop(name, at)
        if loop is None:
            return None
        words: list[str | None] | None
        if loop["source"] is not None:
            key: tuple[str, int] | int = (loop["source"], loop.start())
            inside = self._inside(loop.end(), at)
            if inside and key not in self._slices:
                self._slices[key] = self.named(loop["source"], loop.start())
            words = self._slices[key] if inside else None
        else:
            inside = self._inside(self.text.find("}", loop.end()) + 1, at)
            if inside and loop.end() not in self._slices:
                self._slices[loop.end()] = self.inline(loop.end())
            words = self._slices[loop.end()] if inside else None
        if not words or any(word is None for word in words):
            return None
        return [word for word in words if word is not None]
