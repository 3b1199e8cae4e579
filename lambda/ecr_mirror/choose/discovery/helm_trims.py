"""Sprig's string functions that cut a rendered value at a pipeline's end (pure; helm_template_lines.py renders
what comes before them): `trunc N`, `trimSuffix "s"`, `trimPrefix "s"` (https://masterminds.github.io/sprig/
strings.html), the scaffold's words for a label that a chart also gives a version: New Relic's synthetics charts,
`{{- default .Chart.AppVersion .Values.appVersionOverride | trunc 63 | trimSuffix "-" -}}`; also called with the
value last, as a function (`trimSuffix "/" .Values.global.dockerRegistryPrefix`: a registry a chart puts before its
images with one `/` whether the value ends with one or not)."""

from __future__ import annotations

import re

TRIMMED_RE = re.compile(
    r"(?P<rest>.+?)\s*\|\s*(?:trunc\s+(?P<width>\d+)|trim(?P<end>Suffix|Prefix)\s+\"(?P<part>[^\"\\]*)\")"
)

# the function form, the value last (`trimSuffix "/" .Values.a.b`), read as the pipeline form (`.Values.a.b | ...`)
_CALLED_RE = re.compile(r"(?P<call>trunc\s+\d+|trim(?:Suffix|Prefix)\s+\"[^\"\\]*\")\s+(?P<value>[^\s|()\"]+)")


def piped(expr: str) -> str:
    """`expr` in the pipeline form when it is one of these functions called with the value last."""
    called = _CALLED_RE.fullmatch(expr)
    return f"{called['value']} | {called['call']}" if called else expr


def cut(text: str, match: re.Match[str]) -> str:
    """`text`, what the pipeline before the function rendered, as the function of `match` (TRIMMED_RE) leaves it."""
    part = match["part"]
    if match["width"]:
        return text[: int(match["width"])]
    if part and match["end"] == "Suffix" and text.endswith(part):
        return text[: -len(part)]
    if part and match["end"] == "Prefix" and text.startswith(part):
        return text[len(part) :]
    return text
