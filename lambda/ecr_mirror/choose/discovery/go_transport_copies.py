"""Images a Go package copies from a registry through its own function that names a `docker://` source (pure).

The `docker://` transport of containers/image names "an image in a registry implementing the Docker Registry HTTP
API V2" (https://github.com/containers/image/blob/main/docs/containers-transports.5.md); skopeo, podman and buildah
take it, and a test suite that scans or unpacks images often copies its fixtures from the registry so (`skopeo copy
docker://docker.io/<image> docker-archive:<path>`). A transport function is a top-level function (not a method) of
a Go package that formats one of its `string` parameters as the end of such a reference: `fmt.Sprintf(
"docker://docker.io/%s", imageName)`, the image being what is written before the verb and the value. A function
of the package that hands one of its own `string` parameters, in that place, to a transport function (a caching
helper calling it on a miss) is one too, to three levels.

A call of one of them, unqualified, in a file of the same package (its directory) hands it the argument in that
place: a literal, a constant of the file, the literal the file last binds to the name before the call
(go_command_wrappers.bound_value), or the `image` field of a table's rows (`CachedArchive(t, tc.image)` in a loop
`for _, tc := range cases`: each `image: "..."` literal of the file, at its line, as go_test_tables.py reads rows).
Another argument (a call, an environment variable) is known only when the tests run and adds nothing. A format given
to a `ContainerID` field or key is no source: it is a container's ID as the kubelet reports it, "in the format
'<type>://<container_id>'" (https://pkg.go.dev/k8s.io/api/core/v1#ContainerStatus), a unit test's pod status
(volcano's `ContainerID: fmt.Sprintf("docker://%s", containerID2)`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_command_wrappers import bound_value, calls_of, string_parameters
from ecr_mirror.choose.discovery.go_commands import GO_STRING_RE
from ecr_mirror.choose.discovery.go_test_tables import field_values, loops_over_rows
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_expressions import expression_end
from ecr_mirror.choose.discovery.source_names import SourceNames

MARK = b'"docker://'
USE = "skopeo/containers-image docker:// copy"
_FUNC_RE = re.compile(r"^func[ \t]+(?P<name>[A-Za-z_]\w*)[ \t]*\((?P<params>[^)]*)\)", re.MULTILINE)
_BODY_END_RE = re.compile(r"^}", re.MULTILINE)
_FORMAT_RE = re.compile(r'fmt\.Sprintf\(\s*"docker://(?P<prefix>[^"%\\\s]*)%[sv]"\s*,\s*(?P<name>[A-Za-z_]\w*)\s*\)')
_CONTAINER_ID_RE = re.compile(r"container_?id\"?[ \t]*[:=][ \t]*$", re.IGNORECASE)  # `ContainerID: `, `"containerID": `
_FIELD_RE = re.compile(r"\s*(?P<row>[A-Za-z_]\w*)\.(?P<field>[A-Za-z_]\w*)\s*")  # `tc.image`
_DEPTH = 3

Copier = tuple[int, str]  # (place of the parameter among the arguments, what the image is written after)


def _functions(text: str) -> list[tuple[re.Match[str], str]]:
    """Each top-level function of `text` with its body."""
    out: list[tuple[re.Match[str], str]] = []
    for function in _FUNC_RE.finditer(text):
        end = _BODY_END_RE.search(text, function.end())
        out.append((function, text[function.end() : end.start() if end else len(text)]))
    return out


def transport_functions(text: str) -> dict[str, Copier]:
    """The top-level functions of a Go source that format one of their `string` parameters as a `docker://`
    reference."""
    found: dict[str, Copier] = {}
    for function, body in _functions(text):
        formats = {
            match["name"]: match["prefix"]
            for match in _FORMAT_RE.finditer(body)
            if not _CONTAINER_ID_RE.search(body, body.rfind("\n", 0, match.start()) + 1, match.start())
        }
        for place, name in string_parameters(function["params"]):
            if name in formats:
                found.setdefault(function["name"], (place, formats[name]))
    return found


def forwarding_functions(text: str, known: Mapping[str, Copier]) -> dict[str, Copier]:
    """The top-level functions of a Go source that hand one of their `string` parameters to a `known` function in
    the place it copies from (not those already known)."""
    found: dict[str, Copier] = {}
    lines = LineIndex(text)
    for function, body in _functions(text):
        if function["name"] in known:
            continue
        parameters = dict((name, place) for place, name in string_parameters(function["params"]))
        for callee, _, arguments in calls_of(body, known, lines):
            place, prefix = known[callee]
            given = arguments[place] if place < len(arguments) else None
            if given is not None and given.startswith("${") and given[2:-1] in parameters:
                found.setdefault(function["name"], (parameters[given[2:-1]], prefix))
    return found


def package_copiers(texts: list[str]) -> dict[str, Copier]:
    """The transport functions of a package's sources, with those handing them their parameters."""
    known: dict[str, Copier] = {}
    for text in texts:
        known.update(transport_functions(text))
    for _ in range(_DEPTH if known else 0):
        more = {name: copier for text in texts for name, copier in forwarding_functions(text, known).items()}
        if not more:
            break
        known.update(more)
    return known


def _written(text: str, at: int, place: int) -> str:
    """The argument in `place` of the call starting at `at`, as written."""
    start = text.index("(", at) + 1
    for _ in range(place):
        start = expression_end(text, start, GO_STRING_RE, "\"`'") + 1
    return text[start : expression_end(text, start, GO_STRING_RE, "\"`'")]


def _values(text: str, argument: str, names: SourceNames, at: int, written: str) -> list[tuple[int | None, str]]:
    """(offset of the literal, or None for the call's own, value) of what an argument gives."""
    row = _FIELD_RE.fullmatch(written)
    if row is not None:
        return list(field_values(text, row["field"])) if loops_over_rows(text, row["row"]) else []
    if argument.startswith("${"):
        bound = [(offset, value) for offset, value in names.values(argument[2:-1]) if offset < at]
        return [max(bound)] if bound else []
    value = bound_value(argument, names, at)
    return [(None, value)] if value is not None else []


def transport_copies(text: str, origin: str, copiers: Mapping[str, Copier]) -> list[Found]:
    """The images the calls of a package's transport functions in one of its files copy, in the order of lines."""
    if not copiers:
        return []
    names, lines = SourceNames.of(text), LineIndex(text)
    found: list[Found] = []
    for function, at, arguments in calls_of(text, copiers, lines):
        place, prefix = copiers[function]
        argument = arguments[place] if place < len(arguments) else None
        if argument is None:
            continue
        for offset, value in _values(text, argument, names, at, _written(text, at, place)):
            line = lines.line(at if offset is None else offset)
            item = Found(prefix + value, origin, line, use=USE, kind="Go source")
            found += [item] if item not in found else []
    return sorted(found, key=lambda item: item.line or 0)
