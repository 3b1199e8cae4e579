"""The Testcontainers calls of a source given a name no reader of the file resolves (pure; testcontainers.py reads
the images).

A container class's constructor (`new PostgreSQLContainer<>(image)`, Python `PostgresContainer(image=IMAGE)`, a
JavaScript `new GenericContainer(image)`), `DockerImageName.parse(NAME)`, Go's `testcontainers.WithImage(name)`,
`Image: cfg.Image` and `MODULE.Run(ctx, name)`, and a .NET builder's constructor or `.WithImage(name)`, given a name
(a method's parameter, a constant of another file or module: `Images.POSTGRES`, an imported `POSTGRES_IMAGE`, a
field of another object: `cfg.Image`) that the file binds to no literal: the image is known only when the tests run,
or through another file. Such a call is reported unresolved at its line, naming the name, rather than dropped. Not
reported: a name the file binds at a line where an image is read (`IMAGE = DockerImageName.parse("redis:7")`), a
call at a line where an image is read already, the names that stand for no value (`null`, `None`, `nil`,
`undefined`), and a constructor's own parameter handed on to `super(...)` (the subclass's callers give the image,
read where they call it). A reader of the tree that finds the value in another file (cli/discover_jvm_classes.py
inlines another class's constant) lists the image at the same line, and the unresolved line is dropped then
(cli/discover_sources.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import SourceNames

UNRESOLVED_NAME = (
    "is a name this file binds to no literal (a constant of another file or module, an environment variable): known"
    " only when the tests run"
)
# a name, possibly qualified (`Images.POSTGRES`, `cfg.Image`, `self.image`), possibly a call without arguments
_NAME = r"(?P<name>[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*(?:\(\s*\))?)"
_CONTEXT = r"[\w.]+(?:\((?:[^()\n]|\([^()\n]*\))*\))?"  # Go's context argument (testcontainers.py's _GO_CONTEXT)
_GO_HEADS = (
    re.compile(r"\bWithImage\(\s*" + _NAME + r"\s*\)"),
    re.compile(r"\bImage:\s*" + _NAME + r"\s*[,}\n]"),
)
_GO_RUN_RE = re.compile(r"\b(?P<runner>\w+)\.Run\(\s*" + _CONTEXT + r"\s*,\s*" + _NAME + r"\s*[,)]")
_HEADS = (
    re.compile(
        r"\b(?:[A-Z]\w*Container|JibImage)\s*(?:<[^<>()\n]*>)?\s*\(\s*(?:image\s*=\s*)?(?:new\s+)?" + _NAME + r"\s*[,)]"
    ),
    re.compile(r"\bDockerImageName\s*\.\s*parse\(\s*" + _NAME + r"\s*\)"),
)
_PYTHON_KEYWORD_RE = re.compile(
    r"\b[A-Z]\w*Container\s*\((?:[^()]|\([^()]*\))*?(?<![\w.])image\s*=\s*" + _NAME + r"\s*[,)]"
)
_CSHARP_HEADS = (
    re.compile(
        r"\bnew\s+(?!\w*StringBuilder\b|UriBuilder\b)[A-Z]\w*Builder\s*\(\s*(?:image\s*:\s*)?" + _NAME + r"\s*\)"
    ),
    re.compile(r"\.WithImage\(\s*" + _NAME + r"\s*\)"),
)
_DECLARED_RE = re.compile(r"\b(?:class|object|interface|fun|def|func|function)\s+\Z")
_HANDED_ON_RE = re.compile(r"\b(?:super|this)\(\s*(?:new\s+)?\Z")
_USE = "testcontainers"
# a Go import (`"github.com/acme/shop/internal/testimages"`, aliased `ti "..."`): its package's name qualifies constants
_GO_IMPORT_RE = re.compile(
    r"""^[ \t]*(?:import[ \t]+)?(?:(?P<alias>\w+)[ \t]+)?"(?:[^"\n]*/)?(?P<last>[A-Za-z_]\w*)"[ \t]*$""", re.M
)
_NO_VALUE = frozenset({"null", "None", "nil", "undefined", "true", "false", "True", "False"})
_COMMENTS = ("//", "#", "*", "/*")


def _calls(text: str, language: str, runners: set[str]) -> Iterable[re.Match[str]]:
    if language == "Go":
        yield from (m for pattern in _GO_HEADS for m in pattern.finditer(text))
        yield from (m for m in _GO_RUN_RE.finditer(text) if m["runner"] in runners)
    elif language == "C#":
        yield from (m for pattern in _CSHARP_HEADS for m in pattern.finditer(text))
    elif language in ("Java", "Kotlin", "Groovy", "Python", "JavaScript", "TypeScript"):
        yield from (m for pattern in _HEADS for m in pattern.finditer(text))
        yield from _PYTHON_KEYWORD_RE.finditer(text) if language == "Python" else ()


