"""The images Ruby tests start with Testcontainers for Ruby (pure).

Testcontainers for Ruby (https://github.com/testcontainers/testcontainers-ruby, its README's "Usage") creates a
container with `Testcontainers::DockerContainer.new("redis:6.2-alpine")` (or a module's class,
`Testcontainers::RedisContainer.new`, whose `initialize(image = REDIS_DEFAULT_IMAGE, **kwargs)` supplies the image),
and pulls the image when the container is started (`container.start`, or `use`, which starts it, yields it and stops
it). Read in a Ruby file that requires `testcontainers` (`require "testcontainers"`, `require "testcontainers/redis"`),
opens the library's namespace (`module Testcontainers`) or names a class in it (`Testcontainers::RedisContainer`):

- the default of the `image` parameter of `initialize` in a container class of the file (`class RedisContainer <
  ::Testcontainers::DockerContainer`, a parent named `...Container`): a literal, or a constant the file binds to one,
  listed at the literal's line as Python's container classes are (python_containers.py); a default chosen from a hash
  constant by a keyword parameter (`image ||= SELENIUM_IMAGES[capabilities]` with `capabilities: :firefox` and
  `SELENIUM_IMAGES = {firefox: "selenium/standalone-firefox:latest", ...}`): the value of the keyword's default, and
  (`selections`) the value of each symbol a started `CLASS.new(capabilities: :chrome)` of the tree passes;
- a container class's `.new` given an image first (a literal or a name the file binds to one) whose container the
  file starts: `.start` or `.use` chained on the call (over lines too: `.new("x")` / `.with_command(...)` / `.start`),
  or called on what the call is bound to, `@container = ...` or `config.redis = ...` anywhere in the file, a local
  `container = ...` within its block (the lines after it up to the first less indented one), RSpec's
  `let(:container) { ... }` / `let(:container) do` anywhere. A container only built to compare its image
  (`assert_equal "redis:alpine", container.image`) pulls nothing and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.java_image_tags import given_values
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.choose.discovery.source_names import PART, SourceNames

_USES_RE = re.compile(
    r"""^\s*require\s*\(?\s*["']testcontainers(?:/[\w/-]+)?["']|^\s*module\s+Testcontainers\b|\bTestcontainers::[A-Z]""",
    re.MULTILINE,
)
_STRING = r"""(?P<quote>["'])(?P<image>[^"'\\\n#]+)(?P=quote)"""
_ARGUMENT = r"(?:" + _STRING + r"|(?P<joined>" + PART + r"(?:\s*\+\s*" + PART + r")+)|(?P<name>[A-Za-z_]\w*))"
_CLASS_RE = re.compile(r"^\s*class\s+(?P<cls>[A-Z]\w*)\s*<\s*[\w:]*Container\b", re.MULTILINE)
_DEFAULT_RE = re.compile(r"\bdef\s+initialize\s*\(\s*image\s*[=:]\s*" + _ARGUMENT + r"\s*[,)]")
_INITIALIZE_RE = re.compile(r"\bdef\s+initialize\s*\((?P<params>[^()]*)\)")
_SYMBOL_DEFAULT_RE = re.compile(r"(?<![\w:])(?P<kw>[a-z_]\w*):\s*:(?P<sym>\w+)")
_CHOSEN_RE = re.compile(r"\bimage\s*\|\|=\s*(?P<hash>[A-Z]\w*)(?:\[\s*(?P<kw>\w+)\s*\]|\.fetch\(\s*(?P<kw2>\w+)\s*\))")
_ENTRY_RE = re.compile(
    r"""(?:(?<![\w:])(?P<key>\w+):|:(?P<key2>\w+)\s*=>)\s*(?P<quote>["'])(?P<image>[^"'\\\n#]+)(?P=quote)"""
)
_NEW_RE = re.compile(r"(?<![\w:])(?:(?:::)?[A-Z]\w*::)*(?P<cls>[A-Z]\w*Container)\s*\.\s*new\b")
_FIRST_RE = re.compile(r"\(\s*" + _ARGUMENT + r"\s*[,)]")
_CHAINED_RE = re.compile(r"\s*&?\.\s*(?P<method>\w+[!?]?)")
_STARTS = frozenset({"start", "use"})
_BOUND_RE = re.compile(r"(?P<var>(?<![\w@.:])@{0,2}[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*(?:\|\|)?=\s*$")
_LET_RE = re.compile(r"\b(?:let!?|subject!?)\(\s*:(?P<var>\w+)\s*\)\s*(?:\{|do)\s*$")


@dataclass(frozen=True, slots=True)
class Selection:
    """A container class choosing its default image from a hash by a keyword parameter: the class, the keyword, its
    default symbol, and each symbol's image (offset in the file, image as written)."""

    cls: str
    keyword: str
    default: str
    images: dict[str, tuple[int, str]]


def uses_ruby_testcontainers(text: str) -> bool:
    """Whether a Ruby file requires Testcontainers, opens its namespace or names a class in it."""
    return _USES_RE.search(text) is not None


def _balanced_end(text: str, start: int) -> int:
    """The offset after the bracket closing the one at `start` (the end of the text when none does)."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    depth, at, opening = 0, start, text[start]
    while at < len(text):
        if text[at] == opening:
            depth += 1
        elif text[at] == pairs[opening]:
            depth -= 1
            if depth == 0:
                return at + 1
        elif text[at] in "\"'":
            close = text.find(text[at], at + 1)
            at = close if close > 0 else at
        at += 1
    return len(text)


def _chain_starts(text: str, end: int) -> bool:
    """Whether the calls chained after `end` (`.with_exposed_port(11211).start`, one a line too) start the container."""
    while (match := _CHAINED_RE.match(text, end)) is not None:
        if match["method"] in _STARTS:
            return True
        end = match.end()
        if end < len(text) and text[end] == "(":
            end = _balanced_end(text, end)
    return False


def _scope(text: str, line_start: int) -> str:
    """A local's block: the text from its line up to the first later line indented less (blank lines kept)."""
    indent = len(text[line_start:]) - len(text[line_start:].lstrip(" \t"))
    end = text.find("\n", line_start)
    while end >= 0:
        line = text[end + 1 : text.find("\n", end + 1) if text.find("\n", end + 1) >= 0 else len(text)]
        if line.strip() and len(line) - len(line.lstrip(" \t")) < indent:
            return text[line_start : end + 1]
        end = text.find("\n", end + 1)
    return text[line_start:]


def _started(text: str, start: int, end: int) -> bool:
    """Whether the container a `.new(...)` call from `start` to `end` creates is started in the file."""
    if _chain_starts(text, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    scope = text
    if (bound := _BOUND_RE.search(before)) is not None:
        var = bound["var"]
        if not var.startswith("@") and "." not in var:
            scope = _scope(text, line_start)
    elif (let := _LET_RE.search(before)) is not None or (
        not before.strip()
        and (let := _LET_RE.search(text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : line_start].rstrip("\n")))
    ):
        var = let["var"]
    else:
        return False
    pattern = r"(?<![\w@.:])" + re.escape(var) + r"\s*&?\.\s*(?:start|use)\b(?![!?\w])"
    return re.search(pattern, scope) is not None


def started_calls(text: str) -> list[tuple[str, int, int]]:
    """(class, start, end) of each `CLASS.new(...)` (or `.new` alone) of a container class that the file starts."""
    out: list[tuple[str, int, int]] = []
    for match in _NEW_RE.finditer(text):
        end = _balanced_end(text, match.end()) if text.startswith("(", match.end()) else match.end()
        if _started(text, match.start(), end):
            out.append((match["cls"], match.end(), end))
    return out


def selections(text: str) -> list[Selection]:
    """The container classes of the file that choose their default image from a hash by a keyword parameter."""
    out: list[Selection] = []
    classes = [m["cls"] for m in _CLASS_RE.finditer(text)]
    for init in _INITIALIZE_RE.finditer(text):
        chosen = _CHOSEN_RE.search(text, init.end())
        if chosen is None or not classes:
            continue
        keyword = chosen["kw"] or chosen["kw2"]
        defaults = {m["kw"]: m["sym"] for m in _SYMBOL_DEFAULT_RE.finditer(init["params"])}
        bound = re.search(r"^\s*" + chosen["hash"] + r"\s*=\s*(?=\{)", text, re.MULTILINE)
        if keyword not in defaults or bound is None:
            continue
        body = text[bound.end() : _balanced_end(text, bound.end())]
        images = {m["key"] or m["key2"]: (bound.end() + m.start("image"), m["image"]) for m in _ENTRY_RE.finditer(body)}
        owner = [cls for cls, m in zip(classes, _CLASS_RE.finditer(text), strict=True) if m.start() < init.start()]
        out.append(Selection(owner[-1] if owner else classes[0], keyword, defaults[keyword], images))
    return out


def passed_symbols(text: str, selection: Selection) -> list[str]:
    """The symbols the file's started `CLASS.new(KEYWORD: :symbol)` calls pass the selection's keyword."""
    pattern = re.compile(r"(?<![\w:])" + re.escape(selection.keyword) + r":\s*:(?P<sym>\w+)")
    return [
        m["sym"]
        for cls, start, end in started_calls(text)
        if cls == selection.cls
        for m in pattern.finditer(text, start, end)
    ]


def ruby_container_images(text: str) -> list[tuple[int, str]]:
    """(offset, image as written) of the defaults of the file's container classes and of the images its started
    containers are given."""
    names = SourceNames.of(text)
    out: list[tuple[int, str]] = []
    if _CLASS_RE.search(text):
        out += [given for m in _DEFAULT_RE.finditer(text) for given in given_values(m, names)]
        for selection in selections(text):
            out += [selection.images[selection.default]] if selection.default in selection.images else []
    for _, start, end in started_calls(text):
        if (first := _FIRST_RE.match(text, start, end)) is not None:
            out += given_values(first, names)
    return out


def selected_images(texts: dict[str, str]) -> list[Found]:
    """The images the tree's Ruby Testcontainers sources (`texts`, by name shown) select from a container class's hash
    by the keyword they pass (`SeleniumContainer.new(capabilities: :chrome)`, started), at the hash entry's line."""
    ruby = {shown: text for shown, text in texts.items() if shown.endswith(".rb")}
    chosen = [(shown, text, s) for shown, text in ruby.items() for s in selections(text) if s.cls]
    out: list[Found] = []
    for shown, text, selection in chosen:
        symbols = {symbol for other in ruby.values() for symbol in passed_symbols(other, selection)}
        lines = LineIndex(text)
        for symbol in sorted(symbols & set(selection.images)):
            at, image = selection.images[symbol]
            out.append(Found(image, shown, lines.line(at), use="testcontainers", kind="Ruby source"))
    return out
