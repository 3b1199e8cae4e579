"""The branches of a chart's templates that a values file takes, where its conditions are plain lookups (pure).

A chart chooses an image line by a value: gatekeeper's CRD upgrade hook says `{{- if not .Values.image.release }}`
`image: '{{ .Values.image.crdRepository }}'` `{{- else }}` `image: '{{ .Values.image.crdRepository }}:{{
.Values.image.release }}'` `{{- end }}`. Read as written, both lines render, and the first names the bare repository
(`:latest`), which Helm never renders while `release` is set. An `if` or `else if` whose condition is a lookup
(`.Values.a.b`, `$.Values.a.b`, `$root.Values.a.b`) or `not` of one, that the values file has, is decided as Go
templates decide it (false: `false`, `0`, `""`, null, an empty list or mapping; true otherwise): the text of each
branch not taken is blanked, lines kept. A condition of another shape (`and`, `eq`, `include`, a key the file does
not have, as a values file given over the defaults may leave it to them) keeps every branch: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_ACTION_RE = re.compile(r"\{\{-?\s*(?P<word>if|else\s+if|else|end|range|with|define|block)\b(?P<rest>.*?)-?\}\}", re.S)
_CONDITION_RE = re.compile(r"(?P<not>not\s+)?(?:\$\w*)?\.Values(?P<path>(?:\.[A-Za-z_][\w-]*)+)")
_MISSING = object()


def _value(values: object, path: str) -> object:
    node = values
    for key in path.strip(".").split("."):
        if not isinstance(node, Mapping) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _decided(condition: str, values: object) -> bool | None:
    """Whether `condition` holds with `values`; None when it is of another shape or the value is not there."""
    match = _CONDITION_RE.fullmatch(condition.strip().strip("()").strip())
    if match is None or (value := _value(values, match["path"])) is _MISSING:
        return None
    truth = not (value is None or value in (0, "", [], {}))  # `false` is 0 too
    return not truth if match["not"] else truth


@dataclass
class _Branch:
    """The branch of an `if` chain being read: where its text starts, whether it is dropped, and whether a branch of
    the chain up to it is known taken."""

    start: int
    dropped: bool
    taken: bool


def taken_branches(templates: str, values: object) -> str:
    """`templates` with the text of the `if` branches `values` does not take blanked (newlines kept)."""
    if "{{" not in templates or not isinstance(values, Mapping):
        return templates
    drops: list[tuple[int, int]] = []
    stack: list[_Branch | None] = []  # None: a block that is no `if` (`range`, `with`, `define`)
    for action in _ACTION_RE.finditer(templates):
        word = " ".join(action["word"].split())
        if word in ("range", "with", "define", "block"):
            stack.append(None)
        elif word == "if":
            holds = _decided(action["rest"], values)
            stack.append(_Branch(action.end(), holds is False, holds is True))
        elif word in ("else if", "else") and stack and (branch := stack[-1]) is not None:
            drops += [(branch.start, action.start())] if branch.dropped else []
            holds = _decided(action["rest"], values) if word == "else if" else True
            stack[-1] = _Branch(action.end(), branch.taken or holds is False, branch.taken or holds is True)
        elif word == "end" and stack:
            branch = stack.pop()
            drops += [(branch.start, action.start())] if branch is not None and branch.dropped else []
    out: list[str] = []
    position = 0
    for first, end in sorted(drops):
        if end <= position:
            continue  # inside a branch already blanked
        start = max(first, position)
        out += [templates[position:start], re.sub(r"[^\n]", " ", templates[start:end])]
        position = end
    return "".join([*out, templates[position:]])
