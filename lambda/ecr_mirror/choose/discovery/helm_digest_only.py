"""Whether a chart's templates print an image's digest in place of its tag when both are set (pure).

Bitnami's `common.images.image`, which every Bitnami chart and many others call, switches the separator when the
digest is set, "this parameter, if set, will override the tag": `{{- if .imageRoot.digest }}` `{{- $separator = "@"
-}}` `{{- $termination = .imageRoot.digest | toString -}}` `{{- end -}}`; Camunda's `camundaPlatform.imageByParams`
takes a `{{- if $imageDigest }}` branch printing `printf "%s%s%s@%s" ...` and the tag only in its `{{- else }}`. Such a
chart renders `repository@digest`, not `repository:tag@digest`. A template that appends the digest after the tag (`:{{
.tag }}{{ if .digest }}@{{ .digest }}{{ end }}`: no `else`, nothing reassigned) keeps both. Go templates run the
`else` of an `if` only when its condition is empty (https://pkg.go.dev/text/template#hdr-Actions). An `else` or
`end` written in a comment (`{{/* ... */}}`, `{{- /* ... */ -}}`) or in a string of an action is no action
(go_template_blocks.actions). An `if` never closed (Helm fails to parse such a chart) or whose branch is over 4 KB
is not read.
"""

from __future__ import annotations

import functools
import re

from ecr_mirror.choose.discovery.go_template_blocks import actions

# `{{- if .imageRoot.digest }}`, `{{ if $imageDigest -}}`, `{{- if (.Values.image.digest) }}`: an `if` on a digest
_IF_DIGEST_RE = re.compile(r"\{\{-?\s*if\s+\(?\s*[$.\w]*[dD]igest\s*\)?\s*-?\}\}")
_MAX_BRANCH = 4096  # an image helper's branch is a few lines: a longer one is not read (each read is a copy)
_OPENS = frozenset({"if", "with", "range", "define", "block"})
# `{{- $termination = .imageRoot.digest ... -}}`: a variable set before given the digest in the branch
_REASSIGNED_RE = re.compile(r"\{\{-?\s*\$\w+\s*=\s*[^}]*[dD]igest")


def _branches(templates: str) -> dict[int, tuple[int, bool]]:
    """The start of each block action of `templates` -> (the end of its first branch, whether an `else` follows it),
    every action read once, comments and the strings of actions skipped (a block never closed: none)."""
    branches: dict[int, tuple[int, bool]] = {}
    opened: list[int] = []
    for start, _, word in actions(templates):
        if word in _OPENS:
            opened.append(start)
        elif word == "else" and opened and opened[-1] not in branches:
            branches[opened[-1]] = (start, True)
        elif word == "end" and opened:
            branches.setdefault(opened.pop(), (start, False))
    return branches


@functools.lru_cache(maxsize=8)
def digest_replaces_tag(templates: str) -> bool:
    """Whether a template prints `@` and the digest in an `if` on the digest whose `else` prints the tag, or
    reassigns in it a variable set before to the digest (Bitnami's `$termination`)."""
    conditions = list(_IF_DIGEST_RE.finditer(templates)) if "igest" in templates else []
    branches = _branches(templates) if conditions else {}
    for condition in conditions:
        stop, has_else = branches.get(condition.start(), (-1, False))
        if not 0 <= stop - condition.start() <= _MAX_BRANCH:
            continue  # never closed (Helm fails to parse the chart), or no image helper's
        branch = templates[condition.start() : stop]
        if "@" in branch and (has_else or _REASSIGNED_RE.search(branch)):
            return True
    return False
