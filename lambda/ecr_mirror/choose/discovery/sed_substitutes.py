"""The `s` commands of a sed expression, read as written: delimiter, pattern, replacement, flags (pure).

`s/REGEXP/REPLACEMENT/FLAGS`: the character after `s` delimits, any but a backslash, a newline, a letter, a digit or
white space (https://www.gnu.org/software/sed/manual/sed.html#The-_0022s_0022-Command); a backslash and the
character after it, the delimiter too, are an escape that belongs to the part it stands in. Several commands of one
expression are joined by `;`. The pattern is a regular expression, basic unless `-E`/`-r` make it extended
(https://www.gnu.org/software/sed/manual/sed.html#BRE-vs-ERE). Who reads them: sed_fills.py (literal patterns, the
files a sed edits) and sed_templates.py (the Dockerfile templates a sed fills in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUBSTITUTE_RE = re.compile(
    # each character is an escape pair or one that is neither a backslash nor the delimiter: one way to match, so an
    # `s` command without its closing delimiter fails in linear time
    r"s(?P<d>[^\w\s\\])(?P<pattern>(?:\\.|(?!(?P=d))[^\\])*)(?P=d)(?P<replacement>(?:\\.|(?!(?P=d))[^\\])*)(?P=d)"
)
_BRE_RE = re.compile(r"\\([(){}|+?])|([(){}|+?])")  # BRE: `\(` groups, `(` is a character


@dataclass(frozen=True, slots=True)
class Substitute:
    """An `s` command: its delimiter, its pattern and replacement as written (escapes kept), and what follows the
    replacement's closing delimiter (its flags, as written)."""

    delimiter: str
    pattern: str
    replacement: str
    rest: str


def substitutes(expression: str) -> list[Substitute]:
    """The `s` commands of a sed expression (`s/A/B/g`, also several joined by `;`), each without the white space
    around it; a command that is no `s` command, or whose replacement is not closed, is left out."""
    out: list[Substitute] = []
    for command in expression.split(";"):
        written = command.strip()
        if (match := _SUBSTITUTE_RE.match(written)) is not None:
            out.append(Substitute(match["d"], match["pattern"], match["replacement"], written[match.end() :]))
    return out


def pattern_regex(pattern: str, *, extended: bool) -> re.Pattern[str] | None:
    """The Python regular expression of an `s` command's pattern, an ERE when `extended` and a BRE otherwise (`\\(`
    groups, `(` is a character); None for one Python cannot read."""
    written = pattern if extended else _BRE_RE.sub(lambda m: m.group(1) or "\\" + m.group(2), pattern)
    try:
        return re.compile(written)
    except re.error:
        return None
