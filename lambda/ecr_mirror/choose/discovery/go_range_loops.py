"""The values a Go `for ... range` loop's variable takes over a slice literal (pure).

`for _, image := range images { sh.Run("docker", "pull", image) }`, with `images := []string{"a:1", "b:2"}` (or
`var images = []string{...}`) last assigned before the loop, or the literal written in it (`range []string{"a:1",
"b:2"}`): a call inside the loop's body that is given the variable is made once with each element. Only a slice of
literal strings (or constants of one) counts; anything else (a parameter, a call's result) is known only when the
program runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_LOOP = r"\bfor\s+(?:_|[A-Za-z_]\w*)\s*,\s*{name}\s*:=\s*range\s+(?:(?P<source>[A-Za-z_]\w*)|\[\]string\s*\{{)"
_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`')

# the elements of the slice literal last assigned to a name before an offset, or of the literal opening at an offset
NamedSlice = Callable[[str, int], "list[str | None] | None"]
InlineSlice = Callable[[int], "list[str | None] | None"]


def _inside(text: str, block: int, at: int) -> bool:
    """Whether `at` is inside the block that opens at the first `{` from `block` (braces in strings aside)."""
    brace = text.find("{", block)
    if brace < 0 or brace > at:
        return False
    unquoted = _STRING_RE.sub('""', text[brace:at])
    return unquoted.count("{") > unquoted.count("}")


def range_values(text: str, name: str, at: int, named: NamedSlice, inline: InlineSlice) -> list[str] | None:
    """The values of `name` at `at` when it is the variable of the innermost `for _, name := range` before it over a
    slice of literals, and `at` is in the loop's body; None otherwise."""
    loops = list(re.finditer(_LOOP.format(name=re.escape(name)), text[:at]))
    if not loops:
        return None
    loop = loops[-1]
    if loop["source"] is not None:
        words = named(loop["source"], loop.start()) if _inside(text, loop.end(), at) else None
    else:
        words = inline(loop.end()) if _inside(text, text.find("}", loop.end()) + 1, at) else None
    if not words or any(word is None for word in words):
        return None
    return [word for word in words if word is not None]
