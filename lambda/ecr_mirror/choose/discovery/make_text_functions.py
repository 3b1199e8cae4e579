"""make's text functions over literal arguments, written out as make expands them (pure).

A Makefile shapes a version into an image tag with them: Emissary's `build-aux/ci.mk` starts its k3d cluster with
`--image=docker.io/rancher/k3s:v$(subst +,-,$(K3S_VERSION))` and `K3S_VERSION ?= 1.22.17-k3s1` (k3s versions are
written `v1.22.17+k3s1`, their images tagged with `-`). Once the references inside are replaced, these are written
out (https://www.gnu.org/software/make/manual/html_node/Text-Functions.html): `$(subst FROM,TO,TEXT)`, every FROM in
TEXT replaced by TO; `$(patsubst PATTERN,REPLACEMENT,TEXT)`, each whitespace-separated word of TEXT matching PATTERN
(its first `%` any text) replaced, a `%` in REPLACEMENT the text it matched, the words joined by one space;
`$(strip TEXT)`, TEXT without leading and trailing blanks, inner runs of blanks one space. A function whose
arguments still hold a reference or a parenthesis, or that has too few commas, is left as written (known only when
make runs).
"""

from __future__ import annotations

import re

_FUNCTION_RE = re.compile(r"\$\((subst|patsubst|strip)[ \t]+([^$()]*)\)")
_DEPTH = 8


def _patsubst(pattern: str, replacement: str, text: str) -> str:
    if "%" not in pattern:
        return " ".join(replacement if word == pattern else word for word in text.split())
    head, tail = pattern.split("%", 1)
    out: list[str] = []
    for word in text.split():
        if word.startswith(head) and word.endswith(tail) and len(word) >= len(head) + len(tail):
            stem = word[len(head) : len(word) - len(tail)]
            out.append(replacement.replace("%", stem, 1) if "%" in replacement else replacement)
        else:
            out.append(word)
    return " ".join(out)


def _expanded(match: re.Match[str]) -> str:
    function, arguments = match.group(1), match.group(2)
    if function == "strip":
        return " ".join(arguments.split())
    parts = arguments.split(",", 2)
    if len(parts) != 3:
        return match.group()
    first, second, text = parts
    if function == "subst":
        return text.replace(first, second) if first else text
    return _patsubst(first.strip(), second.strip(), text)


def with_text_functions(text: str) -> str:
    """`text` with each `subst`, `patsubst` and `strip` whose arguments are literal written out, innermost first."""
    if "$(" not in text:
        return text
    for _ in range(_DEPTH):
        text, count = _FUNCTION_RE.subn(_expanded, text)
        if not count:
            break
    return text
