"""Images a Go project hands its own Testcontainers helper package (pure).

A project often wraps Testcontainers in a package of its own (`testhelpers/redis`: `func Start(t testing.TB, img
string, ...)` calling `tcredis.Run(ctx, img)`) that its tests call with the image: `testredis.Start(t, img)` after
`img := valkeyImage` and `const valkeyImage = "public.ecr.aws/valkey/valkey:8"`. A helper package is a Go file that
imports Testcontainers and declares exported functions taking a `string` named for an image (`img`, `dbImage`) or
handed to Testcontainers in their body (a functional option `WithListener(listener string)` taking a `host:port` is
no helper); its import path is its module's path (the nearest `go.mod`) and its directory under it. In a file
importing that path, a call of one of those functions is read like a Testcontainers call: each argument that is a
literal image reference with a tag or digest, or a name the file binds to such literals (source_names.py), is an
image the test pulls. Other packages' calls are not read.
A helper configured by builder methods (`testenv.New().WithInferenceImage("x:1")`, with `func (s *Stack)
WithInferenceImage(image string) *Stack`) is read through its exported methods' string parameters named for an image
(`image`, `img`, `sidecarImage`, `imageRef`): in a file importing the package, a call `.NAME(` of such a method
hands the argument in that place; its other arguments (`WithSidecar("proxy", img)`: a name, a key) are not read,
as the receiver's type is not known where it is called. An unexported function of the package that hands one of its
`string` parameters to Testcontainers (`func mustRunContainer(tb testing.TB, img string, ...)` calling
`testcontainers.Run(ctx, img, ...)`; also `MODULE.Run(ctx, img)`, `Image: img`, `WithImage(img)`) is such a helper for
the package's own files, which call it unqualified; another unexported function (`mustDial(tb, addr string)`) is not.
A type of the package whose method hands the receiver's `Image` to Testcontainers (`func (c *Container) Start()` with
`Image: c.Image`) is a wrapper: the `Image:` of its composite literals (`testutil.Container{Image: "nginx:1.27"}`, and
`Container{...}` in the package's own files) is the image started (`image_structs`, `struct_images`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_commands import GO_STRING_RE
from ecr_mirror.choose.discovery.go_test_tables import block_end
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_expressions import expression_end
from ecr_mirror.choose.discovery.source_names import PART, SourceNames
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference, reference_or_none

_EXPORTED_RE = re.compile(r"^func\s+([A-Z]\w*)\s*(?:\[[^\]\n]*\])?\s*\(([^)]*)\)", re.MULTILINE)
_METHOD_RE = re.compile(r"^func\s*\([^)]*\)\s*([A-Z]\w*)\s*\(([^)]*)\)", re.MULTILINE)
_UNEXPORTED_RE = re.compile(r"^func\s+([a-z_]\w*)\s*(?:\[[^\]\n]*\])?\s*\(([^)]*)\)", re.MULTILINE)
_RECEIVER_RE = re.compile(r"^func\s*\(\s*(?P<receiver>[A-Za-z_]\w*)\s+\*?\s*(?P<type>[A-Z]\w*)\s*\)", re.MULTILINE)
_BODY_END_RE = re.compile(r"^}", re.MULTILINE)
# the `Image:` of a wrapper's composite literal: a literal, a name, or a join of those (`"repo:" + version`)
_STRUCT_IMAGE_RE = re.compile(r"(?<![\w.])Image:\s*(?P<given>" + PART + r"(?:[ \t]*\+[ \t]*" + PART + r")*)\s*[,}\n]")
_IMAGE_NAME_RE = re.compile(r"(?:image|img)(?:name|ref|reference)?$", re.IGNORECASE)
_MODULE_RE = re.compile(r"^module\s+\"?([^\s\"]+)", re.MULTILINE)
_IMPORT_BLOCK_RE = re.compile(r"^import\s*\(([^)]*)\)|^import\s+((?:[\w.]+\s+)?\"[^\"\n]+\")", re.MULTILINE)
_IMPORT_SPEC_RE = re.compile(r"^\s*(?:([\w.]+)\s+)?\"([^\"\n]+)\"", re.MULTILINE)
_VERSION_RE = re.compile(r"/v\d+$")
_STRING_RE = re.compile(r"\"([^\"\\\n]+)\"|`([^`\n]+)`")
_NAME_RE = re.compile(r"[A-Za-z_]\w*")


def module_path(go_mod: str) -> str | None:
    """The `module` path a `go.mod` declares."""
    match = _MODULE_RE.search(go_mod)
    return match.group(1) if match else None


def helper_functions(text: str) -> frozenset[str]:
    """The exported top-level functions of a Go file that take a `string` named for an image (`img`, `sidecarImage`)
    or hand one to Testcontainers (not methods: no receiver); a functional option taking a listener `host:port` or a
    proxy's upstream (`WithListener(listener string)`) is not one."""
    out: set[str] = set()
    for match in _EXPORTED_RE.finditer(text):
        strings = [given for _, given in _string_parameters(match.group(2))]
        end = _BODY_END_RE.search(text, match.end())
        body = text[match.end() : end.start() if end else len(text)]
        if any(_IMAGE_NAME_RE.search(given) or _hands_to_testcontainers(body, given) for given in strings):
            out.add(match.group(1))
    return frozenset(out)


