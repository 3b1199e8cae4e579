"""The branches of a chart's templates that a values file takes, where its conditions are plain lookups (pure).

A chart chooses an image line by a value: gatekeeper's CRD upgrade hook says `{{- if not .Values.image.release }}`
`image: '{{ .Values.image.crdRepository }}'` `{{- else }}` `image: '{{ .Values.image.crdRepository }}:{{
.Values.image.release }}'` `{{- end }}`. Read as written, both lines render, and the first names the bare repository
(`:latest`), which Helm never renders while `release` is set. An `if` or `else if` whose condition is a lookup
(`.Values.a.b`, `$.Values.a.b`, `$root.Values.a.b`) or `not` of one, or `contains "/" .Values.a.b` (a string value
holding a literal), `hasPrefix "/" .Values.a.b` or `hasSuffix` (one starting or ending with it: a CSI driver's
`repository: /csi-provisioner` joined to `image.baseRepo`, a whole `registry.k8s.io/sig-storage/csi-resizer` rendered
alone), that the values file has, is decided as Go templates decide it (false: `false`, `0`, `""`, null, an empty list
or mapping; true otherwise). Where the values are the chart's own defaults (`complete`: a template's own lines,
cli/discover_helm.py), so is Go's `eq` or `ne` of two strings (https://pkg.go.dev/text/template#hdr-Functions), each
a literal, a lookup the values have, or a lookup with a literal default (`.Values.a | default "none"`, `default "none"
.Values.a`: the literal where the value is empty or the key missing), a template variable holding one written out
where asked (`variables`: `{{- $url := .Values.url | default "none" }}` ... `{{- if eq $url "none" }}`,
helm_line_variables.py); the values reading does not compare: a values file's own placeholders (`arch:
"set_during_install"`) would take branches no install takes. Where the values take one branch of a chain (an `else`,
or a condition known true), the text of the others is blanked, lines kept. A lone `if` they do not take (`{{- if
.Values.metrics.enabled }}`) is kept, an option the chart's users turn on, unless asked (`lone`: what an install with
the values renders; cli/discover_helm_optional.py tells the images of such options apart). Go's `and` and `or` of
such conditions are decided where their decided arguments settle them (`and .Values.operator.enabled
.Values.hostpath.enabled` with the second false). A condition of another shape (`include`, a key the file does not
have, as a values file given over the defaults may leave it to them) keeps every branch: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ecr_mirror.choose.discovery.helm_line_variables import call_terms, with_variables

_ACTION_RE = re.compile(r"\{\{-?\s*(?P<word>if|else\s+if|else|end|range|with|define|block)\b(?P<rest>.*?)-?\}\}", re.S)
_CONDITION_RE = re.compile(r"(?P<not>not\s+)?(?:\$\w*)?\.Values(?P<path>(?:\.[A-Za-z_][\w-]*)+)")
# sprig's `contains SUBSTRING STRING` of a literal and a lookup: dapr's `{{- if contains "/" .Values.image.name }}`
# (a full image name given, else the registry joined to it: https://masterminds.github.io/sprig/strings.html)
# and `hasPrefix` / `hasSuffix` of the same arguments: csi-driver-smb's `{{- if hasPrefix "/"
# .Values.image.csiProvisioner.repository }}` joins a path to `image.baseRepo`, its `else` renders a whole reference
_CONTAINS_RE = re.compile(
    r"(?P<test>contains|hasPrefix|hasSuffix)\s+\"(?P<part>[^\"\\]*)\"\s+(?:\$\w*)?\.Values(?P<path>(?:\.[A-Za-z_][\w-]*)+)"
)
_STRING_TESTS = {"contains": str.__contains__, "hasPrefix": str.startswith, "hasSuffix": str.endswith}
_MISSING = object()
_COMPARE_RE = re.compile(r"(?P<test>eq|ne)\s+(?P<args>\S.*)", re.S)
_LOGIC_RE = re.compile(r"(?P<test>and|or)\s+(?P<args>\S.*)", re.S)
_LOOKUP = r"(?:\$\w*)?\.Values(?P<path>(?:\.[A-Za-z_][\w-]*)+)"
_STRING = r"\"(?P<literal>[^\"\\]*)\""
_TERM_FORMS = (
    re.compile(_STRING),
    re.compile(_LOOKUP),
    re.compile(rf"{_LOOKUP}\s*\|\s*default\s+{_STRING}"),
    re.compile(rf"default\s+{_STRING}\s+{_LOOKUP}"),
)
_VARIABLE_RE = re.compile(r"\$[A-Za-z_]")


def _value(values: object, path: str) -> object:
    node = values
    for key in path.strip(".").split("."):
        if not isinstance(node, Mapping) or key not in node:
            return _MISSING
        node = node[key]
    return node


def _string(term: str, values: object, complete: bool) -> str | None:
    """The string `term` gives (a literal, a lookup, a lookup with a literal default); None when not known."""
    for form in _TERM_FORMS:
        if (match := form.fullmatch(term.strip())) is None:
            continue
        groups = match.groupdict()
        value = _value(values, groups["path"]) if groups.get("path") else _MISSING
        if groups.get("literal") is None:
            return value if isinstance(value, str) else None
        if "path" not in groups:
            return groups["literal"]
        if value is _MISSING:
            return groups["literal"] if complete else None
        if value is None or value == "":
            return groups["literal"]
        return value if isinstance(value, str) else None
    return None


def _compared(match: re.Match[str], values: object, complete: bool) -> bool | None:
    terms = call_terms(match["args"].strip())
    if terms is None or len(terms) != 2:
        return None
    left, right = (_string(term, values, complete) for term in terms)
    if left is None or right is None:
        return None
    return (left == right) == (match["test"] == "eq")


def decided(condition: str, values: object, *, complete: bool = False) -> bool | None:
    """Whether `condition` holds with `values`; None when it is of another shape or the value is not there."""
    if (compare := _COMPARE_RE.fullmatch(condition.strip())) is not None:
        return _compared(compare, values, complete) if complete else None
    if (logic := _LOGIC_RE.fullmatch(condition.strip())) is not None:
        return _logic(logic, values, complete)
    if (contains := _CONTAINS_RE.fullmatch(condition.strip())) is not None:
        value = _value(values, contains["path"])
        return _STRING_TESTS[contains["test"]](value, contains["part"]) if isinstance(value, str) else None
    match = _CONDITION_RE.fullmatch(condition.strip().strip("()").strip())
    if match is None or (value := _value(values, match["path"])) is _MISSING:
        return None
    truth = not (value is None or value in (0, "", [], {}))  # `false` is 0 too
    return not truth if match["not"] else truth


def _logic(match: re.Match[str], values: object, complete: bool) -> bool | None:
    """Go's `and` (false when one argument is, true when all are) or `or` (true when one is, false when all are
    not) of arguments each decided alone; None when that does not settle it."""
    terms = call_terms(match["args"].strip())
    if not terms or len(terms) < 2:
        return None
    each = [decided(term, values, complete=complete) for term in terms]
    settles, rest = (False, True) if match["test"] == "and" else (True, False)
    if settles in each:
        return settles
    return rest if all(value is rest for value in each) else None


_MAX_WRITTEN = 256  # conditions whose variables are written out per text: each reads the text above it


def _written(action: re.Match[str], templates: str, variables: list[int] | None) -> str:
    """An action's condition, its variables written out where asked (`variables`: how many so far; at most
    _MAX_WRITTEN, so that a text of many such conditions is read in bounded time)."""
    if variables is None or len(variables) >= _MAX_WRITTEN or _VARIABLE_RE.search(action["rest"]) is None:
        return str(action["rest"])
    variables.append(action.start())
    return with_variables(action["rest"], templates[: action.start()])


@dataclass
class _Chain:
    """An `if` chain being read: where the current branch's text starts, whether it is known not taken, whether a
    branch up to it is known taken, and the branches known not taken so far."""

    start: int
    false: bool
    taken: bool
    dropped: list[tuple[int, int]] = field(default_factory=list)


def taken_branches(
    templates: str, values: object, *, complete: bool = False, variables: bool = False, lone: bool = False
) -> str:
    """`templates` with the text of the `if` branches `values` does not take blanked (newlines kept), in the chains
    where it takes another one; `complete`: `values` are the chart's own defaults (a key they lack is missing);
    `variables`: a condition's template variables are written out as the text above it sets them; `lone`: a chain
    none of whose branches `values` takes is blanked too (what an install with these values renders)."""
    if "{{" not in templates or not isinstance(values, Mapping):
        return templates
    drops: list[tuple[int, int]] = []
    written: list[int] | None = [] if variables else None  # the conditions written out
    stack: list[_Chain | None] = []  # None: a block that is no `if` (`range`, `with`, `define`)
    for action in _ACTION_RE.finditer(templates):
        word = " ".join(action["word"].split())
        if word in ("range", "with", "define", "block"):
            stack.append(None)
        elif word == "if":
            holds = decided(_written(action, templates, written), values, complete=complete)
            stack.append(_Chain(action.end(), holds is False, holds is True))
        elif word in ("else if", "else") and stack and (chain := stack[-1]) is not None:
            if chain.false:
                chain.dropped.append((chain.start, action.start()))
            condition = _written(action, templates, written)
            holds = decided(condition, values, complete=complete) if word == "else if" else True
            chain.start, chain.false = action.end(), chain.taken or holds is False
            chain.taken = chain.taken or holds is True
        elif word == "end" and stack and (chain := stack.pop()) is not None:
            if chain.false:
                chain.dropped.append((chain.start, action.start()))
            drops += chain.dropped if chain.taken or lone else []  # a lone `if` not taken: an option to turn on
    out: list[str] = []
    position = 0
    for first, end in sorted(drops):
        if end <= position:
            continue  # inside a branch already blanked
        start = max(first, position)
        out += [templates[position:start], re.sub(r"[^\n]", " ", templates[start:end])]
        position = end
    return "".join([*out, templates[position:]])
