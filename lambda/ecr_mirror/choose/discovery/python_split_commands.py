"""Docker command lines a Python source splits into their words before it runs them (pure).

A setup script or a test helper often writes its command as one string and splits it: 0x's Python packages start
their test chain with `subprocess.call(("docker pull 0xorg/ganache-cli").split())`, or `cmd_line = ("docker run -d
-p 8545:8545 IMAGE").split()` and then `subprocess.call(cmd_line)`. `str.split()` with no separator (or a single
space) splits on whitespace (https://docs.python.org/3/library/stdtypes.html#str.split) and `shlex.split(s)` as a
shell would (https://docs.python.org/3/library/shlex.html#shlex.split): the list they give is the list of words the
same readers read when it is written out (`["docker", "pull", IMAGE]`, python_commands.py). Read: a one-line string
literal (an f-string too) whose first word is `docker` or `podman`, followed by `.split()` or `.split(" ")` (the
literal parenthesized or not: `("docker pull IMAGE").split()`, `"docker pull IMAGE".split()`), or given first to
`shlex.split(...)`. Not read: another separator (`.split(",")`), a literal holding a quote or a backslash (its words are
not a shell's), strings joined or written next to each other, the split result of a call (`f("...").split()`).
"""

from __future__ import annotations

import re

_SPACE_RE = re.compile(r"(?:\s|#[^\n]*)*")  # blanks and comments: `).split()` on a line of its own
# a one-line literal that starts with the program: `"docker pull IMAGE"`, `f"podman run {image}"`
_LINE_RE = re.compile(
    r"""(?<!\w)(?P<prefix>[rRuUfF]{0,2})(?P<quote>["'])(?P<body>(?:docker|podman)[ \t][^"'\\\n]*)(?P=quote)"""
)
_SPLIT_RE = re.compile(r"""\.split\(\s*(?:(?P<separator>["'])[ ](?P=separator)\s*)?\)""")  # `.split()`, `.split(" ")`
_SHLEX_RE = re.compile(r"(?<![\w.])shlex\.split\Z")
_CALLED = frozenset("_.)]\"'")  # with letters and digits: what `(` follows when the literal is a call's argument
_FIELD_RE = re.compile(r"\{([^{}]*)\}")
_NAME_RE = re.compile(r"[A-Za-z_]\w*")


def _word(word: str, formatted: bool) -> str:
    """A word of the line; in an f-string, its `{...}` fields known only when the program runs (`${NAME}`)."""
    if not formatted:
        return word
    return _FIELD_RE.sub(_field, word)


def _field(field: re.Match[str]) -> str:
    expression = field[1].strip()
    return "${" + (expression if _NAME_RE.fullmatch(expression) else "PYTHON_EXPRESSION") + "}"


def _before(text: str, at: int) -> int:
    """Where the blanks before `at` start."""
    while at > 0 and text[at - 1] in " \t\r\n":
        at -= 1
    return at


def _split(text: str, line: re.Match[str]) -> bool:
    """Whether the literal `line` is split into words: `LINE.split()`, `(LINE).split()` or `shlex.split(LINE)`."""
    opened = _before(text, line.start())
    if _SPLIT_RE.match(text, line.end()):
        return text[opened - 1 : opened] not in ('"', "'")  # not the last of strings written next to each other
    if text[opened - 1 : opened] != "(":
        return False
    after = _SPACE_RE.match(text, line.end()).end()  # type: ignore[union-attr]  # matches the empty string
    if _SHLEX_RE.search(text, max(0, opened - 12), opened - 1):
        return text[after : after + 1] in (",", ")")
    called = text[opened - 2 : opened - 1] if opened >= 2 else ""
    if (called.isalnum() or called in _CALLED) or text[after : after + 1] != ")":
        return False
    return _SPLIT_RE.match(text, _SPACE_RE.match(text, after + 1).end()) is not None  # type: ignore[union-attr]


def split_commands(text: str) -> list[tuple[int, list[str]]]:
    """(where the literal starts, its words) of each docker or podman command line the source splits
    into words (see the module), in order."""
    commands: list[tuple[int, list[str]]] = []
    for line in _LINE_RE.finditer(text):
        if _split(text, line):
            formatted = "f" in line["prefix"].lower()
            commands.append((line.start(), [_word(word, formatted) for word in line["body"].split()]))
    return commands
