"""The values an `impl Image`'s `name()`/`tag()` return through a field of its own type (pure).

A module of Testcontainers for Rust often keeps its name or tag in a field (https://docs.rs/testcontainers/latest/
testcontainers/core/trait.Image.html: `fn tag(&self) -> &str { &self.tag }`), given by its constructors and builder
methods in the same file: `Self { tag: TAG.to_string(), .. }` in `Default`, `Self { tag: Some("latest".to_string())
}` in a `latest()` constructor read through `self.tag.as_deref().unwrap_or(TAG)`, `self.image_name =
KAFKA_IMAGE_NAME.to_string()` in `with_jvm_image()`. Read here: each struct literal (`Self { .. }`, `TYPE { .. }`) and
each `self.FIELD = VALUE;` of the file is a record of the values it gives its fields, a value a literal or a name
bound to one (rust_sources.py), through `Some(..)`, `Cow::Borrowed(..)`, `Cow::Owned(..)`, `Cow::from(..)` and the
conversions `unwrapped` drops. A name and a tag both kept in fields pair as each record sets them (Selenium's
`new_firefox()` and `new_chrome()`, not a Firefox name with a Chrome tag); a value known only when the program runs
(a parameter, `Self { tag, ..self }`) adds nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.rust_sources import RustNames, call_arguments, unwrapped

_LITERAL_RE = re.compile(r"\b(?:Self|[A-Z]\w*)\s*\{")
_PART_RE = re.compile(r"(?P<field>[a-z_]\w*)\s*:(?!:)\s*(?P<value>.*)", re.DOTALL)
_ASSIGN_RE = re.compile(r"\bself\s*\.\s*(?P<field>[a-z_]\w*)\s*=(?!=)\s*(?P<value>[^;{}]+);")
_WRAPPED_RE = re.compile(r"(?:Some|Cow\s*::\s*(?:Borrowed|Owned|from))\s*\((?P<inner>.*)\)", re.DOTALL)
# `&self.tag`, `self.tag.as_str()`, `self.tag.as_ref()`, `self.tag.as_deref().unwrap_or(TAG)`
_ACCESS_RE = re.compile(
    r"&?\s*\*?\s*self\s*\.\s*(?P<field>[a-z_]\w*)\s*(?:\.\s*(?:as_str|as_ref|borrow)\s*\(\s*\))?"
    r"(?:\s*\.\s*as_deref\s*\(\s*\)\s*\.\s*unwrap_or\s*\((?P<fallback>[^()]*)\))?",
    re.DOTALL,
)

Record = dict[str, list[tuple[int, str]]]


@dataclass(frozen=True)
class Side:
    """What `name()` or `tag()` returns: a field (with the value it falls back to) or fixed values."""

    field: str | None
    fixed: list[str]


def _value(names: RustNames, text: str, at: int) -> list[tuple[int, str]]:
    expression = text.strip()
    while True:
        expression = unwrapped(expression)
        if (wrapped := _WRAPPED_RE.fullmatch(expression)) is None:
            return names.values(expression, at)
        expression = wrapped["inner"]


def field_records(code: str, names: RustNames) -> list[Record]:
    """The values each struct literal and each `self.FIELD = VALUE;` of `code` gives its fields (known ones only)."""
    records: list[Record] = []
    for match in _LITERAL_RE.finditer(code):
        record: Record = {}
        for at, part in call_arguments(code, match.end())[0]:
            given = _PART_RE.fullmatch(part.strip())
            if given is not None and (values := _value(names, given["value"], at)):
                record.setdefault(given["field"], []).extend(values)
        if record:
            records.append(record)
    for match in _ASSIGN_RE.finditer(code):
        if values := _value(names, match["value"], match.start("value")):
            records.append({match["field"]: values})
    return records


def side(body: str, at: int, names: RustNames) -> Side:
    """What a `name()`/`tag()` body returns: a field of `self` (and its `unwrap_or` fallback), else its values."""
    if (access := _ACCESS_RE.fullmatch(body.strip())) is not None:
        fallback = access["fallback"]
        return Side(access["field"], [value for _, value in names.values(fallback, at)] if fallback else [])
    return Side(None, [value for _, value in names.values(body, at)])


def pairs(name: Side, tag: Side, records: list[Record]) -> list[tuple[str, str]]:
    """Each (name, tag) the impl returns, pairing two fields as each record sets them."""

    def every(one: Side) -> list[str]:
        given = [value for record in records for _, value in record.get(one.field, [])] if one.field else []
        return one.fixed + given

    found: list[tuple[str, str]] = []
    if name.field and tag.field and name.field != tag.field:
        for record in records:
            names = [value for _, value in record.get(name.field, [])] or (every(name) if tag.field in record else [])
            tags = [value for _, value in record.get(tag.field, [])] or (every(tag) if name.field in record else [])
            found += itertools.product(names, tags)
        found += itertools.product(name.fixed, tag.fixed)
    else:
        found += itertools.product(every(name), every(tag))
    return [pair for index, pair in enumerate(found) if pair[0] and pair[1] and pair not in found[:index]]
