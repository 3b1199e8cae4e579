"""Go template variables of a chart template's `image:` or `value:` line, written out as the expressions they were
given (pure; helm_template_lines.py renders the line), and the environment variable a `value:` line belongs to.

A template declares a variable before its use, in the same file (https://pkg.go.dev/text/template#hdr-Variables):
`{{- $imageTag := default .Values.a.tag .Values.b.tag }}` before the line, or in the named template the line
includes (`{{- $tag := .Values.mock.killgrave.tag | default "0.4.1" }}` / `{{- printf "friendsofgo/killgrave:%s" $tag
}}`), where the assignment itself prints nothing. "A variable's scope extends to the 'end' action of the control
structure ('if', 'with', or 'range') in which it is declared": a declaration inside a block closed before the line does
not reach it (`{{- $tag := "1.4.0" }}` then `{{- if .Values.legacy }}{{- $tag := "0.9.0" }}{{- end }}`: `1.4.0`),
a reassignment (`$tag = ...`) changes the variable declared outside (taken as the last one, as before), and a
variable a `range` or `with` declares holds what the values give it, not known from the text.
"""

from __future__ import annotations

import re

_VARIABLE_RE = re.compile(r"\$(?P<name>[A-Za-z_]\w*)(?![\w.])")
# an action, its text never crossing another `{{` (so that unclosed input is read in linear time)
_ACTION_RE = re.compile(r"\{\{-?\s*(?P<inner>(?:[^{}]|\{(?!\{)|\}(?!\}))*?)\s*-?\}\}")
# a block's start, and the variables a `range` or `with` (or an `if`) declares in its pipeline
_OPENS_RE = re.compile(r"(?:if|range|with|define|block)\b\s*(?P<names>\$\w+(?:\s*,\s*\$\w+)?\s*:?=)?")
_ENDS_RE = re.compile(r"end\b")
_ASSIGNS_RE = re.compile(r"\$(?P<name>[A-Za-z_]\w*)\s*(?P<op>:?=)\s*(?P<expr>\S.*)", re.S)
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


def _visible(before: str) -> dict[str, str | None]:
    """The expression each variable holds at the end of `before`, by the declarations whose block is still open there
    and the reassignments after them; None for one the text does not know (a `range`'s, one given another variable)."""
    scopes: list[dict[str, str | None]] = [{}]
    for action in _ACTION_RE.finditer(before):
        inner = action["inner"]
        if (opens := _OPENS_RE.match(inner)) is not None:
            scopes.append(dict.fromkeys(re.findall(r"\$(\w+)", opens["names"] or "")))
        elif _ENDS_RE.match(inner) is not None and len(scopes) > 1:
            scopes.pop()  # a stray `end` (a text not starting at its file's top) leaves the top scope
        elif (assigns := _ASSIGNS_RE.fullmatch(inner)) is not None:
            expr = assigns["expr"].strip()
            value = None if any(mark in expr for mark in "${}") else expr
            declared = [scope for scope in scopes if assigns["name"] in scope]
            target = scopes[-1] if assigns["op"] == ":=" or not declared else declared[-1]
            target[assigns["name"]] = value
    return {name: value for scope in scopes for name, value in scope.items()}


def with_variables(body: str, before: str) -> str:
    """`body` with each variable written as the expression it holds after `before` (a Go template declares a
    variable before its use, in the same file; see the module for its scope); one not known is left as it is."""
    if "$" not in body:
        return body
    visible = _visible(before)

    def given(match: re.Match[str]) -> str:
        value = visible.get(match["name"])
        return f"({value})" if value is not None else match.group()

    return _VARIABLE_RE.sub(given, body)


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
