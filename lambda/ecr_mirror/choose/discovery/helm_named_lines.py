"""A chart's named templates read as the one line they render where they are called (pure; helm_template_lines.py
renders that line with the values): a body of one line of actions, a body of one literal word, and a value's `if`
with a literal `else`, which is what `default` renders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.go_template_blocks import defines
from ecr_mirror.choose.discovery.helm_dict_calls import dict_calls_inlined
from ecr_mirror.choose.discovery.helm_line_ifs import IF_BLOCK

# A named template whose body is one line of actions (`{{- define "x.image.fullname.tools" -}}` / `{{- .Values.image.
# registry }}/{{ .Values.image.tools }}:{{ .Values.image.tag }}` / `{{- end -}}`), also once the trim markers have
# taken out the white space around its actions (`{{- default "acme/relay" .Values.images.relay.repository -}}` /
# `:` / `{{- default .Chart.AppVersion .Values.images.relay.tag -}}`: "{{- " trims the white space before the action,
# " -}}" the white space after it, newlines included: https://pkg.go.dev/text/template#hdr-Text_and_spaces), and a call
# of one given the top context, which renders as that line there: `{{ include "x.image.fullname.tools" . }}`, `{{
# template "x" $ }}`
_DEFINE_BODY_RE = re.compile(
    r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}\}(?P<body>.*?)\{\{-?\s*end\s*-?\}\}", re.DOTALL
)
_TRIM_BEFORE_RE = re.compile(r"\s*\{\{-(?=\s)")
_TRIM_AFTER_RE = re.compile(r"(?<=\s)-\}\}\s*")
_BLOCK_RE = re.compile(r"\{\{-?\s*(?:if|else|range|with|define|block|end|template|include)\b|\binclude\b")
_LITERAL_RE = re.compile(r"[\w./:@-]+")  # a body of one literal word (`registry.k8s.io/kubectl:v1.33.6`)
# a named template giving a value when it is set and a literal otherwise (`{{- define "x.profilerImage" -}}` / `{{- if
# .Values.profiler.image -}}` / `{{ .Values.profiler.image }}` / `{{- else -}}` / `acme/profiler:nightly` / `{{- end
# -}}`): Go's `if` takes its first branch when the value is not empty, "false, 0, any nil pointer or interface value,
# and any array, slice, map, or string of length zero" (https://pkg.go.dev/text/template#hdr-Actions), as Sprig's
# `default` does: read as `{{ default "acme/profiler:nightly" .Values.profiler.image }}`, on the trimmed text
_IF_ELSE_RE = re.compile(
    r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}\}"
    r"\{\{-?\s*if\s+(?P<lookup>\$?\.Values(?:\.[A-Za-z_][\w-]*)+)\s*-?\}\}"
    r"\{\{-?\s*(?P=lookup)\s*-?\}\}\{\{-?\s*else\s*-?\}\}(?P<literal>\w[\w./:-]*)"
    r"\{\{-?\s*end\s*-?\}\}\{\{-?\s*end\s*-?\}\}"
)
# ... and so, with one action in its `else` (Percona's operator charts: `{{- if .Values.image }}` / `{{- .Values.image
# }}` / `{{- else }}` / `{{- printf "%s:%s" .Values.operatorImageRepository .Chart.AppVersion }}` / `{{- end }}`),
# read as `{{ coalesce .Values.image (printf ...) }}`: the first that is not empty, as the `if` takes it (the values'
# branch blanked where they leave it empty: helm_branches.py)
_IF_ELSE_ACTION_RE = re.compile(
    r"\{\{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}\}"
    r"\{\{-?\s*if\s+(?P<lookup>\$?\.Values(?:\.[A-Za-z_][\w-]*)+)\s*-?\}\}"
    r"(?:\{\{-?\s*(?P=lookup)\s*-?\}\})?\{\{-?\s*else\s*-?\}\}"  # blanked where the values leave it empty
    r"\{\{-?\s*(?P<action>(?!(?:if|else|end|range|with|define|block|template|include)\b)[^{}]+?)\s*-?\}\}"
    r"\{\{-?\s*end\s*-?\}\}\{\{-?\s*end\s*-?\}\}"
)
# ... and a body of one `if` the values decide where the line is rendered (helm_line_ifs.py), text or actions around
# it: Rancher's `system_default_registry`, `{{- if .Values.global.cattle.systemDefaultRegistry -}}` `{{- printf "%s/"
# .Values.global.cattle.systemDefaultRegistry -}}` `{{- else -}}` `{{- "" -}}` `{{- end -}}`
_OUTSIDE_IF = r"(?:(?!\{\{-?\s*(?:if|else|end|range|with|define|block)\b).)*?"
_DEFINE_IF_RE = re.compile(
    rf"\{{\{{-?\s*define\s+\"(?P<name>[^\"]+)\"\s*-?\}}\}}(?P<body>{_OUTSIDE_IF}{IF_BLOCK}{_OUTSIDE_IF})"
    r"\{\{-?\s*end\s*-?\}\}",
    re.DOTALL,
)
_CALL_RE = re.compile(r"\{\{-?\s*(?:include|template)\s+\"(?P<name>[^\"]+)\"\s+(?:\.|\$)\s*-?\}\}")


def _trimmed(text: str) -> str:
    """`text` with the white space the trim markers of its actions take out taken out."""
    return _TRIM_AFTER_RE.sub("-}}", _TRIM_BEFORE_RE.sub("{{-", text))


@functools.lru_cache(maxsize=8)
def one_line_templates(templates: str) -> dict[str, str]:
    """The named templates of `templates` whose body, trimmed, is one line of actions and text, no block nor call in
    it, or one literal word with no action (kueue-populator's `kubectlImage`, `registry.k8s.io/kubectl:v1.33.6`), or
    a value's `if` with a literal `else` (read as `default`) or one action in its `else` (read as `coalesce`)."""
    if "define" not in templates:
        return {}
    named: dict[str, str] = {
        match["name"]: f'{{{{ default "{match["literal"]}" {match["lookup"]} }}}}'
        for match in _IF_ELSE_RE.finditer(_trimmed(templates))
    }
    for match in _IF_ELSE_ACTION_RE.finditer(_trimmed(templates)):
        named.setdefault(match["name"], f"{{{{ coalesce {match['lookup']} ({match['action']}) }}}}")
    for define, end in defines(templates):  # each to its own `{{ end }}`, read once
        whole = _DEFINE_BODY_RE.fullmatch(_trimmed(templates[define.start() : end[1]])) if end else None
        body = whole["body"].strip() if whole else ""
        if "{{" in body and "\n" not in body and _BLOCK_RE.search(body) is None:
            named[define["name"]] = body
        elif _LITERAL_RE.fullmatch(body):
            named[define["name"]] = body  # one literal word, no action: the image it is, whatever the values
    for match in _DEFINE_IF_RE.finditer(_trimmed(templates)):
        body = match["body"].strip()
        if "\n" not in body and _BLOCK_RE.search(re.sub(IF_BLOCK, "", body, flags=re.S)) is None:
            named.setdefault(match["name"], body)  # its `if` decided where the line is rendered
    return named


def inlined(body: str, named: Mapping[str, str]) -> str:
    """`body` with each call of a one-line named template given the top context replaced by that line."""
    body = dict_calls_inlined(body, named)  # `(dict "image" .Values.images.broker "root" .)`
    return _CALL_RE.sub(lambda call: named.get(call["name"], call.group()), body) if named else body
