"""A Makefile recipe's shell `for` loops as make hands them to the shell (pure).

GNU make expands the variable references of a recipe line before the shell runs it, `$$` being a `$` for the shell
(https://www.gnu.org/software/make/manual/html_node/Variables-in-Recipes.html), and a recipe line continued with
backslashes is one command line for one shell
(https://www.gnu.org/software/make/manual/html_node/Splitting-Recipe-Lines.html). So `@for name in
$(BASE_TARGETS); do \\` / `docker pull acme/shop-$$name-base:dev ; \\` / `done` pulls one image per word of
BASE_TARGETS, the shell's `$name` being each word.

`recipe_loops` writes each such loop (a recipe line whose `for` loop's body names its variable as `$$NAME` or
`$${NAME}`) on its first line, its continuation lines joined there and left empty (line numbers hold), make's `@`,
`-` and `+` prefixes taken off, the make variables of its word list replaced by their words and `$$NAME` written
`$NAME`: the loop shell_loops.py unrolls. A variable's words are those of its assignments outside recipes (a
tab-led line before any rule is one: make reads it as a recipe line only after a rule): `=`, `:=`, `?=`, then `+=`
appending, in a conditional's branch too (its words are pulled in the runs that read that branch); references to
other such variables are expanded. A variable assigned two different values, or a word that is not literal once
expanded, leaves the list as written.
"""

from __future__ import annotations

import re

_ASSIGN_RE = re.compile(
    r"^[ \t]*(?:(?:export|override)[ \t]+)*([A-Za-z_][\w.-]*)[ \t]*(:::=|::=|:=|\?=|\+=|!=|=)[ \t]*(.*?)[ \t]*$"
)
_RULE_RE = re.compile(r"^[^\s#=][^=]*?:(?!=)")
_DIRECTIVE_RE = re.compile(r"^\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude)\b")
_HEADER_RE = re.compile(r"^(\t[ \t]*)[@+-]*[ \t]*(for[ \t]+([A-Za-z_]\w*)[ \t]+in[ \t]+)([^;]*?)([ \t]*;.*)$")
_REFERENCE_RE = re.compile(r"\$(?:\(([A-Za-z_][\w.-]*)\)|\{([A-Za-z_][\w.-]*)\})")
_WORD_RE = re.compile(r"[\w@:/.+-]+")
_DEPTH = 8
_Values = dict[str, str | None]  # name -> its words as written (None: two different values)


def _logical(lines: list[str], index: int) -> tuple[str, int]:
    """The logical line starting at `index`, its backslash continuations joined by a space, and its last index."""
    text, end = lines[index].rstrip(), index
    while text.endswith("\\") and end + 1 < len(lines):
        end += 1
        text = text[:-1].rstrip() + " " + lines[end].strip()
    return text, end


def _values(lines: list[str]) -> _Values:
    """The file's variables assigned outside recipes, `+=` appending (see the module)."""
    values: _Values = {}
    in_recipe = False
    index = 0
    while index < len(lines):
        line, end = _logical(lines, index)
        index = end + 1
        if line.startswith("\t") and in_recipe:
            continue
        if (match := _ASSIGN_RE.match(line)) is not None:
            in_recipe = False
            name, operator, value = match.groups()
            known = values.get(name, "")
            if operator == "!=":
                values[name] = None
            elif operator == "+=":
                values[name] = f"{known} {value}".strip() if known is not None else None
            elif name not in values or (operator != "?=" and known != value):
                values[name] = value if name not in values else None
        elif line.strip() and not line.lstrip().startswith("#") and not _DIRECTIVE_RE.match(line):
            in_recipe = _RULE_RE.match(line) is not None if not line.startswith("\t") else in_recipe
    return values


def _words(listed: str, values: _Values, depth: int = 0) -> list[str] | None:
    """The literal words a loop's list is once make expands it, or None."""
    if depth > _DEPTH:
        return None
    words: list[str] = []
    for word in listed.split():
        if (match := _REFERENCE_RE.fullmatch(word)) is not None:
            value = values.get(match.group(1) or match.group(2))
            expanded = _words(value, values, depth + 1) if value is not None else None
            if expanded is None:
                return None
            words += expanded
        elif _WORD_RE.fullmatch(word):
            words.append(word)
        else:
            return None
    return words


def recipe_loops(text: str) -> str:
    """`text` with its recipes' `for` loops as make runs them (see the module)."""
    if "for" not in text or "$$" not in text:
        return text
    lines = text.split("\n")
    values: _Values | None = None
    end = -1
    for index, line in enumerate(text.split("\n")):
        if index <= end or (header := _HEADER_RE.match(line)) is None:
            continue  # a line the loop before took, or no loop's start
        joined, end = _logical(lines, index)
        header = _HEADER_RE.match(joined) or header
        escaped = re.compile(rf"\$\$(\{{{header.group(3)}\}}|{header.group(3)}(?!\w))")
        if not escaped.search(header.group(5)):
            continue
        values = _values(lines) if values is None else values
        words = _words(header.group(4), values)
        listed = " ".join(words) if words else header.group(4)
        body = escaped.sub(lambda found: "$" + found.group(1), header.group(5))
        lines[index : end + 1] = [header.group(1) + header.group(2) + listed + body] + [""] * (end - index)
    return "\n".join(lines)
