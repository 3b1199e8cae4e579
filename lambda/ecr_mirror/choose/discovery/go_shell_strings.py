"""The shell line a Go program runs through `sh -c` (pure).

`exec.Command("/bin/sh", "-c", cmdStr)` (also `sh`, `bash`, `/bin/bash`, after the context of `CommandContext` or
mage's environment) runs its third argument as a shell line: a literal string (`"docker run --rm alpine:3.20
true"`), `fmt.Sprintf("...", ...)` written there, or a name last assigned, before the call, such a literal or
`fmt.Sprintf` (harbor-helm's `cmdStr := fmt.Sprintf("docker pull hello-world:latest; docker tag hello-world:latest
%s/library/hello-world:latest; ...", addr, ...)`). A verb of the format (`%s`, `%v`, `%d`, `%q`) is a value known only
when the program runs: `${NAME}` for an argument that is a plain name, else `${GO_EXPRESSION}`. A format with escapes
(`\\n`), another verb, or a name assigned anything else is not read.
"""

from __future__ import annotations

import bisect
import re

from ecr_mirror.choose.discovery.source_expressions import expression_end, placeholder

SHELLS = frozenset({"sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash"})
_STRING_RE = re.compile(r'"(?P<double>[^"\\\n]*)"|`(?P<raw>[^`]*)`')
_SPRINTF_RE = re.compile(r'fmt\.Sprintf\(\s*"(?P<format>[^"\\\n]*)"\s*(?P<more>,)?')
_VERB_RE = re.compile(r"%[sdvq%]")
_ANY_VERB_RE = re.compile(r"%")
_LINE_END_RE = re.compile(r"[ \t]*(?:;|//[^\n]*)?[ \t]*(?:\n|$)")


def _arguments(text: str, at: int) -> list[str] | None:
    """The raw text of each argument of the call whose `(` ends just before `at`; None when it does not close."""
    out: list[str] = []
    while (end := expression_end(text, at, _STRING_RE, '"`', unread_ends=True)) < len(text):
        out.append(text[at:end].strip())
        if text[end] != ",":
            return out if text[end] == ")" else None
        at = end + 1
    return None


def _formatted(text: str, at: int) -> str | None:
    """The shell line of the `fmt.Sprintf(...)` at `at`, each verb `${NAME}` or `${GO_EXPRESSION}`."""
    match = _SPRINTF_RE.match(text, at)
    if match is None:
        return None
    arguments = (_arguments(text, match.end()) or []) if match["more"] else []
    pieces = _VERB_RE.split(match["format"])
    verbs = _VERB_RE.findall(match["format"])
    if any(_ANY_VERB_RE.search(piece) for piece in pieces):
        return None  # a verb not read (`%-5s`, `%x`)
    values = iter(arguments)
    out = pieces[0]
    for verb, piece in zip(verbs, pieces[1:], strict=True):
        out += ("%" if verb == "%%" else placeholder(next(values, ""), "GO_EXPRESSION")) + piece
    return out


class ShellStrings:
    """The values a Go file's names are last assigned before an offset (a literal or `fmt.Sprintf`), each name's
    assignments found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._assigned: dict[str, tuple[list[int], list[int]]] = {}

    def _value_at(self, at: int) -> str | None:
        literal = _STRING_RE.match(self.text, at)
        if literal is not None:
            if _LINE_END_RE.match(self.text, literal.end()) is None:
                return None  # a literal joined to more (`"docker run " + image`)
            return literal["double"] if literal["double"] is not None else literal["raw"]
        return _formatted(self.text, at)

    def named(self, name: str, before: int) -> str | None:
        """The shell line `name` holds at `before`: its last assignment's literal or format."""
        if name not in self._assigned:
            pattern = re.compile(rf"(?<![\w.]){re.escape(name)}[ \t]*:?=(?!=)[ \t]*")
            found = [(match.start(), match.end()) for match in pattern.finditer(self.text)]
            self._assigned[name] = ([start for start, _ in found], [end for _, end in found])
        starts, ends = self._assigned[name]
        index = bisect.bisect_left(starts, before) - 1
        return self._value_at(ends[index]) if index >= 0 else None

    def script(self, call_end: int, skipped: int) -> str | None:
        """The shell line of the call whose `(` ends at `call_end`, when it runs a shell with `-c` after `skipped`
        arguments (the context, the environment)."""
        arguments = _arguments(self.text, call_end)
        if arguments is None or len(arguments) < skipped + 3:
            return None
        program, option, given = arguments[skipped : skipped + 3]
        if program.strip('"`') not in SHELLS or option != '"-c"':
            return None
        if (literal := _STRING_RE.fullmatch(given)) is not None:
            return literal["double"] if literal["double"] is not None else literal["raw"]
        if given.startswith("fmt.Sprintf("):
            return _formatted(given, 0)
        if re.fullmatch(r"[A-Za-z_]\w*", given):
            return self.named(given, call_end)
        return None
