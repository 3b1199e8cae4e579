"""Whether a chart's templates print an image's digest in place of its tag when both are set (pure).

Bitnami's `common.images.image`, which every Bitnami chart and many others call, switches the separator when the
digest is set, "this parameter, if set, will override the tag": `{{- if .imageRoot.digest }}` `{{- $separator = "@"
-}}` `{{- $termination = .imageRoot.digest | toString -}}` `{{- end -}}`; Camunda's `camundaPlatform.imageByParams`
takes a `{{- if $imageDigest }}` branch printing `printf "%s%s%s@%s" ...` and the tag only in its `{{- else }}`. Such a
chart renders `repository@digest`, not `repository:tag@digest`. A template that appends the digest after the tag (`:{{
.tag }}{{ if .digest }}@{{ .digest }}{{ end }}`: no `else`, nothing reassigned) keeps both. Go templates run the
`else` of an `if` only when its condition is empty (https://pkg.go.dev/text/template#hdr-Actions).
"""

from __future__ import annotations

import functools
import re

# `{{- if .imageRoot.digest }}`, `{{ if $imageDigest -}}`, `{{- if (.Values.image.digest) }}`: an `if` on a digest
_IF_DIGEST_RE = re.compile(r"\{\{-?\s*if\s+\(?\s*[$.\w]*[dD]igest\s*\)?\s*-?\}\}")
_ACTION_RE = re.compile(r"\{\{-?\s*(?P<word>if|with|range|define|block|else|end)\b")
_OPENS = frozenset({"if", "with", "range", "define", "block"})
# `{{- $termination = .imageRoot.digest ... -}}`: a variable set before given the digest in the branch
_REASSIGNED_RE = re.compile(r"\{\{-?\s*\$\w+\s*=\s*[^}]*[dD]igest")


def _branch(templates: str, start: int) -> tuple[str, bool]:
    """(the text of the `if` branch starting at `start`, whether an `else` follows it)."""
    depth = 0
    for action in _ACTION_RE.finditer(templates, start):
        word = action["word"]
        if word in _OPENS:
            depth += 1
        elif word == "end":
            depth -= 1
            if depth == 0:
                return templates[start : action.start()], False
        elif word == "else" and depth == 1:
            return templates[start : action.start()], True
    return templates[start:], False


@functools.lru_cache(maxsize=8)
def digest_replaces_tag(templates: str) -> bool:
    """Whether a template prints `@` and the digest in an `if` on the digest whose `else` prints the tag, or
    reassigns in it a variable set before to the digest (Bitnami's `$termination`)."""
    for condition in _IF_DIGEST_RE.finditer(templates) if "igest" in templates else ():
        branch, has_else = _branch(templates, condition.start())
        if "@" in branch and (has_else or _REASSIGNED_RE.search(branch)):
            return True
    return False
