"""Go template variables of a chart template's `image:` or `value:` line, written out as the expressions they were
given (pure; helm_template_lines.py renders the line), and the environment variable a `value:` line belongs to.

A template declares a variable before its use, in the same file (https://pkg.go.dev/text/template#hdr-Variables):
`{{- $imageTag := default .Values.a.tag .Values.b.tag }}` before the line, or in the named template the line
includes (`{{- $tag := .Values.mock.killgrave.tag | default "0.4.1" }}` / `{{- printf "friendsofgo/killgrave:%s" $tag
}}`), where the assignment itself prints nothing.
"""

from __future__ import annotations

import re

_VARIABLE_RE = re.compile(r"\$(?P<name>[A-Za-z_]\w*)(?![\w.])")
# the expression the last assignment of a variable gives it
_ASSIGNED = r"\{{\{{-?\s*\${name}\s*:?=\s*(?P<expr>[^{{}}]*?)\s*-?\}}\}}"
_ASSIGNMENT_RE = re.compile(r"\{\{-?\s*\$[A-Za-z_]\w*\s*:?=[^{}]*?-?\}\}")
# an environment variable named for an image (`- name: SIDECAR_IMAGE`, `RELATED_IMAGE_WORKER_...`, or a variable set
# to such a name), on the line above its `value:`
_ENV_NAME_RE = re.compile(r"^[ \t]*-[ \t]*name:[ \t]*(?P<name>[^\n]*?)[ \t]*$")
_IMAGE_WORD_RE = re.compile(r"(?<![A-Za-z0-9])IMAGE(?![A-Za-z0-9])")
_TAGGED_RE = re.compile(r"[:@][^/]*$")  # a tag or digest after the last `/`


def without_assignments(body: str) -> str:
    """`body` without its assignments, which print nothing."""
    return _ASSIGNMENT_RE.sub("", body).strip()


def tagged(text: str) -> bool:
    """Whether the reference `text` has a tag or a digest."""
    return _TAGGED_RE.search(text) is not None


def with_variables(body: str, before: str) -> str:
    """`body` with each variable written as the expression the last assignment of it in `before` gives it (a Go
    template declares a variable before its use, in the same file); one never assigned is left as it is."""

    def given(match: re.Match[str]) -> str:
        assigned = list(re.finditer(_ASSIGNED.format(name=re.escape(match["name"])), before))
        return f"({assigned[-1]['expr']})" if assigned and "$" not in assigned[-1]["expr"] else match.group()

    return _VARIABLE_RE.sub(given, body) if "$" in body else body


def named_for_image(templates: str, start: int) -> bool:
    """Whether the `value:` line at `start` is that of an environment variable named for an image, its `- name:` on
    the line above: an operator told the images it starts (`AGENT_IMAGE`, `RELATED_IMAGE_*`: "replace hard-coded
    image references with environment variables" in the Operator's deployment, OpenShift's "Enabling your Operator
    for restricted network environments", https://access.redhat.com/documentation/en-us/openshift_container_platform/
    4.4/html/operators/olm-enabling-operator-for-restricted-network_osdk-generating-csvs).
    Only a value with a tag or a digest is such an image: a bare repository (`WORKER_IMAGE_REPOSITORY`) is one the
    program joins with a version of its own."""
    above = templates[templates.rfind("\n", 0, max(start - 1, 0)) + 1 : max(start - 1, 0)]
    name = _ENV_NAME_RE.fullmatch(above)
    return name is not None and _IMAGE_WORD_RE.search(with_variables(name["name"], templates[:start])) is not None


def call_terms(text: str) -> list[str] | None:
    """The arguments of a call, each a word or a parenthesised pipeline (its parentheses taken off); None when the
    parentheses do not balance."""
    terms: list[str] = []
    depth, start = 0, None
    for index, char in enumerate(text + " "):
        if char.isspace() and depth == 0:
            if start is not None:
                terms.append(text[start:index])
                start = None
            continue
        start = index if start is None else start
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return None
    if depth:
        return None
    return [term[1:-1].strip() if term.startswith("(") and term.endswith(")") else term for term in terms]
