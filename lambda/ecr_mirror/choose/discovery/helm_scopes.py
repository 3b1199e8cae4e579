"""Go template `with` blocks over chart values, written out as the paths they read (pure).

`{{- with .Values.image }}` sets the dot to the image's values until its `{{ end }}`, so that `.tag` there is
`.Values.image.tag` (https://pkg.go.dev/text/template#hdr-Actions). The readers of a chart's templates look for
whole paths (`default .Chart.AppVersion .Values.image.tag`): each relative field inside such a block is rewritten to
its whole path. A `range`, `define`, `block` or `with` of anything else inside it sets the dot to something else:
its body is left as written, as is the `{{ else }}` part of the `with`, where the dot is the outer one.
"""

from __future__ import annotations

import functools
import re

_ACTION_RE = re.compile(r"\{\{-?(?P<body>.*?)-?\}\}", re.DOTALL)
_OPEN_RE = re.compile(r"\s*(?P<word>if|with|range|define|block|else|end)\b(?P<rest>.*)", re.DOTALL)
_WITH_VALUES_RE = re.compile(r"\s*\$?(?P<path>\.Values(?:\.\w+)+)\s*$")
# a field of the dot: `.tag`, `(.digest)`; not `$.Chart`, `$x.tag`, `.Values.a.b`'s inner parts nor a bare `.`
_FIELD_RE = re.compile(r"(?<![\w.$)\]])\.(?=[A-Za-z_])")


def _dot(scopes: list[str | None]) -> str | None:
    """What the dot is: a values path, "" for the top context, None for something else."""
    for scope in reversed(scopes):
        if scope != "":
            return scope
    return ""


@functools.lru_cache(maxsize=8)
def with_scopes(templates: str) -> str:
    """`templates` with the relative fields of each `with .Values.PATH` block written as `.Values.PATH.FIELD`."""
    if "with" not in templates:
        return templates
    out: list[str] = []
    scopes: list[str | None] = []  # per open block: a values path, "" (`if`: the enclosing dot), None (unknown)
    done = 0
    for action in _ACTION_RE.finditer(templates):
        body = action.group("body")
        opened = _OPEN_RE.match(body)
        word = opened.group("word") if opened else ""
        if word in ("end", "else"):
            if scopes:
                scopes.pop()
                if word == "else":
                    scopes.append("")  # `{{ else }}` of a `with` or a `range`: the enclosing dot
            continue
        if dot := _dot(scopes):
            body = _FIELD_RE.sub(dot + ".", body)
            out.append(templates[done : action.start("body")] + body)
            done = action.end("body")
        opened = _OPEN_RE.match(body)
        if word == "if":
            scopes.append("")
        elif word == "with" and opened is not None:
            values = _WITH_VALUES_RE.match(opened.group("rest"))
            scopes.append(values.group("path") if values and (dot is not None) else None)
        elif word in ("with", "range", "define", "block"):
            scopes.append(None)
    out.append(templates[done:])
    return "".join(out)