def _hands_to_testcontainers(body: str, name: str) -> bool:
    """Whether `body` hands the parameter `name` to Testcontainers as the image it starts."""
    parameter = re.escape(name)
    return (
        re.search(rf"\.Run\(\s*[\w.]+(?:\((?:[^()\n]|\([^()\n]*\))*\))?\s*,\s*{parameter}\s*[,)]", body) is not None
        or re.search(rf"\b(?:Image:\s*|WithImage\(\s*){parameter}\b(?!\s*[.(\[])", body) is not None
    )


def image_structs(text: str) -> frozenset[str]:
    """The exported types of a Go file whose methods hand the receiver's `Image` to Testcontainers (telegraf's
    `func (c *Container) Start() error` with `Image: c.Image` in its `ContainerRequest`): a wrapper whose
    composite literals (`testutil.Container{Image: "nginx:stable-alpine"}`) name the image it starts."""
    out: set[str] = set()
    for match in _RECEIVER_RE.finditer(text):
        end = _BODY_END_RE.search(text, match.end())
        body = text[match.end() : end.start() if end else len(text)]
        if _hands_to_testcontainers(body, f"{match['receiver']}.Image"):
            out.add(match["type"])
    return frozenset(out)


def unexported_helpers(text: str) -> frozenset[str]:
    """The unexported top-level functions of a Go file that hand a `string` parameter to Testcontainers."""
    out: set[str] = set()
    for match in _UNEXPORTED_RE.finditer(text):
        end = _BODY_END_RE.search(text, match.end())
        body = text[match.end() : end.start() if end else len(text)]
        if any(_hands_to_testcontainers(body, given) for _, given in _string_parameters(match.group(2))):
            out.add(match.group(1))
    return frozenset(out)


def _string_parameters(parameters: str) -> list[tuple[int, str]]:
    """(place, name) of each `string` parameter of a Go parameter list (`name, sidecarImage string`: both; a list
    written one parameter a line ends with a comma)."""
    out: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []  # names whose type is written after them
    parts = parameters.split(",")
    for place, part in enumerate(parts[:-1] if len(parts) > 1 and not parts[-1].strip() else parts):
        words = part.split()
        if not words:
            return []
        pending.append((place, words[0]))
        if len(words) > 1:
            out += pending if " ".join(words[1:]) == "string" else []
            pending = []
    return out


def helper_methods(text: str) -> dict[str, frozenset[int]]:
    """The exported methods of a Go file with a `string` parameter named for an image, and the places of those
    parameters (`WithSidecar(name, sidecarImage string)`: 1)."""
    methods: dict[str, frozenset[int]] = {}
    for name, parameters in _METHOD_RE.findall(text):
        places = frozenset(place for place, given in _string_parameters(parameters) if _IMAGE_NAME_RE.search(given))
        if places:
            methods[name] = methods.get(name, frozenset()) | places
    return methods


def imports(text: str) -> dict[str, str]:
    """A Go file's imports: the name each goes by (its alias, else its path's last element) -> its path."""
    out: dict[str, str] = {}
    for block, single in _IMPORT_BLOCK_RE.findall(text):
        for alias, path in _IMPORT_SPEC_RE.findall(block or single):
            if alias in ("_", "."):
                continue
            out[alias or _VERSION_RE.sub("", path).rsplit("/", 1)[-1]] = path
    return out


def _arguments(text: str, start: int) -> list[tuple[int, str]]:
    """(offset, text) of each top-level argument of the call whose `(` ends just before `start`; none when the call
    does not close (or holds a string with escapes, which is not followed)."""
    out: list[tuple[int, str]] = []
    at = start
    while (end := expression_end(text, at, GO_STRING_RE, '"`', unread_ends=True)) < len(text):
        out.append((at, text[at:end]))
        if text[end] != ",":
            return out if text[end] == ")" else []
        at = end + 1
    return []


def _pinned_image(value: str) -> bool:
    """An image reference with a tag or digest (`redis:7`, `x@sha256:...`), not a bare word (`valkey-benchmark`)."""
    if ":" not in value and "@" not in value:
        return False
    try:
        parse_reference(value)
    except ReferenceError_:
        return False
    return True


