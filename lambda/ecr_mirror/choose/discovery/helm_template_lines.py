"""A chart template's `image:` line made only of values lookups, rendered with a values file (pure).

`image: "{{ .Values.images.operator }}:{{ .Values.images.tag | default .Chart.AppVersion }}"`: a values file alone
does not say that `images.operator` names an image, nor which tag it gets; the line does. A line is rendered when
each of its actions is a lookup (`.Values.a.b`, `$.Values.a.b`, `$global.Values.a.b` through a variable
bound to the top context, as named templates given `(list .)` bind it), or a lookup that an empty value turns into the
chart's `appVersion` or `version` (with a literal prefix: `| default (printf "v%s" .Chart.AppVersion)`) or a literal
(`| default .Chart.AppVersion`, `default .Chart.Version .Values.a.b`, `| default "latest"`) or another lookup
(`default .Values.a.tag .Values.b.tag`, `.Values.b.registry | default .Values.a.registry`) or any action read here,
a `printf` of them too (`default (printf "acme/server:%s" .Values.tag) .Values.server.image`), or Sprig's `coalesce` of
lookups, ending perhaps in the chart's version or a literal (`coalesce .Values.a.tag .Values.image.tag
.Chart.AppVersion`: the first not empty), or the chart's version alone (`quay.io/acme/dashboard:{{ .Chart.AppVersion
}}`, https://helm.sh/docs/chart_template_guide/builtin_objects/: `Chart` is the contents of `Chart.yaml`), or a
string constant (a variable written out: `{{ $tag }}` after `{{ $tag := "1.0.0" }}`, helm_line_variables.py), and every
lookup finds a string or a number. Anything else (`include`, `printf`, another function, a key the values do not
have, an empty value with no default) leaves the line to `helm template`: nothing is guessed. An environment
variable's `value:` line is read so too when one of its lookups names an image (`.Values.connectors.kafka.image`,
`.repository`, `*Image`, `.image.name`): a controller told the images it starts (`- name: KAFKA_IMAGE` / `value: "{{
.Values.connectors.kafka.image }}:{{ .Values.connectors.kafka.tag }}"`); one rendered without a tag or digest is a name
the program joins with a tag of its own (`DD_..._SIDECAR_IMAGE_NAME` / `value: {{ .Values.agents.image.name }}` beside
`..._IMAGE_TAG`), not read. A value beside
`pullPolicy: Never` is an image loaded into the cluster beforehand, never pulled: its line is not rendered. A call of
a named template given the top context (`image: {{ include "x.image.fullname.tools" . }}`) whose body is one line
with no block nor call in it (`{{- .Values.image.registry }}/{{ .Values.image.tools }}:{{ .Values.image.tag }}`), or
several lines that the trim markers of its actions join into one, is read as that line; a literal default may stand
in for a name the values leave out (`{{- default "acme/relay" .Values.images.relay.repository -}}`); and so is a body
of one literal word, no action in it (`{{- define "x.kubectlImage" -}}` / `registry.k8s.io/kubectl:v1.33.6` / `{{-
end -}}`): the line is that image, reading no value (a chart template's own image, cli/discover_helm.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from ecr_mirror.choose.discovery.helm_line_ifs import decided_ifs
from ecr_mirror.choose.discovery.helm_line_variables import (
    call_terms,
    named_for_image,
    tagged,
    with_variables,
    without_assignments,
)
from ecr_mirror.choose.discovery.helm_named_lines import inlined, one_line_templates
from ecr_mirror.choose.discovery.helm_trims import TRIMMED_RE, cut, piped
from ecr_mirror.choose.discovery.yaml_loader import line_of

_LINE_RE = re.compile(
    r"^[ \t-]*(?P<key>image|value|[A-Za-z][\w-]*[a-z0-9]Image):[ \t]*(?P<body>[^\n]*\{\{[^\n]*?)[ \t]*$", re.M
)
# an environment variable's `value:` is an image when a lookup it joins names one (`.Values.connectors.kafka.image`),
# or is the name of an image's values (dapr's `.Values.image.name`, `.Values.injectorImage.name`)
_IMAGE_LOOKUP_RE = re.compile(
    r"\.Values(?:\.[A-Za-z_][\w-]*)*\.(?:(?:image|[\w-]*[a-z0-9]Image)(?:\.name)?|repository)\b(?![.\w-])"
)
_ACTION_RE = re.compile(r"\{\{-?\s*(?P<expr>.*?)\s*-?\}\}")
_LOOKUP = r"(?:\$\w*)?\.Values(?P<path>(?:\.[A-Za-z_][\w-]*)+)"
# the chart's version, alone or with a literal prefix or suffix: `.Chart.AppVersion`, `(printf "v%s"
# .Chart.AppVersion)`, `(printf "%s-core" .Chart.AppVersion)`
_VERSION = (
    r"(?:\(\s*printf\s+\"(?P<prefix>[^\"%\\]*)%s(?P<suffix>[^\"%\\]*)\"\s+)?"
    r"\$?\.Chart\.(?P<field>AppVersion|Version)(?(prefix)\s*\))"
)
_FALLBACK = rf"(?:{_VERSION}|\"(?P<literal>\w[\w./:-]*)\")"  # a literal tag, or name: `default "acme/relay"`
_FORMS = (
    re.compile(rf"{_LOOKUP}"),
    # a value with another value standing in for an empty one: `default .Values.global.imageTag .Values.hub.imageTag`
    re.compile(rf"default\s+(?:\$\w*)?\.Values(?P<other>(?:\.[A-Za-z_][\w-]*)+)\s+{_LOOKUP}"),
    # and in the pipeline form (`.Values.relatedImages.init.registry | default .Values.image.registry`: an operator's
    # injected images that share its own registry and tag unless set)
    re.compile(rf"{_LOOKUP}\s*\|\s*default\s+(?:\$\w*)?\.Values(?P<other>(?:\.[A-Za-z_][\w-]*)+)"),
    re.compile(rf"{_LOOKUP}\s*\|\s*default\s+{_FALLBACK}"),
    re.compile(rf"default\s+{_FALLBACK}\s+{_LOOKUP}"),
)

# `printf` with `%s` verbs only, each given one of the forms above (`printf "acme/api:%s" (default .Chart.AppVersion
# .Values.image.tag)`); a lookup in parentheses (`(.Values.image).tag`, which does not fail where `image` is unset)
_PRINTF_RE = re.compile(r"printf\s+\"(?P<format>[^\"%\\]*(?:%s[^\"%\\]*)+)\"\s+(?P<args>.+)", re.DOTALL)
# `quote` at a pipeline's end only wraps the text for YAML
_QUOTE_RE = re.compile(r"\s*\|\s*quote\s*$")
# Sprig's `coalesce`, the first argument that is not empty (https://masterminds.github.io/sprig/defaults.html):
# `coalesce .Values.app.image.tag .Values.image.tag .Chart.AppVersion`
_COALESCE_RE = re.compile(r"coalesce\s+(?P<args>.+)", re.DOTALL)
_LOOKUP_TERM_RE = re.compile(_LOOKUP)
# Sprig's `default` with any action standing in for an empty lookup: speckle-server's `default (printf
# "speckle/speckle-server:%s" .Values.docker_image_tag) .Values.server.image`
_DEFAULT_CALL_RE = re.compile(r"default\s+(?P<args>.+)", re.DOTALL)
_PRINT_RE = re.compile(r"print\s+(?P<args>.+)", re.DOTALL)
_EMPTY_DEFAULT_RE = re.compile(rf"{_LOOKUP}\s*\|\s*default\s+\"\"")
_CHART_TERM_RE = re.compile(r"\$?\.Chart\.(?P<field>AppVersion|Version)")
_LITERAL_TERM_RE = re.compile(r"\"(?P<literal>\w[\w./:-]*)\"")
# a chain of defaults, each standing in for what the one before leaves empty: `.Values.images.broker.tag | default
# .Values.defaultTag | default .Chart.AppVersion` (Sprig's `default`: https://masterminds.github.io/sprig/defaults.html)
_CHAIN_SPLIT_RE = re.compile(r"\s*\|\s*default\s+")
_PARENTHESISED_RE = re.compile(r"\((?P<lookup>(?:\$\w*)?\.Values(?:\.[A-Za-z_][\w-]*)+)\s*\)(?=\.[A-Za-z_])")
# Helm's `tpl` of a value in the top context, which renders the value as a template
# (https://helm.sh/docs/howto/charts_tips_and_tricks/#using-the-tpl-function): a value with no action in it is itself
# (`tpl .Values.image.registry $ | default (tpl .Values.global.imageRegistry $) | default "quay.io"`); one with an
# action keeps its `{{` and the line is left to `helm template`
_TPL_RE = re.compile(
    r"\(\s*tpl\s+(?P<lookup>(?:\$\w*)?\.Values(?:\.[A-Za-z_][\w-]*)+)\s+(?:\$|\.)\s*\)|"
    r"\btpl\s+(?P<bare>(?:\$\w*)?\.Values(?:\.[A-Za-z_][\w-]*)+)\s+(?:\$|\.)(?=\s*(?:\||$))"
)


class Rendered(NamedTuple):
    """An `image:` line rendered: the image, the line in the values file of the first string it was read from, and
    whether every action read a value (no `default` stood in for an empty one)."""

    text: str
    line: int | None
    whole: bool
    read: tuple[object, ...] = ()  # the values its lookups found


def _lookup(values: object, path: str) -> object:
    node = values
    for key in path.strip(".").split("."):
        if not isinstance(node, Mapping) or key not in node:
            return None
        if key == path.rsplit(".", 1)[-1] and str(node.get("pullPolicy", "")) == "Never":
            return None  # an image loaded into the cluster beforehand, never pulled
        node = node[key]
    return node


def _printf(
    match: re.Match[str], values: object, versions: Mapping[str, str | None]
) -> tuple[str, tuple[object, ...]] | None:
    """`printf` of `%s` verbs, each argument rendered as an action of its own."""
    pieces, terms = match["format"].split("%s"), call_terms(match["args"])
    if terms is None or len(terms) != len(pieces) - 1:
        return None
    texts: list[str] = []
    read: tuple[object, ...] = ()
    for term in terms:
        if (chart := _CHART_TERM_RE.fullmatch(term)) is not None and versions.get(chart["field"]):
            done: tuple[str, tuple[object, ...]] | None = (str(versions[chart["field"]]), ())  # `printf "%s:%s" ...
        else:  # .Values.operatorImageRepository .Chart.AppVersion`: the version is part of the line
            done = rendered_action(term, values, versions)
        if done is None:
            return None
        texts.append(done[0])
        read += done[1]
    return pieces[0] + "".join(text + piece for text, piece in zip(texts, pieces[1:], strict=True)), read


def _first_not_empty(
    terms: list[str], values: object, versions: Mapping[str, str | None], standing: tuple[object, ...]
) -> tuple[str, tuple[object, ...]] | None:
    """The first term not empty, each a lookup, the chart's version or a literal (a lookup the values lack is empty),
    with the value it was read from, or `standing` for a version or literal; None when a term read before it is
    anything else."""
    for term in terms:
        if (lookup := _LOOKUP_TERM_RE.fullmatch(term)) is not None:
            value = _lookup(values, lookup["path"])
            if isinstance(value, bool) or not isinstance(value, str | int | float | type(None)):
                return None
            if value is not None and str(value).strip():
                return str(value).strip(), (value,)
        elif (chart := _CHART_TERM_RE.fullmatch(term)) is not None:
            version = versions.get(chart["field"])
            return (version, standing) if version else None
        elif (literal := _LITERAL_TERM_RE.fullmatch(term)) is not None:
            return literal["literal"], standing
        elif (done := rendered_action(term, values, versions)) is not None:
            return done  # an action in parentheses (a named template's `else`: helm_named_lines.py)
        else:
            return None
    return None


def _coalesced(
    terms: list[str] | None, values: object, versions: Mapping[str, str | None]
) -> tuple[str, tuple[object, ...]] | None:
    """`coalesce`: the first of its arguments that is not empty, each a lookup, the chart's version or a literal (a
    lookup the values lack is empty, as Helm gives it nil); None when one read before it is anything else. A version or
    literal it falls back to is read as part of the line, not as a default standing in (Rendered.whole): the values
    reading, which knows `default` but not `coalesce`, leaves such a tag unresolved, and the line completes it."""
    return _first_not_empty(terms or [], values, versions, ())


def _chained(expr: str, values: object, versions: Mapping[str, str | None]) -> tuple[str, tuple[object, ...]] | None:
    """A lookup followed by two defaults or more, each a lookup, the chart's version or a literal: the first that is not
    empty (a lookup the values lack is empty); None when the expression is not such a chain or a term is anything
    else. A version or literal standing in is read as a default (Rendered.whole)."""
    terms = _CHAIN_SPLIT_RE.split(expr)
    if len(terms) < 3 or _LOOKUP_TERM_RE.fullmatch(terms[0]) is None:
        return None
    return _first_not_empty(terms, values, versions, (None,))


def _printed(args: str, values: object, versions: Mapping[str, str | None]) -> tuple[str, tuple[object, ...]] | None:
    """Go's `print` of actions, "spaces are added between operands when neither is a string" (fmt.Sprint,
    https://pkg.go.dev/fmt#Sprint): operands read as strings are joined as they are (`print .Values.worker.version
    (.Values.build | default "")`); two numbers side by side are left to `helm template`."""
    texts: list[str] = []
    read: tuple[object, ...] = ()
    for term in call_terms(args) or [""]:
        if (done := rendered_action(term, values, versions)) is None:
            return None
        if read and done[1] and all(isinstance(value, int | float) for value in (read[-1], done[1][0])):
            return None
        texts.append(done[0])
        read += done[1]
    return "".join(texts), read


def rendered_action(
    expr: str, values: object, versions: Mapping[str, str | None]
) -> tuple[str, tuple[object, ...]] | None:
    """(the action's text, the values it was read from, None for each default that stood in for one) or None when it
    cannot be rendered."""
    expr = _QUOTE_RE.sub("", _PARENTHESISED_RE.sub(r"\g<lookup>", expr))
    expr = piped(_TPL_RE.sub(lambda tpl: tpl["lookup"] or tpl["bare"], expr))
    if (trimmed := TRIMMED_RE.fullmatch(expr)) is not None:
        return _trimmed(trimmed, values, versions)
    if expr.startswith("(") and (inner := call_terms(expr)) is not None and len(inner) == 1 and inner[0] != expr:
        return rendered_action(inner[0], values, versions)  # a pipeline in parentheses (a variable written out)
    if (printed := _PRINT_RE.fullmatch(expr)) is not None:
        return _printed(printed["args"], values, versions)
    if (emptied := _EMPTY_DEFAULT_RE.fullmatch(expr)) is not None:
        value = _lookup(values, emptied["path"])  # `| default ""`: a suffix that may be left out
        if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
            return (str(value).strip(), (value,)) if value is not None and str(value).strip() else ("", ())
        return None
    if (printf := _PRINTF_RE.fullmatch(expr)) is not None:
        return _printf(printf, values, versions)
    if (coalesce := _COALESCE_RE.fullmatch(expr)) is not None:
        return _coalesced(call_terms(coalesce["args"]), values, versions)
    if (chained := _chained(expr, values, versions)) is not None:
        return chained
    if (chart := _CHART_TERM_RE.fullmatch(expr.strip())) is not None:  # `:{{ .Chart.AppVersion }}`: Chart.yaml's
        version = versions.get(chart["field"])
        return (version, (None,)) if version else None
    if (literal := _LITERAL_TERM_RE.fullmatch(expr.strip())) is not None:  # Go prints a string constant as it is
        return literal["literal"], ()  # (a variable written out: `{{ $tag }}` after `{{ $tag := "1.0.0" }}`)
    for form in _FORMS:
        if (match := form.fullmatch(expr)) is None:
            continue
        value, defaulting = _lookup(values, match["path"]), "field" in match.groupdict()
        if "other" in match.groupdict() and not (isinstance(value, str | int | float) and str(value).strip()):
            other = _lookup(values, match["other"])
            return (
                (str(other).strip(), (other,)) if isinstance(other, str | int | float) and str(other).strip() else None
            )
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            if value is not None or not defaulting:
                return None
            value = ""
        if str(value).strip():
            return str(value).strip(), (value,)
        if not defaulting:
            return None  # an empty value and no default: the line names no image as the values stand
        version = versions.get(match["field"] or "")
        fallback = match["literal"] or (version and (match["prefix"] or "") + version + (match["suffix"] or ""))
        return (fallback, (None,)) if fallback else None
    if (defaulted := _DEFAULT_CALL_RE.fullmatch(expr)) is not None:
        return _defaulted(call_terms(defaulted["args"]), values, versions)
    return None


def _defaulted(
    terms: list[str] | None, values: object, versions: Mapping[str, str | None]
) -> tuple[str, tuple[object, ...]] | None:
    """`default ACTION LOOKUP`: the lookup's value, or, where the values lack it or leave it empty (Sprig's "empty":
    https://masterminds.github.io/sprig/defaults.html), the action rendered, read as a default standing in; None for
    other arguments, or a value that is neither empty nor a string or number (a mapping names no image)."""
    if terms is None or len(terms) != 2 or (lookup := _LOOKUP_TERM_RE.fullmatch(terms[1])) is None:
        return None
    value = _lookup(values, lookup["path"])
    if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip(), (value,)
    if value not in (None, "", {}, [], False, 0):
        return None
    done = rendered_action(terms[0], values, versions)
    return (done[0], (*done[1], None)) if done is not None and done[0] else None


def _trimmed(
    match: re.Match[str], values: object, versions: Mapping[str, str | None]
) -> tuple[str, tuple[object, ...]] | None:
    """The pipeline before `| trunc N`, `| trimSuffix "s"` or `| trimPrefix "s"`, rendered, then cut so (helm_trims.py).
    A version or literal it falls back to is read as part of the line, as `coalesce`'s is (_coalesced): the values
    reading does not follow such a pipeline and leaves the tag unresolved, and the line completes it."""
    if (done := rendered_action(match["rest"], values, versions)) is None:
        return None
    return cut(done[0], match), tuple(value for value in done[1] if value is not None)


def _left_out(expr: str, values: object) -> bool:
    """Whether `expr` is a lookup the values do not have, or have empty: Helm renders it as nothing (its engine runs
    templates with `missingkey=zero` and takes the `<no value>` this prints out of the output,
    https://github.com/helm/helm/blob/main/pkg/engine/engine.go). Read so only right after another action, a suffix
    some builds set (`:{{ .Values.operator.version }}{{ .Values.operator.build }}`), or right before one, a prefix
    (OpenEBS' `{{ .Values.image.repository }}{{ .Values.apiserver.image }}:...` with `repository: ""`): alone, or
    beside literal text only (`:{{ .Values.image.tag }}`), the line names no image as the values stand."""
    lookup = _LOOKUP_TERM_RE.fullmatch(_QUOTE_RE.sub("", expr))
    value = _lookup(values, lookup["path"]) if lookup else False
    return value is None or value == ""


def rendered_images(
    templates: str, values: Any, versions: Mapping[str, str | None], definitions: str | None = None, before: str = ""
) -> list[Rendered]:
    """Each `image:` line of `templates` that `values` renders whole, a call of a one-line named template given the
    top context read as that line (the named templates of `definitions`, by default of `templates`); `before`: the
    text of the template file above `templates`, whose variables the lines read."""
    out: list[Rendered] = []
    named = one_line_templates(templates if definitions is None else definitions)
    for match in _LINE_RE.finditer(templates):
        body, line, position, whole = inlined(match["body"], named), None, 0, True
        parts: list[str] = []
        # a variable set in a named template the line includes is written out too; its assignment prints nothing
        body = with_variables(without_assignments(body), before + templates[: match.start()] + body)
        body = decided_ifs(body, values)  # a registry put before the image when a value sets it (helm_line_ifs.py)
        if not body:
            continue
        by_name = match["key"] == "value" and _IMAGE_LOOKUP_RE.search(body) is None
        if by_name and not named_for_image(templates, match.start()):
            continue  # another setting (`value: "{{ .Values.logLevel }}"`)
        read: list[object] = []
        if body[0] in "\"'" and body[-1] == body[0]:
            body = body[1:-1]  # quoted for YAML; quotes inside the actions are the template's
        for action in _ACTION_RE.finditer(body):
            if (done := rendered_action(action["expr"], values, versions)) is None:
                beside = (parts and position == action.start()) or body.startswith("{{", action.end())
                if not (beside and _left_out(action["expr"], values)):
                    break
                # a suffix the values leave out (`{{ .Values.version }}{{ .Values.build }}`), or a prefix right
                # before another action (`{{ .Values.image.repository }}{{ .Values.apiserver.image }}`, `""`)
                done = ("", ())
            parts += [body[position : action.start()], done[0]]
            position, whole, read = action.end(), whole and None not in done[1], [*read, *done[1]]
            if line is None and (strings := [value for value in done[1] if isinstance(value, str)]):
                line = line_of(strings[0])
        else:
            text = "".join([*parts, body[position:]])
            # an environment variable's untagged value is a name the program joins with a tag of its own
            # (`*_IMAGE_NAME` beside `*_IMAGE_TAG`), not the image it starts
            if "{{" not in text and "}}" not in text and not (match["key"] == "value" and not tagged(text)):
                out.append(Rendered(text, line, whole, tuple(read)))
    return out
