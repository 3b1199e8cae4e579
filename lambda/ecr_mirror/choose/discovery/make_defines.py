"""A makefile's user-defined functions as the text `$(eval $(call NAME,ARGS))` makes of them (pure).

A makefile may write rules and assignments once, in a multi-line variable (`define NAME` ... `endef`), and have make
write them out per value: `$(eval $(call NAME,ARG1,ARG2))`. `call` expands the variable's value with `$(1)`, `$(2)`,
... (also `$1`, `${1}`; `$(0)` the name) set to the arguments, each `$$` becoming `$`
(https://www.gnu.org/software/make/manual/html_node/Call-Function.html), and `eval` reads the result as makefile
text, its rules and recipes as if written there (https://www.gnu.org/software/make/manual/html_node/Eval-Function.html):
cert-manager's makefile-modules write one `./make/...-fetch.sh exact $$(DEBIAN_$(1)_BUNDLE_SOURCE_IMAGE) ...` recipe
per Debian release with `$(eval $(call debian-trust-package-targets,BOOKWORM,bookworm))`. Also read: such a call
inside `$(foreach VAR,WORDS,...)` over literal words, once per word with `$(VAR)` set to it
(https://www.gnu.org/software/make/manual/html_node/Foreach-Function.html).

`with_called_defines` appends each call's text after the makefile's last line, so the makefile's own lines keep
their numbers, and says which line of the `define` each appended line was written from. An argument is kept as
written (make expands it first: a reference in it is resolved later, with the makefile's values); a call of a
function the file does not define, one with a variable list to loop over, and a `$(call ...)` that no `$(eval)`
reads as makefile text (a value: `X := $(call f,a)`) write nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DEFINE_RE = re.compile(r"^[ \t]*(?:(?:override|export)[ \t]+)*define[ \t]+([^\s:=?+!]+)[ \t]*(?:[:!?+]{0,3}=)?[ \t]*$")
_ENDEF_RE = re.compile(r"^[ \t]*endef(?:[ \t]|$)")
_EVAL_CALL_RE = re.compile(r"^[ \t]*\$\(eval[ \t]+\$\(call[ \t]+")
_FOREACH_RE = re.compile(
    r"^[ \t]*\$\(foreach[ \t]+([A-Za-z_][\w.-]*)[ \t]*,([^,$()]*),[ \t]*\$\(eval[ \t]+\$\(call[ \t]+"
)
_PARAMETER_RE = re.compile(r"\$\$|\$\(([0-9])\)|\$\{([0-9])\}|\$([0-9])")
_CALLS = 64  # at most this many calls of one makefile are written out


@dataclass(frozen=True, slots=True)
class Called:
    """A makefile's text with its evaluated calls appended, and the `define` line (1-based) each appended line comes
    from."""

    text: str
    lines: dict[int, int] = field(default_factory=dict)


def _defines(lines: list[str]) -> dict[str, tuple[int, list[str]]]:
    """Each `define NAME` of the file: (the line number of its first body line, its body lines)."""
    out: dict[str, tuple[int, list[str]]] = {}
    index = 0
    while index < len(lines):
        if (match := _DEFINE_RE.match(lines[index])) is None:
            index += 1
            continue
        depth, end = 1, index + 1
        while end < len(lines):
            depth += 1 if _DEFINE_RE.match(lines[end]) else -1 if _ENDEF_RE.match(lines[end]) else 0
            if depth == 0:
                break
            end += 1
        out[match.group(1)] = (index + 2, lines[index + 1 : end])
        index = end + 1
    return out


def _arguments(line: str, start: int) -> tuple[str, list[str]] | None:
    """(function name, arguments as written) of the `$(call ...)` whose name starts at `start`, None when unclosed."""
    depth, parts, current = 0, list[str](), list[str]()
    for char in line[start:]:
        if char in "({":
            depth += 1
        elif char in ")}":
            if depth == 0:
                parts.append("".join(current))
                name, *arguments = parts
                return name.strip(), arguments
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    return None


def _expanded(body: list[str], name: str, arguments: list[str]) -> list[str]:
    """The body with the call's arguments for its parameters and each `$$` as `$` (one expansion)."""

    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        number = int(next(group for group in match.groups() if group is not None))
        if number == 0:
            return name
        return arguments[number - 1] if number <= len(arguments) else ""

    return [_PARAMETER_RE.sub(value, line) for line in body]


def _calls(line: str) -> list[tuple[str, list[str]]]:
    """The (name, arguments) calls an `$(eval $(call ...))` line evaluates: one, or one per word of a `foreach`."""
    if (match := _EVAL_CALL_RE.match(line)) is not None:
        called = _arguments(line, match.end())
        return [called] if called is not None else []
    if (match := _FOREACH_RE.match(line)) is None or (called := _arguments(line, match.end())) is None:
        return []
    variable, (name, arguments) = match.group(1), called
    reference = re.compile(rf"\$(?:\({re.escape(variable)}\)|\{{{re.escape(variable)}\}})")
    return [(name, [_replaced(reference, word, argument) for argument in arguments]) for word in match.group(2).split()]


def _replaced(pattern: re.Pattern[str], value: str, text: str) -> str:
    """`text` with each match of `pattern` replaced by `value` as it is (no group references)."""
    return pattern.sub(lambda _: value, text)


def with_called_defines(text: str) -> Called:
    """`text` with the makefile text of each `$(eval $(call NAME,...))` of a `define` of the file appended (see the
    module's docstring)."""
    if "define" not in text or "$(call" not in text:
        return Called(text)
    lines = text.splitlines()
    defines = _defines(lines)
    appended: list[str] = []
    origins: dict[int, int] = {}
    count = 0
    for line in lines:
        if "$(call" not in line:
            continue
        for name, arguments in _calls(line):
            if name not in defines or count >= _CALLS:
                continue
            count += 1
            first, body = defines[name]
            appended.append("")  # the text a call writes starts a line of its own
            for offset, written in enumerate(_expanded(body, name, arguments)):
                appended.append(written)
                origins[len(lines) + len(appended)] = first + offset
    if not appended:
        return Called(text)
    return Called("\n".join(lines + appended) + "\n", origins)
