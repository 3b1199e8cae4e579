"""A Rust project's own container type that pulls with bollard, and the images its callers give it (pure).

vector's `src/docker.rs` defines `Container::new(image, tag)`, storing both in fields, and `run()` pulls
`pull_image(&docker, self.image, self.tag)`, a function of the file handing them to bollard's
`CreateImageOptionsBuilder::new().from_image(image).tag(tag)` (https://docs.rs/bollard); a test of another file
writes `Container::new(FLUENT_BIT_IMAGE, FLUENT_BIT_TAG)`, and the run pulls `fluent/fluent-bit:1.7`. Read:

- in a file that uses bollard, a function whose two parameters reach `.from_image(P)` and the same chain's `.tag(Q)`
  (a puller), and a type whose `new` stores two parameters in fields (`Self { image, tag, .. }`, or `image: image`)
  that one of its methods hands to a puller in those places, or to `.from_image(self.F)` / `.tag(self.G)` itself: the
  type's `new` then takes the image and the tag in those places;
- a call `TYPE::new(IMAGE, TAG)` (not `other::TYPE::new`) in a source that imports the type from its module
  (`docker::Container`, cli/discover_rust.py), each argument a literal or a name the file binds to one: `IMAGE:TAG`,
  at the call's line, `use` `TYPE::new (pulls with bollard)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.rust_sources import RustNames, call_arguments, chained, unwrapped, without_comments
from ecr_mirror.oci.reference import reference_or_none

_FN_RE = re.compile(r"\bfn\s+(?P<name>[A-Za-z_]\w*)\s*(?:<[^(){}]*>)?\s*\(")
_IMPL_RE = re.compile(r"\bimpl\b(?:\s*<[^{};]*?>)?\s+(?P<type>[A-Z]\w*)\b[^{};]*\{")
_FROM_RE = re.compile(r"\.\s*from_image\s*\(")
_SELF_FIELD_RE = re.compile(r"self\s*\.\s*(?P<field>[a-z_]\w*)")


@dataclass(frozen=True)
class _Function:
    name: str
    parameters: tuple[str, ...]  # names, `self` left out
    body: str


def _parameter(text: str) -> str:
    name = text.split(":", 1)[0].strip()
    return name.removeprefix("mut ").strip()


def _functions(code: str, start: int = 0, end: int | None = None) -> list[_Function]:
    """The functions defined in `code[start:end]` with their parameters and bodies."""
    out: list[_Function] = []
    for match in _FN_RE.finditer(code, start, len(code) if end is None else end):
        arguments, after = call_arguments(code, match.end())
        brace = code.find("{", after)
        if brace < 0 or ";" in code[after:brace]:
            continue  # a declaration without a body
        _, close = call_arguments(code, brace + 1)
        names = tuple(_parameter(text) for _, text in arguments)
        out.append(
            _Function(
                match["name"], tuple(n for n in names if n not in ("self", "&self", "&mut self")), code[brace:close]
            )
        )
    return out


def _pulled_with(body: str) -> list[tuple[str, str]]:
    """(image expression, tag expression) of each `.from_image(X)...tag(Y)` chain in `body`."""
    out: list[tuple[str, str]] = []
    for match in _FROM_RE.finditer(body):
        arguments, end = call_arguments(body, match.end())
        tag = chained(body, end, ("tag",)).get("tag")
        if len(arguments) == 1 and tag is not None:
            out.append((unwrapped(arguments[0][1]), unwrapped(tag[1])))
    return out


def _pullers(functions: list[_Function]) -> dict[str, tuple[int, int]]:
    """name -> (image parameter's place, tag parameter's place) of each function handing two parameters to bollard."""
    out: dict[str, tuple[int, int]] = {}
    for function in functions:
        for image, tag in _pulled_with(function.body):
            if image in function.parameters and tag in function.parameters:
                out[function.name] = (function.parameters.index(image), function.parameters.index(tag))
    return out


def _stored(function: _Function) -> dict[str, int]:
    """field -> place of the parameter a constructor stores in it (`Self { image, tag, .. }`, `image: image`)."""
    out: dict[str, int] = {}
    for place, name in enumerate(function.parameters):
        if re.search(r"(?<![\w.])" + name + r"\s*(?::\s*" + name + r"\b)?\s*[,}]", function.body):
            out[name] = place
        for field in re.finditer(r"(?<![\w.])(?P<field>[a-z_]\w*)\s*:\s*" + name + r"\b\s*[,}]", function.body):
            out[field["field"]] = place
    return out


def _self_fields(body: str, pullers: dict[str, tuple[int, int]]) -> list[tuple[str, str]]:
    """(image field, tag field) each `self.F` pair a method hands to a puller or to bollard itself."""
    pairs = list(_pulled_with(body))
    for name, (image_at, tag_at) in pullers.items():
        for call in re.finditer(r"(?<![\w.])" + name + r"\s*\(", body):
            arguments, _ = call_arguments(body, call.end())
            if len(arguments) > max(image_at, tag_at):
                pairs.append((unwrapped(arguments[image_at][1]), unwrapped(arguments[tag_at][1])))
    out: list[tuple[str, str]] = []
    for image, tag in pairs:
        image_field, tag_field = _SELF_FIELD_RE.fullmatch(image), _SELF_FIELD_RE.fullmatch(tag)
        if image_field is not None and tag_field is not None:
            out.append((image_field["field"], tag_field["field"]))
    return out


def pulling_types(text: str) -> dict[str, tuple[int, int]]:
    """type -> (image argument's place, tag argument's place) of `TYPE::new` for each type of a bollard source
    whose `new` stores an image and a tag that it pulls."""
    code = without_comments(text)
    pullers = _pullers(_functions(code))
    out: dict[str, tuple[int, int]] = {}
    for impl in _IMPL_RE.finditer(code):
        _, end = call_arguments(code, impl.end())
        methods = _functions(code, impl.end(), end)
        constructors = [function for function in methods if function.name == "new"]
        if not constructors:
            continue
        stored = _stored(constructors[0])
        for method in methods:
            for image, tag in _self_fields(method.body, pullers):
                if image in stored and tag in stored:
                    out[impl["type"]] = (stored[image], stored[tag])
    return out


def wrapper_calls(text: str, origin: str, types: dict[str, tuple[int, int]]) -> list[Found]:
    """The images the calls `TYPE::new(IMAGE, TAG)` of a source give the pulling `types`."""
    code = without_comments(text)
    names, lines = RustNames.of(code), LineIndex(code)
    found: list[Found] = []
    for kind, (image, tag) in types.items():
        for call in re.finditer(r"(?<![\w:])" + kind + r"\s*::\s*new\s*\(", code):
            arguments, _ = call_arguments(code, call.end())
            if len(arguments) <= max(image, tag):
                continue
            for _, name in names.values(arguments[image][1], arguments[image][0]):
                for _, version in names.values(arguments[tag][1], arguments[tag][0]):
                    reference = f"{name}:{version}"
                    if name and version and reference_or_none(reference) is not None:
                        line = lines.line(call.start())
                        found.append(
                            Found(reference, origin, line, use=f"{kind}::new (pulls with bollard)", kind="Rust source")
                        )
    return found
