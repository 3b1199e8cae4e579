"""Kubernetes objects a Go end-to-end suite writes as YAML in raw strings and applies (pure).

Suites in the style of KEDA's keep the objects a test creates as text/template manifests in backquoted strings
(`deploymentTemplate = \\`apiVersion: apps/v1 ... image: registry.k8s.io/e2e-test-images/agnhost:2.45\\``) that a
helper renders and hands `kubectl apply`; the cluster pulls their images when the suite runs. Read, in a file
go_e2e_images.py takes for a suite: each raw string written as a value (after `=`, `(`, `,`, `:`, `{` or `return`)
that holds a Kubernetes object (a `kind:` line and an `apiVersion:` line, quoted or not), and each of its `image:`
lines whose value is a literal image reference, at that line. A value with a template action (`image:
{{.Image}}`) is filled in by the test when it runs: not read, unless the same file gives each field it names one
value in its composite literals, a string or a constant of the file (`image: apachepulsar/pulsar:{{.Version}}` with
`Version: pulsarVersion` and `pulsarVersion = "2.10.2"`: KEDA's data structs). A raw string joined with a name and
another raw string on one line (`` image: ` + ubuntuImage + ` ``, Go's `+` on strings, tetragon's policyfilter
suite) is read with the name's value when the file binds it to one literal (a constant, source_names.py); a name with
no literal or several (a function's parameter) leaves the manifest's `image:` empty, not read. An object without
its `kind:` and `apiVersion:` lines is read when the raw string (or a name bound to it) is handed, as written or
through `fmt.Sprintf`, to a helper that writes them: Tekton's `test/parse` (`parse.MustParseV1TaskRun(t, ...)`,
`MustParseV1beta1Task`, ...), which tektoncd/pipeline's e2e suites use for every Task they run
(`image: docker.io/alpine/curl` in `test/git_credentials_test.go`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames
from ecr_mirror.oci.reference import reference_or_none

_RAW_RE = re.compile(r"(?:[=(,:{]|\breturn)[ \t]*`(?P<body>[^`]*)`")
_OBJECT_RE = re.compile(r"^[ \t]*kind:[ \t]*[\"']?\w", re.MULTILINE)  # `kind: Deployment`, `kind: "Deployment"`
_API_RE = re.compile(r"^[ \t]*apiVersion:[ \t]*\S", re.MULTILINE)
_IMAGE_RE = re.compile(
    r"^[ \t]*(?:-[ \t]+)?image:[ \t]*(?P<quote>[\"']?)(?P<value>[^\s\"'#]+)(?P=quote)[ \t]*(?:#.*)?$", re.MULTILINE
)


# a helper that prepends the object's header to the YAML it is given: Tekton's `test/parse`
# (`parse.MustParseV1TaskRun(t, yaml)` writes `apiVersion: tekton.dev/v1` and `kind: TaskRun` before it,
# https://github.com/tektoncd/pipeline/blob/main/test/parse/yaml.go), the YAML written or `fmt.Sprintf`'d in place
_HELPER = (
    r"\bMustParseV1(?:alpha1|beta1)?(?:Task|TaskRun|Pipeline|PipelineRun|StepAction|CustomRun|ClusterTask)"
    r"\([ \t]*\w+[ \t]*,\s*(?:fmt\.Sprintf\(\s*)?"
)
_HEADER_HELPER_RE = re.compile(_HELPER + r"\Z")
# or a name bound to the raw string (`v1beta1TaskYaml = \`...\``) handed to one, `fmt.Sprintf(v1beta1TaskYaml, ...)`
_HELPER_NAME_RE = re.compile(_HELPER + r"(?P<name>[A-Za-z_]\w*)\b(?![(.])")
_BOUND_RE = re.compile(r"\b(?P<name>[A-Za-z_]\w*)[ \t]*:?=[ \t]*\Z")
_JOINED_RE = re.compile(r"`[ \t]*\+[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*\+[ \t]*`")
_ACTION_RE = re.compile(r"\{\{\s*\.([A-Z]\w*)\s*\}\}")


def _field_value(text: str, field: str) -> str | None:
    """The one value the composite literals of `text` give `field` (`Field: "v"`, `Field: someConstant` with
    `someConstant = "v"` in the file); None when there is none, or several, or one that is not known."""
    values: set[str] = set()
    for match in re.finditer(rf"\b{field}:[ \t]*(?:\"([^\"\\\n]*)\"|([A-Za-z_]\w*))[ \t]*[,}}\n]", text):
        if (value := match.group(1)) is None:
            written = re.findall(
                rf"^[ \t]*(?:const[ \t]+)?{match.group(2)}[ \t]*(?:string[ \t]*)?=[ \t]*\"([^\"\\\n]*)\"", text, re.M
            )
            value = written[0] if len(written) == 1 else None
        if not value:
            return None
        values.add(value)
    return values.pop() if len(values) == 1 else None


def _filled(value: str, text: str) -> str:
    """`value` with each `{{.Field}}` the file gives one value replaced by it (others left as written)."""
    return _ACTION_RE.sub(lambda m: _field_value(text, m.group(1)) or m.group(0), value)


def _joined(text: str) -> str:
    """`text` with each `` ` + NAME + ` `` written on one line replaced by the one literal the file binds NAME to
    (its lines kept), so the raw strings it joins read as one."""
    if _JOINED_RE.search(text) is None:
        return text
    names = SourceNames.of(text)

    def value(match: re.Match[str]) -> str:
        values = {value for _, value in names.values(match["name"])}
        one = values.pop() if len(values) == 1 else None
        return one if one is not None and not any(char in one for char in "`\n") else match.group(0)

    return _JOINED_RE.sub(value, text)


def raw_manifest_images(text: str, origin: str) -> list[Found]:
    """The literal `image:` values of the Kubernetes objects the raw strings of a Go suite file hold, in order."""
    found: list[Found] = []
    text = _joined(text)
    lines = LineIndex(text)
    headed_names = {match["name"] for match in _HELPER_NAME_RE.finditer(text)} if "MustParse" in text else set()
    for raw in _RAW_RE.finditer(text):
        given_header = _HEADER_HELPER_RE.search(text, max(0, raw.start("body") - 120), raw.start("body") - 1)
        bound = _BOUND_RE.search(text, max(0, raw.start("body") - 120), raw.start("body") - 1)
        headed = given_header is not None or (bound is not None and bound["name"] in headed_names)
        for offset, written in object_image_values(raw["body"], headed=headed):
            value = _filled(written, text) if "{{" in written else written
            if "{{" in value or "}}" in value or reference_or_none(value) is None:
                continue
            line = lines.line(raw.start("body") + offset)
            found.append(Found(value, origin, line, None, "image (e2e test manifest)", "Go source"))
    return found


def object_image_values(body: str, *, headed: bool = False) -> list[tuple[int, str]]:
    """The `image:` values (offset in `body`, value as written) of a text holding a Kubernetes object (a `kind:`
    line and an `apiVersion:` line, or `headed`: the helper it is given writes them); none when it holds no object.
    Shared with python_string_manifests.py."""
    if not headed and (_OBJECT_RE.search(body) is None or _API_RE.search(body) is None):
        return []
    return [(image.start("value"), image["value"]) for image in _IMAGE_RE.finditer(body)]
