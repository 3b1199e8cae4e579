"""The bash associative arrays a script writes, read as some run of the script takes each value (pure).

A script may key its images by a version or a platform: `declare -A NODE_IMAGES=( [v1.30]=kindest/node:v1.30.10
... )` (one line or many; `local -A`, `typeset -A` too), or `NODE_IMAGES[v1.31]="kindest/node:v1.31.6"` after the
`declare -A`, then `kind create cluster --image "${NODE_IMAGES[$K8S_VERSION]}"`. The key a run takes is not known
here, so a use with a key that is not written literally (`${NODE_IMAGES[$v]}`) or every value (`${NODE_IMAGES[@]}`)
gives the line once per value, the copies joined by ` ; ` as an unrolled loop's are (shell_loops.py), line numbers
kept; a key written literally (`${NODE_IMAGES[v1.29]}`) gives that value only. A loop over the array's keys or
values (`for v in "${!NODE_IMAGES[@]}"`, `for image in "${NODE_IMAGES[@]}"`) gets the words written in place, for
shell_loops.py to unroll. A value is one shell word, its quoted and unquoted parts joined (`["api"]="$REGISTRY"":api"`,
https://www.gnu.org/software/bash/manual/bash.html#Quoting). Values with a command substitution are no value; an
array whose keys are not all words, or with more than 64 values, is not read.
"""

from __future__ import annotations

import re

_DECLARED_RE = re.compile(r"^[ \t]*(?:declare|local|typeset)[ \t]+-[A-Za-z]*A[A-Za-z]*[ \t]+([A-Za-z_]\w*)", re.M)
# `NAME=(` or `NAME+=(` at a line's start, after a `declare -A` or not
_LIST_RE = re.compile(r"^[ \t]*(?:(?:declare|local|typeset)[ \t]+-[A-Za-z]+[ \t]+)?([A-Za-z_]\w*)\+?=\(", re.M)
# a value is one shell word: quoted and unquoted parts joined (`"$REGISTRY"":api-latest"`, bash's Quoting)
_ELEMENT_RE = re.compile(r"""\[[ \t]*(["']?)([^\]"'\n]*)\1[ \t]*\]\+?=((?:"[^"\n]*"|'[^'\n]*'|[^\s"'()])*)""")
_PART_RE = re.compile(r""""([^"\n]*)"|'([^'\n]*)'|([^\s"'()]+)""")
_ONE_RE = re.compile(r"^[ \t]*([A-Za-z_]\w*)(\[[^\]\n]*\]\+?=[^\n]*)", re.M)
_KEY_RE = re.compile(r"[\w.:/@+-]+")
_USE_RE = re.compile(r"\$\{([A-Za-z_]\w*)\[([^\]\n]*)\]\}")
_HEADER_RE = re.compile(r"^(\s*for\s+\w+\s+in\s+)(\"?)\$\{(!?)([A-Za-z_]\w*)\[[@*]\]\}\2(?=\s*(?:;|$|\bdo\b))")
_MAX_VALUES = 64
Maps = dict[str, dict[str, str]]


def _elements(body: str, into: dict[str, str]) -> None:
    for match in _ELEMENT_RE.finditer(body):
        key = match.group(2)
        value = "".join(next(p for p in part.groups() if p is not None) for part in _PART_RE.finditer(match.group(3)))
        if value and "$(" not in value and "`" not in value:
            into[key.strip()] = value


def shell_maps(text: str) -> Maps:
    """Each associative array the script declares, its keys and values (see the module)."""
    if "-A" not in text or "[" not in text:
        return {}
    maps: Maps = {match.group(1): {} for match in _DECLARED_RE.finditer(text)}
    if not maps:
        return {}
    for start in _LIST_RE.finditer(text):
        if start.group(1) in maps and (end := text.find(")", start.end())) >= 0:
            _elements(text[start.end() : end], maps[start.group(1)])
    for one in _ONE_RE.finditer(text):
        if one.group(1) in maps:
            _elements(one.group(2), maps[one.group(1)])
    return {
        name: values
        for name, values in maps.items()
        if values and len(values) <= _MAX_VALUES and all(_KEY_RE.fullmatch(key) for key in values)
    }


def map_loops(text: str, maps: Maps) -> str:
    """`text` with each `for` loop over an associative array's keys or values given the words in place."""
    if not maps or "for" not in text:
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if "for" in line and (match := _HEADER_RE.match(line)) is not None and match.group(4) in maps:
            values = maps[match.group(4)]
            words = list(values) if match.group(3) else [f'"{value}"' for value in values.values()]
            lines[index] = match.group(1) + " ".join(words) + line[match.end() :]
    return "\n".join(lines)


def _line_copies(line: str, maps: Maps) -> str:
    """`line` with each use of an array by a literal key replaced by its value, then once per value of the first
    array used by an unknown key (or all of it), the copies joined by ` ; `."""

    def literal(match: re.Match[str]) -> str:
        values, key = maps.get(match.group(1)), match.group(2).strip().strip("\"'")
        known = values is not None and "$" not in key and key not in ("@", "*")
        return values[key] if values is not None and known and key in values else match.group(0)

    line = _USE_RE.sub(literal, line)
    unknown = next((match for match in _USE_RE.finditer(line) if match.group(1) in maps), None)
    if unknown is None:
        return line
    indent, body = line[: len(line) - len(line.lstrip())], line.strip()
    body = body[:-1].rstrip() if body.endswith(("&", ";")) and not body.endswith(("&&", ";;")) else body
    name = unknown.group(1)
    pattern = re.compile(r"\$\{" + name + r"\[[^\]\n]*\]\}")
    copies = [pattern.sub(value.replace("\\", r"\\"), body) for value in maps[name].values()]
    return indent + " ; ".join(copies)


def map_uses(text: str, maps: Maps) -> str:
    """`text` with each use of an associative array the script writes replaced by its values (see the module)."""
    if not maps:
        return text
    return "\n".join(_line_copies(line, maps) if "${" in line and "[" in line else line for line in text.split("\n"))