def _handed(
    text: str, call_end: int, names: SourceNames, use: str, places: frozenset[int] | None = None
) -> set[tuple[int, str, str]]:
    """(offset, value, use) of the literal arguments of the call whose `(` ends at `call_end` (those in `places`
    only, when given), and of the literals the names passed there are bound to."""
    given: set[tuple[int, str, str]] = set()
    for place, (offset, argument) in enumerate(_arguments(text, call_end)):
        if places is not None and place not in places:
            continue
        stripped = argument.strip()
        if literal := _STRING_RE.fullmatch(stripped):
            value = literal.group(1) or literal.group(2)
            given.add((offset + argument.index(stripped) + 1, value, use))
        elif _NAME_RE.fullmatch(stripped):
            given |= {(start, value, use) for start, value in names.values(stripped)}
    return given


def helper_calls(
    text: str,
    origin: str,
    helpers: Mapping[str, frozenset[str]],
    own: str | None = None,
    methods: Mapping[str, Mapping[str, frozenset[int]]] | None = None,
) -> list[Found]:
    """The images `text` (a Go file) hands the helper packages `helpers` (import path -> its functions), in order;
    `own`: the helper package `text` belongs to (its own tests call its functions unqualified: `Start(t, img)`);
    `methods`: import path -> the methods taking an image and the places of their image parameters."""
    names = SourceNames.of(text)
    given: set[tuple[int, str, str]] = set()
    lines = LineIndex(text)
    packages = [(f"{re.escape(alias)}\\.", f"{alias}.", path) for alias, path in imports(text).items()]
    packages += [("", "", own)] if own else []
    for qualifier, shown, path in packages:
        functions = helpers.get(path)
        if not functions:
            continue
        call_re = re.compile(rf"(?<![\w.]){qualifier}({'|'.join(sorted(functions))})\(")
        for call in call_re.finditer(text):
            before = text[lines.line_start(call.start()) : call.start()].lstrip()
            if before.startswith("//") or re.search(r"\bfunc\s*(?:\([^)]*\)\s*)?$", before):
                continue  # a comment, or the function's own declaration
            given |= _handed(text, call.end(), names, f"testcontainers ({shown}{call.group(1)})")
    for path in {path for _, _, path in packages}:
        taking = (methods or {}).get(path)
        if not taking:
            continue
        method_re = re.compile(rf"\.\s*({'|'.join(sorted(taking))})\(")
        for call in method_re.finditer(text):
            if lines.led_by(call.start(), "//"):
                continue
            name = call.group(1)
            given |= _handed(text, call.end(), names, f"testcontainers ({name})", taking[name])
    return [
        Found(value, origin, lines.line(start), use=use, kind="Go source")
        for start, value, use in sorted(given)
        if _pinned_image(value)
    ]


def struct_images(text: str, origin: str, structs: Mapping[str, frozenset[str]], own: str | None = None) -> list[Found]:
    """The images `text` (a Go file) gives the wrapper types `structs` (import path -> types, image_structs) in
    their composite literals' `Image:` (`testutil.Container{Image: "nginx:stable-alpine"}`; unqualified in the files
    of `own`, the package declaring them), each a literal, a name the file binds to literals, or a join of those."""
    names, lines = SourceNames.of(text), LineIndex(text)
    given: set[tuple[int, str, str]] = set()
    packages = [(f"{re.escape(alias)}\\.", f"{alias}.", path) for alias, path in imports(text).items()]
    packages += [("", "", own)] if own else []
    for qualifier, shown, path in packages:
        if not (types := structs.get(path)):
            continue
        for literal in re.finditer(rf"(?<![\w.]){qualifier}({'|'.join(sorted(types))})\s*\{{", text):
            if lines.led_by(literal.start(), "//"):
                continue
            use = f"testcontainers ({shown}{literal.group(1)})"
            field = _STRUCT_IMAGE_RE.search(text, literal.end(), block_end(text, literal.end()))
            if field is None:
                continue
            if literal_value := _STRING_RE.fullmatch(field["given"]):
                value = literal_value.group(1) or literal_value.group(2)
                given.add((field.start("given") + 1, value, use))
            elif _NAME_RE.fullmatch(field["given"]):
                given |= {(start, value, use) for start, value in names.values(field["given"])}
            else:
                given |= {(start, value, use) for start, value in names.joined(field.start("given"), field["given"])}
    return [
        Found(value, origin, lines.line(start), use=use, kind="Go source")
        for start, value, use in sorted(given)
        if reference_or_none(value) is not None
    ]
