"""Go template variables that hold the chart's version, written out where they are read (pure).

A template may keep the chart's version in a variable at its top, `{{- $appVersion := .Chart.AppVersion -}}`, and
give an empty tag that variable: `{{ .Values.image.tag | default $appVersion }}`, also inside a `with` block, where
a variable keeps the value it had (https://pkg.go.dev/text/template#hdr-Variables). The readers of a chart's
templates look for the chart's version itself, so each use of such a variable is written as `$.Chart.AppVersion`
(the top context's, the same inside `with`). A name given anything else anywhere in the chart's templates (another
file's `$appVersion := include "x.version" .`, `$tag = .Values.tag` in a branch) is left as written.

A named template may also bind the dict it passes on to a variable, `{{- $dict := dict "service" .Values.canary.image
"defaultVersion" .Chart.AppVersion -}}` then `{{- include "x.baseImage" $dict -}}`: `with_dict_variables` writes
each read of such a variable after its assignment, up to the next `define` or assignment of that name (a variable's
scope ends with its template), as the `(dict ...)` it holds, so the call reads as one passing the dict itself.

A template may also reach the values through a variable bound to them, `{{- $values := $dot.Values.AsMap -}}` (the
form gotohelm writes its generated templates in: redpanda's connectors chart, `default $dot.Chart.AppVersion
$values.image.tag`; `.Values.AsMap` is the same values as a map) or `{{- $values := .Values -}}`:
`with_values_variables` writes each read of such a variable as `$.Values`, within the named template (or the text
between two `define`s) where every assignment of the name is so; a name bound to something else there (`$values :=
(index .a 0)`, whatever a caller passes) is left as written.
"""

from __future__ import annotations

import functools
import itertools
import re

_VERSION = r"\$?\.Chart\.(?:AppVersion|Version)"
_ASSIGN_RE = re.compile(r"(\$[A-Za-z_]\w*)\s*:?=\s*(?=\S)(\(?[^}]*?)\s*-?\}\}")
_DICT_RE = re.compile(r"\{\{-?\s*(\$[A-Za-z_]\w*)\s*:=\s*(dict(?:\s+(?:\"[^\"]*\"|[$.\w]+))+)\s*-?\}\}")
_BOUNDARY_RE = re.compile(r"\{\{-?\s*define\b")
# `.Values`, `$dot.Values`, `$.Values.AsMap` (chartutil.Values' AsMap, the same values as a map:
# https://pkg.go.dev/helm.sh/helm/v3/pkg/chartutil#Values.AsMap); a variable's scope ends with the template that
# declares it (https://pkg.go.dev/text/template#hdr-Variables), so it is read between two `define`s
_VALUES_BOUND_RE = re.compile(r"\(?\s*(?:\$\w*)?\.Values(?:\.AsMap)?\s*\)?")
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


@functools.lru_cache(maxsize=8)
def with_dict_variables(templates: str) -> str:
    """`templates` with each read of a variable bound to a `dict` of plain arguments written as that `(dict ...)`,
    from its assignment to the next `define` or assignment of the name (see the module)."""
    if ":= dict" not in templates:
        return templates
    out: list[str] = []
    done = 0
    for match in _DICT_RE.finditer(templates):
        if match.start(1) < done:
            continue
        name, value = match.group(1), match.group(2)
        again = re.compile(rf"{re.escape(name)}\s*:?=|{_BOUNDARY_RE.pattern}")
        end = found.start() if (found := again.search(templates, match.end())) else len(templates)
        written = f"({value})".replace("\\", "\\\\")
        scope = re.sub(rf"{re.escape(name)}(?![\w.])", written, templates[match.end() : end])
        out += [templates[done : match.end()], scope]
        done = end
    return "".join(out) + templates[done:]


@functools.lru_cache(maxsize=8)
def with_values_variables(templates: str) -> str:
    """`templates` with each read of a field of a variable bound to the values (`$values.image.tag`, after `$values
    := $dot.Values.AsMap`) written as `$.Values.image.tag`, within each stretch between two `define`s where every
    assignment of the name binds the values (see the module)."""
    if ".Values" not in templates or "$" not in templates:
        return templates
    starts = [0, *(match.start() for match in _BOUNDARY_RE.finditer(templates)), len(templates)]
    out: list[str] = []
    for start, end in itertools.pairwise(starts):
        part = templates[start:end]
        given: dict[str, set[bool]] = {}
        for match in _ASSIGN_RE.finditer(part):
            given.setdefault(match.group(1), set()).add(bool(_VALUES_BOUND_RE.fullmatch(match.group(2))))
        for name in (name for name, bound in given.items() if bound == {True}):
            part = re.sub(rf"{re.escape(name)}\.(?=[A-Za-z_])", "$.Values.", part)
        out.append(part)
    return "".join(out)


def with_variables(templates: str) -> str:
    """`templates` with the variables above written out: those bound to the values, to a dict, to the chart's
    version."""
    return with_version_variables(with_dict_variables(with_values_variables(templates)))
