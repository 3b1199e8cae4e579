"""The tag a Helm chart's templates give an image whose values leave it empty (pure): the chart's appVersion or
version, with a literal prefix or suffix, where a template line or a named template it includes says which
(`.Values.image.tag | default .Chart.AppVersion`, `default (printf "v%s" .Chart.AppVersion) .Values.image.tag`, a
version passed under a key of its own or by position); None when no template says, or two differ (helm_values.py)."""

from __future__ import annotations

import functools
import re

from ecr_mirror.choose.discovery.go_template_blocks import defines

# A chart version a template gives an empty tag: `.Chart.AppVersion`, `$.Chart.Version`, `.chart.AppVersion` (the
# chart passed in a dict), `.context.Chart.AppVersion` (the top context passed in a dict), or one with a literal
# prefix or suffix, Go's `printf` putting the version in place of its one `%s`
# (https://pkg.go.dev/fmt): `(printf "v%s" .Chart.AppVersion)`, influxdb3-core's `(printf "%s-core" .Chart.AppVersion)`.
_DEFAULT = (
    r"(?:\(\s*printf\s+\"(?P<prefix>[^\"%\\]*)%s(?P<suffix>[^\"%\\]*)\"\s+)?"
    r"(?:\$\w*)?(?:\.[a-z]\w*)?\.(?:Chart|chart)\.(?P<field>AppVersion|Version)\b(?(prefix)\s*\))"
)
# The same prefix written with `cat`, which joins with a space, taken out again: `(cat "v" .Chart.AppVersion | replace
# " " "")`, read as the `printf` form.
CAT_RE = re.compile(
    r"\(\s*cat\s+\"([^\"%\\\s]*)\"\s+((?:\$\w*)?\.(?:Chart|chart)\.(?:AppVersion|Version))"
    r"\s*\|\s*replace\s+\" \"\s+\"\"\s*\)"
)
# A literal tag a template gives an empty one: `default "latest" .Values.image.tag`.
_LITERAL = r"\"(?P<literal>[\w][\w.-]{0,127})\""
# What may follow a default that is the version itself: the action's end, a `)`, `| toString`/`| quote`, or (in
# the function form, `default .Chart.AppVersion .imageRoot.tag`) the tag it stands in for.
_AS_IS = r"(?=\s*(?:\|\s*(?:toString|quote)\b|-?\}\}|\))|\s+(?:\$\w*)?[\w.]*\.tag\b)"
# `merge $dest $src` fills the empty (zero) values of `$dest` from `$src`, `mergeOverwrite $dest $src` overwrites
# `$dest` with what `$src` sets (helm.sh/docs/chart_template_guide/function_list/#merge-mustmerge): an image's values
# merged with `(dict "tag" .Chart.AppVersion)` (`merge .imageRoot (dict "tag" .context.Chart.AppVersion)`), or over
# it, keep a tag they set and take the chart's version for an empty one.
_MERGED = r"(?:\b(?:merge|mustMerge)\s+[^\s()]+\s+|\b(?:mergeOverwrite|mustMergeOverwrite)\s+)\(\s*dict\s+\"tag\"\s+"
# `coalesce A B X` gives the first non-empty argument (helm.sh/docs/chart_template_guide/function_list/#coalesce): a
# chart version last stands in for the empty tags before it (grafana's loki-distributed and tempo-distributed,
# `$tag := coalesce .component.tag .tempo.tag .defaultVersion | toString`, the version passed in a dict).
_COALESCED = r"\bcoalesce\s+(?:(?:\$\w*)?[\w.]*\.tag\s+)+"
# In a named template's body, a chart version given to the tag as it is: `default X`, `$tag = X`, `$tag := X`,
# merged as above, or last in a `coalesce` of tags.
_GIVEN_RE = re.compile(rf"(?:\bdefault\s+|:?=\s*|{_MERGED}|{_COALESCED}){_DEFAULT}{_AS_IS}")
_INCLUDE_RE = re.compile(r"\b(?:include|template)\s+\"([^\"]+)\"")
# A chart version a call passes a named template under a key of its own: `(dict "chartAppVersion" .Chart.AppVersion)`
_PASSED_RE = re.compile(r"\"(\w+)\"\s+\$?\.Chart\.(AppVersion|Version)\b(?![\w.])")
# ... or by position: `(tuple .Values.image $.Chart.AppVersion)`, read in the template as `index . 1`
_TUPLE_RE = re.compile(r"\(\s*tuple\s+([^()]*)\)")
_VERSION_WORD_RE = re.compile(r"\$?\.Chart\.(AppVersion|Version)")


