"""An `if` on one chart template line, decided by the values (pure; helm_template_lines.py renders the line).

A chart puts a registry before its images only when a value sets one, on the line itself (`image: {{ if
.Values.global.dockerRegistryPrefix }}{{ trimSuffix "/" .Values.global.dockerRegistryPrefix }}/{{ end }}{{
.Values.api.image.repository }}:...`) or in a named template the line calls (Rancher's charts: `{{- define
"system_default_registry" -}}` `{{- if .Values.global.cattle.systemDefaultRegistry -}}` `{{- printf "%s/"
.Values.global.cattle.systemDefaultRegistry -}}` `{{- else -}}` `{{- "" -}}` `{{- end -}}` `{{- end -}}`, called
`image: '{{ template "system_default_registry" . }}{{ .Values.image.repository }}:{{ .Values.image.tag }}'`). Go's
`if` renders its first branch when the value is not empty, else its `else` or nothing ("The empty values are false,
0, any nil pointer or interface value, and any array, slice, map, or string of length zero",
https://pkg.go.dev/text/template#hdr-Actions); an action printing the empty string (`{{- "" -}}`) prints nothing. An
`if` whose condition is not a lookup the values have (helm_branches.decided) is left as written, and so is the line.
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.helm_branches import decided

_BLOCK = r"\{\{-?\s*(?:if|else|end|range|with|define|block)\b"
_BRANCH = rf"(?:(?!{_BLOCK}).)*?"
# one `if` with no block inside it, an `else` perhaps, and its `end`
IF_BLOCK = (
    rf"\{{\{{-?\s*if\s+(?P<condition>[^{{}}]+?)\s*-?\}}\}}(?P<then>{_BRANCH})"
    rf"(?:\{{\{{-?\s*else\s*-?\}}\}}(?P<other>{_BRANCH}))?\{{\{{-?\s*end\s*-?\}}\}}"
)
_IF_RE = re.compile(IF_BLOCK, re.S)
_EMPTY_RE = re.compile(r"\{\{-?\s*\"\"\s*-?\}\}")  # `{{- "" -}}`: prints nothing


def decided_ifs(body: str, values: object) -> str:
    """`body`, one template line, with each `if` the values decide replaced by the branch they take."""

    def branch(match: re.Match[str]) -> str:
        holds = decided(match["condition"], values)
        if holds is None:
            return match.group()
        return _EMPTY_RE.sub("", match["then"] if holds else match["other"] or "")

    return _IF_RE.sub(branch, body) if "if" in body else body
