"""The command line a JavaScript or TypeScript source builds in a variable before it runs it (pure).

A build script often builds its docker command piece by piece and runs it once: undici's `build/wasm.js` writes `let
cmd = \\`docker run --rm --platform=${platform} \\``, adds options with `cmd += \\`...\\`` (one inside an `if`), the
last `-t ${WASM_BUILDER_CONTAINER} node build/wasm.js`, and runs `execSync(cmd, { stdio: 'inherit' })`, the image a
constant of the file (`const WASM_BUILDER_CONTAINER = 'ghcr.io/nodejs/wasm-builder@sha256:...'`). Read, for a call
whose first argument is a name: the name's last `let`/`var`/`const` declaration before the call, bound to a string
literal that starts with `docker` or `podman`, and each `NAME += literal` between it and the call, in order (an
option added inside a branch is kept: it is an option, and the image follows the options); a template literal may
span lines (a `\\` before a line end continues it,
https://tc39.es/ecma262/#sec-template-literal-lexical-components). `${NAME}` takes the one literal value a constant
of the file gives NAME (source_names.py); another expression is a variable known only when the program runs
(`${platform}`), as the image unresolved, naming it. Not read: a name assigned again with `=` between its
declaration and the call, a piece that is not a literal (a call, a name), and a literal with another escape.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.source_expressions import placeholder
from ecr_mirror.choose.discovery.source_names import SourceNames

_ARGUMENT_RE = re.compile(r"(?P<name>[A-Za-z_$][\w$]*)\s*[,)]")
# a literal: one-line quoted, or a template string that may span lines (escapes are checked by `_text`)
_PIECE = r"""(?:"(?P<double>[^"\\\n]*)"|'(?P<single>[^'\\\n]*)'|`(?P<template>(?:[^`\\]|\\[\s\S])*)`)"""
_INTERPOLATION_RE = re.compile(r"\$\{([^{}]*)\}")


def _statements(name: str) -> re.Pattern[str]:
    escaped = re.escape(name)
    return re.compile(
        rf"(?<![\w$.])(?:(?P<declared>(?:let|var|const)\s+){escaped}\s*=(?![=>])|{escaped}\s*(?P<operator>\+=|=(?![=>])))"
        rf"\s*(?:{_PIECE}\s*(?=[;\n}}]|$))?",
        re.MULTILINE,
    )


def _text(piece: re.Match[str], names: SourceNames) -> str | None:
    """The text of a literal piece with its interpolations read; None for one with an escape other than a line
    continuation."""
    if piece["template"] is None:
        return piece["double"] if piece["double"] is not None else piece["single"]
    body = re.sub(r"\\\r?\n", "", piece["template"])
    if "\\" in body:
        return None

    def value(match: re.Match[str]) -> str:
        expression = match[1].strip()
        values = {written for _, written in names.values(expression)} if re.fullmatch(r"\w+", expression) else set()
        return values.pop() if len(values) == 1 else placeholder(expression, "JS_EXPRESSION")

    return _INTERPOLATION_RE.sub(value, body)


_DECLARED_RE = re.compile(r"(?<![\w$.])(?:let|var|const)\s+(?P<name>[A-Za-z_$][\w$]*)\s*=\s*[`'\"](?:docker|podman)\b")


def command_names(text: str) -> frozenset[str]:
    """The names a file declares bound to a literal starting with a docker command, the only ones read (one pass
    over the file, so that a bundle's many `re.exec(s)` calls cost nothing more)."""
    return frozenset(match["name"] for match in _DECLARED_RE.finditer(text))


def command_in_variable(text: str, at: int, names: frozenset[str]) -> str | None:
    """The command line the name passed at `at` (the first argument of a call) holds when the call runs, or None;
    only a name of `names` (command_names) is read."""
    argument = _ARGUMENT_RE.match(text, at)
    if argument is None or argument["name"] not in names:
        return None
    statements = [m for m in _statements(argument["name"]).finditer(text, 0, at) if m.start() < at]
    declared = [index for index, match in enumerate(statements) if match["declared"]]
    if not declared:
        return None
    constants = SourceNames.of(text)
    pieces: list[str] = []
    for match in statements[declared[-1] :]:
        if match is not statements[declared[-1]] and match["operator"] != "+=":
            return None  # assigned again
        if match["double"] is None and match["single"] is None and match["template"] is None:
            return None
        if (piece := _text(match, constants)) is None:
            return None
        pieces.append(piece)
    return "".join(pieces)
