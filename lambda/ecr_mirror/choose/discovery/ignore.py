"""`.gitignore` patterns and `--exclude` globs matched against paths (pure: patterns are text, paths are strings).

Follows gitignore(5): blank lines and `#` comments skipped, `\\#`/`\\!` escapes, trailing spaces dropped, `!`
re-includes, a trailing `/` matches directories only, a pattern with a `/` before its end is anchored to the
directory of its file, otherwise it matches a name at any depth; `*` and `?` stop at `/`, `[...]` classes, `**/`,
`/**` and `/**/` cross directories. The last matching pattern decides. A path inside an ignored directory is never
seen, since the walk does not enter it (as git: a file cannot be re-included under an excluded directory).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pattern:
    regex: re.Pattern[str]
    negated: bool
    directories_only: bool
    text: str


def _class(glob: str, start: int) -> tuple[str, int]:
    """A `[...]` class from `glob[start]` (the `[`), as regex text, and the index after it."""
    end = start + 1
    if end < len(glob) and glob[end] in "!^":
        end += 1
    if end < len(glob) and glob[end] == "]":
        end += 1
    end = glob.find("]", end)
    if end < 0:
        return re.escape("["), start + 1
    body = glob[start + 1 : end]
    if body[:1] in ("!", "^"):
        body = "^" + body[1:]
    return "[" + body.replace("\\", "\\\\") + "]", end + 1


def _translate(glob: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif glob.startswith("/**", index) and index + 3 == len(glob):
            out.append("/.*")
            index += 3
        elif glob[index] == "*":
            out.append("[^/]*")
            index += 1
        elif glob[index] == "?":
            out.append("[^/]")
            index += 1
        elif glob[index] == "[":
            text, index = _class(glob, index)
            out.append(text)
        elif glob[index] == "\\" and index + 1 < len(glob):
            out.append(re.escape(glob[index + 1]))
            index += 2
        else:
            out.append(re.escape(glob[index]))
            index += 1
    return "".join(out)


def parse_pattern(line: str) -> Pattern | None:
    """One gitignore line; None for blank lines and comments."""
    text = line.rstrip("\n\r")
    stripped = re.sub(r"(?<!\\) +$", "", text)
    if not stripped or stripped.startswith("#"):
        return None
    negated = stripped.startswith("!")
    body = stripped[1:] if negated else stripped
    body = body[1:] if body.startswith(("\\#", "\\!")) else body
    directories_only = body.endswith("/")
    body = body.rstrip("/")
    if not body:
        return None
    anchored = "/" in body
    body = body.removeprefix("/")
    prefix = "" if anchored or body.startswith("**/") else "(?:.*/)?"
    return Pattern(re.compile(prefix + _translate(body) + r"\Z", re.DOTALL), negated, directories_only, text)


def parse_patterns(text: str) -> list[Pattern]:
    return [pattern for line in text.splitlines() if (pattern := parse_pattern(line)) is not None]


def deciding(patterns: list[Pattern], relative: str, *, is_dir: bool) -> Pattern | None:
    """The last pattern matching `relative` (a `/`-separated path from the patterns' directory): it ignores the
    path unless it is `negated`; None when no pattern matches."""
    decided: Pattern | None = None
    for pattern in patterns:
        if (is_dir or not pattern.directories_only) and pattern.regex.match(relative):
            decided = pattern
    return decided
