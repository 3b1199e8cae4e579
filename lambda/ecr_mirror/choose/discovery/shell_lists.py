"""The lists of words a script writes itself, for its `for` loops to go over (pure).

A script names its images once and loops over them: a string of words, often one a line (`IMAGES="` ... `"`, then
`for image in ${IMAGES}`: the shell splits the unquoted value at whitespace), or a bash array (`ALL_IMAGES=(` ...
`)`, then `for item in "${ALL_IMAGES[@]}"`: one word per element, a quoted element with spaces kept whole).
`literal_lists` gives the words of each name the script assigns exactly once such a value: quoted or bare words
of image-name characters (an array's elements possibly one a line ending in a backslash, `VERSIONS=( \\`), whitespace
inside quotes, and references to other variables (`"${SERVER_IMAGE} server"`,
resolved later where the word is used, as any other). A name also assigned elsewhere (`+=`, a second `NAME=`), a
value with a command substitution, a glob or another expansion (`$(cat images.txt)`, `*.tar`, `${X:-a}`), is no list;
but an array element that is one double-quoted command substitution (`"$(yq '.image.name' ./values.yaml)"`, the
scripts that create a kind or k3d cluster for a chart's tests list the chart's image so beside literal ones) is one
word whose value is known only when the script runs: kept as written (read where used as unresolved), the array's
other elements and their indices stay read (bash: "Command Substitution" and "Arrays",
https://www.gnu.org/software/bash/manual/bash.html#Command-Substitution: inside double quotes no word splitting).
"""

from __future__ import annotations

import re
from collections import Counter

_PREFIX = r"^[ \t]*(?:(?:export|local|readonly|declare|typeset)(?:[ \t]+-\w+)*[ \t]+)?"
_START_RE = re.compile(_PREFIX + r"([A-Za-z_]\w*)=([\"'(])", re.MULTILINE)
_PART = r"(?:[\w@:/.+-]|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*)"
_WORD_RE = re.compile(rf"{_PART}+")
_QUOTED_RE = re.compile(rf"(?:{_PART}|[ \t])*")
_ELEMENT_RE = re.compile(r"\"([^\"]*)\"|'([^']*)'|([^\s\"'#]+)|(#[^\n]*)")
# a double-quoted element that is one command substitution, no quote, parenthesis or backtick nested in it
_SUBSTITUTION_RE = re.compile(r"\$\([^()\"`$]*\)")
_MAX_WORDS = 64


# a name assigned (`NAME=`, `NAME+=`, `NAME[0]=`) at a line's start or anywhere after it (`if [ -n "$CI" ]; then
# versions="15 16"; fi`: a second value, so no list); the name alone is taken, so one after it is found too
_ASSIGNED_RE = re.compile(r"(?<![\w$.-])([A-Za-z_]\w*)(?=(?:\[[^\]\n]*\])?\+?=)")


def _assignments(text: str) -> Counter[str]:
    """How many times the script assigns each name, in one pass over it."""
    return Counter(match.group(1) for match in _ASSIGNED_RE.finditer(text))


def _string_words(value: str) -> list[str] | None:
    words = value.split()
    return words if all(_WORD_RE.fullmatch(word) for word in words) else None


def _array_words(body: str) -> list[str] | None:
    words: list[str] = []
    at = 0
    while (match := _ELEMENT_RE.search(body, at)) is not None:
        if body[at : match.start()].strip():
            return None
        at = match.end()
        double, single, bare, comment = match.groups()
        if comment is not None:
            continue
        if bare is not None and not _WORD_RE.fullmatch(bare):
            return None
        if double is not None and not _QUOTED_RE.fullmatch(double) and not _SUBSTITUTION_RE.fullmatch(double):
            return None
        word = double if double is not None else single if single is not None else bare
        words += [word] if word is not None and word.strip() else []
    return words if not body[at:].strip() else None


def array_end(text: str, at: int, comments: bool = False) -> int:
    """The index of the `)` closing an array whose elements start at `at`, -1 when there is none: one inside quotes
    or closing a command substitution an element opens (`"$(yq '.x' f)"`) is not it; with `comments`, nor one in a
    comment between the elements (`# binding to 127.0.0.1 (not 0.0.0.0) is safer`: a `#` starting a word outside
    quotes, to the line's end, https://www.gnu.org/software/bash/manual/bash.html#Comments)."""
    opened: list[str] = []  # the quotes and substitutions open at `index`, innermost last
    index = at
    while index < len(text):
        char, inner = text[index], opened[-1] if opened else ""
        if comments and char == "#" and not opened and (index == at or text[index - 1] in " \t\n"):
            line_end = text.find("\n", index)
            index = len(text) if line_end < 0 else line_end
            continue
        if inner == "'":
            opened.pop() if char == "'" else None
        elif char == "\\":
            index += 1  # the next character is quoted
        elif text.startswith("$(", index):
            opened.append("(")
            index += 1
        elif char == '"':
            opened.pop() if inner == '"' else opened.append('"')
        elif char == "'" and inner != '"':
            opened.append("'")
        elif char == ")" and inner != '"':
            if not opened:
                return index
            opened.pop()
        index += 1
    return -1


def literal_lists(text: str) -> dict[str, tuple[list[str], bool]]:
    """The words of each list the script writes (see the module), and whether it is an array."""
    out: dict[str, tuple[list[str], bool]] = {}
    assigned = _assignments(text)
    for start in _START_RE.finditer(text):
        name, opener = start.groups()
        closer = ")" if opener == "(" else opener
        end = array_end(text, start.end()) if opener == "(" else text.find(closer, start.end())
        if end < 0 or assigned[name] != 1:
            continue
        line_end = text.find("\n", end + 1)
        rest = text[end + 1 : line_end if line_end >= 0 else len(text)]
        if rest.strip() and not rest.lstrip().startswith(("#", ";")):
            continue  # `NAME="a"b`, `NAME=(a) b`: not a value read whole here
        body = text[start.end() : end]
        if opener == "(":  # a backslash before a newline continues the line: whitespace between elements
            words = _array_words(body.replace("\\\n", " \n"))
        elif opener == "'":  # no expansion inside single quotes
            words = _string_words(body) if "$" not in body else None
        else:
            words = _string_words(body) if "\\" not in body and "`" not in body else None
        if words and len(words) <= _MAX_WORDS:
            out[name] = (words, opener == "(")
    return out