def _bound_where_read(text: str, name: str, lines: LineIndex, read: set[int]) -> bool:
    """Whether the file binds `name` (`name = ...`, `name := ...`, `val name = ...`) at a line where an image is read,
    or hands it to `super(...)` (a subclass's parameter, given by the subclass's callers)."""
    simple = re.escape(name.rsplit(".", 1)[-1])
    if re.search(r"\b(?:super|this)\(\s*" + simple + r"\s*[,)]", text):
        return True
    binding = re.compile(r"(?<![\w.])" + simple + r"\s*(?::[^=\n]*)?:?=(?!=)")
    return any(read & {lines.line(m.start()) + step for step in range(3)} for m in binding.finditer(text))


def unresolved_calls(
    text: str, language: str, names: SourceNames, runners: set[str], read: set[int]
) -> list[tuple[int, str]]:
    """(offset, name as written) of the calls of `text` given a name nothing resolves; `read` holds the lines an
    image of the file is read at."""
    lines = LineIndex(text)
    packages = {m["alias"] or m["last"] for m in _GO_IMPORT_RE.finditer(text)} if language == "Go" else set()
    out: list[tuple[int, str]] = []
    bound: dict[str, bool] = {}  # each name's bindings looked up once, however many calls are given it
    for match in _calls(text, language, runners):
        if _DECLARED_RE.search(text, max(0, match.start() - 80), match.start()):  # `class MyContainer(Base):`
            continue
        written = re.sub(r"\s", "", match["name"])
        plain = re.sub(r"^(?:self|this)\.", "", written)
        if written in _NO_VALUE or lines.line(match.start()) in read or lines.led_by(match.start(), _COMMENTS):
            continue
        if _HANDED_ON_RE.search(text, max(0, match.start() - 80), match.start()):  # `super(DockerImageName.parse(x))`
            continue
        if not _constant(plain, packages) or ("." not in plain and names.values(plain)):
            continue
        if plain not in bound:
            bound[plain] = _bound_where_read(text, plain, lines, read)
        if bound[plain]:
            continue
        out.append((match.start("name"), written))
    return out


def unresolved_found(calls: list[tuple[int, str]], text: str, origin: str, language: str) -> list[Found]:
    """The Found of each unresolved call: its name as written, at its line."""
    lines = LineIndex(text)
    return [
        Found(name, origin, lines.line(at), f"`{name}` {UNRESOLVED_NAME}", use=_USE, kind=f"{language} source")
        for at, name in calls
    ]


def _constant(name: str, packages: set[str]) -> bool:
    """Whether `name` reads as a constant (`POSTGRES_IMAGE`, `Images.POSTGRES`, Go's `testimages.Postgres` of an
    imported package, one of `packages`), not a parameter or another object's field (`image`, `this.image`,
    `cfg.Image`, `spec.image()`)."""
    *qualifier, last = name.split(".")
    if "(" in last or not last[:1].isupper():
        return False
    if not qualifier:
        return last.isupper() or "_" in last
    return qualifier[0][:1].isupper() or qualifier[0] in packages or qualifier[0] == "process"


def without_followed(found: list[Found], line_text: Callable[[str, int], str]) -> list[Found]:
    """`found` without the unresolved calls at a line where a reader of the tree lists an image (another class's
    constant inlined there), nor those whose name a line listing an image names (`export const POSTGRES_IMAGE =
    images.postgres`, read from the JSON file it loads, in the module the call imports it from): a reader followed
    it, and the image is listed. `line_text(origin, line)` is that line of a file."""
    listed = [(item.origin, item.line) for item in found if item.problem is None and item.use.startswith(_USE)]
    lines = set(listed)
    unresolved = [
        item for item in found if UNRESOLVED_NAME in (item.problem or "") and (item.origin, item.line) not in lines
    ]
    simple = {item.text.rsplit(".", 1)[-1] for item in unresolved}
    named: set[str] = set()
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(simple))) + r")\b") if simple else None
    for origin, line in dict.fromkeys(listed) if pattern is not None else ():
        named.update(pattern.findall(line_text(origin, line or 0)))  # type: ignore[union-attr]
    dropped = {id(item) for item in unresolved if item.text.rsplit(".", 1)[-1] in named}
    return [
        item
        for item in found
        if UNRESOLVED_NAME not in (item.problem or "")
        or ((item.origin, item.line) not in lines and id(item) not in dropped)
    ]