def _named_templates(templates: str) -> dict[str, str]:
    """`{{ define "NAME" }}` -> its text, up to its own `{{ end }}` (the blocks inside it closing first), or up to the
    next `define` when it is never closed."""
    found = defines(templates)
    named: dict[str, str] = {}
    for index, (define, end) in enumerate(found):
        stop = end[0] if end else found[index + 1][0].start() if index + 1 < len(found) else len(templates)
        named[define["name"]] = templates[define.end() : stop]
    return named


def _defaults(text: str, pattern: str = _DEFAULT) -> set[tuple[str, str]]:
    """The (form, `AppVersion` or `Version`) of each chart version `text` names where `pattern` matches, the form
    being the tag with `%s` in place of the version (`v%s`, `%s-core`; `%s` for the version as it is)."""
    return {
        (f"{match.group('prefix') or ''}%s{match.group('suffix') or ''}", match.group("field"))
        for match in re.finditer(pattern, text)
    }


def _defaulting_templates(named: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The named templates that give an empty image tag one chart version (a tag and one chart version, such as
    `.chart.AppVersion` passed in a dict, in one body), and those that include one, with what the tag becomes."""
    found: dict[str, tuple[str, str]] = {}
    for name, body in named.items():
        given = _defaults(body, _GIVEN_RE.pattern)  # and no other use of a version (`printf "%s-%s"`, `trimPrefix`)
        tagged = ".tag" in body or '"tag"' in body  # `.image.tag`, or the key of a dict merged with the image's
        if tagged and len(given) == 1 and len(_GIVEN_RE.findall(body)) == len(re.findall(_DEFAULT, body)):
            found[name] = next(iter(given))
    for _ in range(4):  # templates that include those, a few levels deep
        more: dict[str, tuple[str, str]] = {}
        for name, body in named.items():
            inner = {found[other] for other in found if f'"{other}"' in body}
            if name not in found and len(inner) == 1:
                more[name] = next(iter(inner))
        if not more:
            break
        found.update(more)
    return found


@functools.lru_cache(maxsize=8)
def _defaulting_bodies(templates: str) -> tuple[tuple[str, tuple[str, str]], ...]:
    """(text, what an empty tag becomes) of each named template that defaults one, and of each line that includes
    one (`image: {{ include "x.image" (dict "imageRoot" .Values.image "chart" .Chart) }}`), read once per chart."""
    named = _named_templates(templates)
    defaulting = _defaulting_templates(named)
    calls = [
        (line, defaulting[match.group(1)])
        for line in templates.splitlines()
        if "include" in line
        for match in _INCLUDE_RE.finditer(line)
        if match.group(1) in defaulting
    ]
    calls += [
        (line, version)
        for line in templates.splitlines()
        if ("include" in line or "template" in line) and (_PASSED_RE.search(line) or _TUPLE_RE.search(line))
        for match in _INCLUDE_RE.finditer(line)
        if match.group(1) in named and match.group(1) not in defaulting
        for version in [_passed_default(named[match.group(1)], line)]
        if version is not None
    ]
    return tuple((named[name], version) for name, version in defaulting.items()) + tuple(calls)


def _passed_default(body: str, line: str) -> tuple[str, str] | None:
    """What a named template gives an empty tag when `line` passes it a chart version under a key of its own
    (`include "x.image" (dict "chartAppVersion" .Chart.AppVersion "image" .Values.image)`, the template saying
    `.image.tag | default .chartAppVersion`), or in a tuple (`template "image" (tuple .Values.image
    $.Chart.AppVersion)`, the template saying `$defaultTag := index . 1` and `default $defaultTag .tag`): the key or
    the position read as that version; None when the template does not give it as it is."""
    for key, field in _PASSED_RE.findall(line):
        body = re.sub(rf"(?<![\w.])\.{re.escape(key)}\b(?![\w.])", f".Chart.{field}", body)
    for call in _TUPLE_RE.finditer(line):
        for position, word in enumerate(call.group(1).split()):
            if (version := _VERSION_WORD_RE.fullmatch(word)) is not None:
                at = rf"\(\s*index\s+\.\s+{position}\s*\)|\bindex\s+\.\s+{position}(?!\w)"
                body = re.sub(at, f".Chart.{version.group(1)}", body)
    return _defaulting_templates({"": body}).get("")


def values_tag_path(path: tuple[str, ...], templates: str) -> tuple[str, ...] | None:
    """The values path of another image's tag the templates give the empty tag of the image at `path`:
    `(.Values.taskRunners.image.tag | default .Values.image.tag)` (helmforge's n8n runners, the main image's tag),
    `default .Values.image.tag .Values.x.image.tag`; None when none does, or two differ."""
    dotted = re.escape(".".join(path))
    tag = rf"(?:\$\w*)?\.Values\.{dotted}\.tag\b"
    other = r"(?:\$\w*)?\.Values\.(?P<other>[\w.]+?)\.tag\b"
    paths = {
        match.group("other")
        for pattern in (rf"{tag}\s*\|\s*default\s+{other}{_AS_IS}", rf"\bdefault\s+{other}\s+{tag}")
        for match in re.finditer(pattern, templates)
    }
    return (*next(iter(paths)).split("."), "tag") if len(paths) == 1 else None


def default_tag(path: tuple[str, ...], templates: str) -> tuple[str, str] | None:
    """What the chart's templates give the empty tag of the image at `path`, as (form, `AppVersion` or
    `Version`), or (a literal, "") for `default "latest" .Values.image.tag` and `.Values.image.tag | default
    "latest"`: `.Values.image.tag | default .Chart.Version` (the scaffold's words, with `.Chart.AppVersion`),
    `default (printf "v%s" .Chart.AppVersion) .Values.image.tag`, or a named template given the image's values
    (`include "x.image" (dict "imageRoot" .Values.image "chart" .Chart)`). None when none does, or two differ."""
    dotted = re.escape(".".join(path))
    # `.Values.x.tag`, `$.Values.x.tag`, `$global.Values.x.tag` (a variable holding the top context, in a `range`),
    # and `tpl .Values.x.tag .` (the tag rendered as a template in that context)
    tag = rf"(?:\$\w*)?\.Values\.{dotted}\.tag\b(?:\s+(?:\$\w*|\$?\.)(?=\s))?"
    versions: set[tuple[str, str]] = set()
    # the tag made a string (`(.Values.image.tag | toString)`, aws-ebs-csi-driver), or the image's values merged with
    # the version where a line passes them (`merge .Values.image (dict "tag" .Chart.AppVersion)`, as _MERGED reads)
    whole, given = rf"(?:\$\w*)?\.Values\.{dotted}(?![\w.])", rf"\(\s*dict\s+\"tag\"\s+{_DEFAULT}\s*\)"
    for direct in (
        rf"{tag}\s*\|\s*default\s+{_DEFAULT}{_AS_IS}",
        rf"\bdefault\s+{_DEFAULT}\s+(?:{tag}|\(\s*{tag}\s*\|\s*toString\s*\))",
        rf"\b(?:merge|mustMerge)\s+{whole}\s+{given}",
        rf"\b(?:mergeOverwrite|mustMergeOverwrite)\s+{given}\s+{whole}",
        rf"\bcoalesce\s+{tag}\s+{_DEFAULT}{_AS_IS}",
    ):
        versions |= _defaults(templates, direct)
    for literal in (rf"{tag}\s*\|\s*default\s+{_LITERAL}{_AS_IS}", rf"\bdefault\s+{_LITERAL}\s+{tag}"):
        versions |= {(match.group("literal"), "") for match in re.finditer(literal, templates)}
    # a line joining the repository to the chart's version itself, no tag read: telegraf-operator's `image:
    # "{{ .Values.image.repository }}:{{ .Chart.AppVersion }}"`
    joined = rf"(?:\$\w*)?\.Values\.{dotted}\.repository\s*-?\}}\}}:\{{\{{-?\s*{_DEFAULT}\s*-?\}}\}}"
    versions |= _defaults(templates, joined)
    # a helper printing `repository:tag` only when the tag is set, else the repository alone, which the registry serves
    # at `latest` (https://docs.docker.com/reference/cli/docker/image/pull/: without a tag, `latest`): helmforge's
    # mosquitto `{{- if .Values.mqttxWeb.image.tag -}} ... {{- else -}} {{- .Values.mqttxWeb.image.repository -}}`
    alone = (
        rf"\{{\{{-?\s*if\s+{tag}\s*-?\}}\}}[^{{}}]*(?:\{{\{{(?!-?\s*(?:if|end|else)\b)[^{{}}]*\}}\}}[^{{}}]*)*"
        rf"\{{\{{-?\s*else\s*-?\}}\}}\s*\{{\{{-?\s*(?:\$\w*)?\.Values\.{dotted}\.repository\s*-?\}}\}}\s*\{{\{{-?\s*end\b"
    )
    versions |= {("latest", "")} if re.search(alone, templates) else set()
    if not versions:
        called = re.compile(rf"\.Values\.{dotted}(?![\w.])")
        versions = {version for body, version in _defaulting_bodies(templates) if called.search(body)}
    return next(iter(versions)) if len(versions) == 1 else None
