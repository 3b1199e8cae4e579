"""Go template variables that hold the chart's version, written out where they are read (pure).

A template may keep the chart's version in a variable at its top, `{{- $appVersion := .Chart.AppVersion -}}`, and
give an empty tag that variable: `{{ .Values.image.tag | default $appVersion }}`, also inside a `with` block, where
a variable keeps the value it had (https://pkg.go.dev/text/template#hdr-Variables). The readers of a chart's
templates look for the chart's version itself, so each use of such a variable is written as `$.Chart.AppVersion`
(the top context's, the same inside `with`). A name given anything else anywhere in the chart's templates (another
file's `$appVersion := include "x.version" .`, `$tag = .Values.tag` in a branch) is left as written.
"""

from __future__ import annotations

import functools
import re

_VERSION = r"\$?\.Chart\.(?:AppVersion|Version)"
_ASSIGN_RE = re.compile(r"(\$[A-Za-z_]\w*)\s*:?=\s*(?=\S)(\(?[^}]*?)\s*-?\}\}")
_CHART_VERSION_RE = re.compile(rf"(?:\(\s*printf\s+\"[^\"%\\]*%s\"\s+{_VERSION}\s*\)|{_VERSION})")


@functools.lru_cache(maxsize=8)
def with_version_variables(templates: str) -> str:
    """`templates` with each read of a variable every assignment of which is one chart version written as that
    version (`$appVersion` -> `$.Chart.AppVersion`); its assignments are kept."""
    if ":=" not in templates or ".Chart." not in templates:
        return templates
    given: dict[str, set[str]] = {}
    for match in _ASSIGN_RE.finditer(templates):
        given.setdefault(match.group(1), set()).add(match.group(2))
    versions = {
        name: values.pop()
        for name, values in given.items()
        if len(values) == 1 and _CHART_VERSION_RE.fullmatch(next(iter(values)))
    }
    for name, value in versions.items():
        whole = re.sub(r"\$?\.Chart\.", "$.Chart.", value)
        templates = re.sub(rf"{re.escape(name)}(?![\w.])(?!\s*:?=)", whole, templates)  # no backslash in it
    return templates
