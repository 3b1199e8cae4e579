"""Testcontainers in JavaScript and TypeScript beyond a literal given to a constructor (pure).

Read in a file testcontainers.py reads (it imports Testcontainers, or names it and imports a `...Container` class by
a relative path: a module's own tests, the library's own sources):

- a test table: `it.each([...])`, `test.each(LIST)`, `describe.each(...)` (Jest, Vitest), a list of literals (or a
  name the file binds to one), whose test passes its parameter to a container class (`async (image) => { ... new
  ElasticsearchContainer(image) ...`): each literal of the list (names in it are read as any name);
- the default image of a container class of the file's own (`class SocatContainer extends GenericContainer`): the
  default of its constructor's first parameter when the constructor passes it first to `super`
  (`constructor(image = "alpine/socat:1.7.4.3-r0") { super(image); }`), or what `super(image ?? DEFAULT_IMAGE)`
  (`||` too) falls back to;
- an image an environment variable may override: `process.env.X ? ... : "..."`, `process.env.X ?? "..."`,
  `process.env.X || "..."` (the default possibly wrapped in `ImageName.fromString("...").string`) is read as its
  default wherever such a value is bound or returned (`environment_defaults`).
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.js_test_rows import closing_bracket, template_images
from ecr_mirror.choose.discovery.source_names import SourceNames

_LITERAL = r"""(?P<quote>["'])(?P<image>[^"'\\\n]+)(?P=quote)"""
_ENV = r"""process\.env(?:\.[A-Za-z_]\w*|\[\s*["'][A-Za-z_]\w*["']\s*\])"""
# `process.env.X ? <then> : <default>`, `process.env.X ?? <default>`, `process.env.X || <default>`
_ENV_DEFAULT_RE = re.compile(
    _ENV + r"""\s*(?:\?(?!\?)[^:;]*?:|\?\?|\|\|)\s*(?P<wrap>ImageName\s*\.\s*fromString\(\s*)?""" + _LITERAL
)
_WRAP_END_RE = re.compile(r"\s*\)\s*\.\s*string\b")
_EACH_RE = re.compile(
    r"(?<![\w$.])(?:it|test|describe)(?:\.(?:concurrent|only|skip|sequential))*\.each\(\s*"
    r"(?P<list>\[(?:[^\[\]]|\[[^\[\]]*\])*\]|[A-Za-z_$][\w$]*)\s*\)\s*\("
)
# the test's function: `async (image) => {`, `image => {`, `function (image) {`, after the title
_CALLBACK_RE = re.compile(
    r"(?:async\s+)?(?:\(\s*(?P<p>[A-Za-z_$][\w$]*)[^()]*\)|(?P<bare>[A-Za-z_$][\w$]*))\s*(?::\s*[\w<>\[\]]+\s*)?=>\s*\{"
    r"|\bfunction\s*\(\s*(?P<f>[A-Za-z_$][\w$]*)[^()]*\)\s*\{"
)
_ARRAY_RE = r"^[ \t]*(?:export\s+)?(?:const|let|var)\s+{name}(?:\s*:\s*[\w<>\[\]]+)?\s*=\s*(?P<list>\[[^\]]*\])"
_ELEMENT_RE = re.compile(_LITERAL + r"|(?P<name>[A-Za-z_$][\w$]*)")
_CLASS_RE = re.compile(r"\bclass\s+[A-Z]\w*(?:<[^<>{]*>)?\s+extends\s+[\w.]*Container\b[^{]*\{")
_CONSTRUCTOR_RE = re.compile(
    r"\bconstructor\s*\(\s*(?P<p>[A-Za-z_$][\w$]*)\??\s*(?::\s*string\s*)?"
    r"(?:=\s*(?:" + _LITERAL + r"|(?P<name>[A-Za-z_$][\w$]*))\s*)?[,)][^{]*\{"
)
# `super(image)`, `super(image ?? DEFAULT_IMAGE)`, `super(image || "...")`
_FALLBACK = r"\s*(?:(?:\?\?|\|\|)\s*(?:" + _LITERAL + r"|(?P<name>[A-Za-z_$][\w$]*))\s*)?[,)]"
_LOOKAHEAD = 400  # how far after `.each(...)(` the test's function may start (its title, possibly a long string)


def environment_defaults(text: str) -> str:
    """`text` with each environment-overridable value written as its default literal, the rest of the expression
    blanked (same length, so offsets hold; the value's own line kept as the literal's line)."""
    chars = list(text)
    for match in _ENV_DEFAULT_RE.finditer(text):
        end = match.end()
        if match["wrap"] and (wrapped := _WRAP_END_RE.match(text, end)) is not None:
            end = wrapped.end()
        for at in [*range(match.start(), match.start("quote")), *range(match.end(), end)]:
            chars[at] = " "
    return "".join(chars)


def _block_end(text: str, start: int) -> int:
    """Where the block whose `{` is just before `start` ends (strings on one line skipped; the text's end if it
    does not close)."""
    close = closing_bracket(text, start - 1, "{", "}")
    return close if close != -1 else len(text)


def _constructs(body: str, name: str) -> bool:
    """Whether `body` passes `name` first to a container class (`new ElasticsearchContainer(image)`)."""
    pattern = r"\bnew\s+[A-Z]\w*Container\s*(?:<[^<>()]*>)?\s*\(\s*" + re.escape(name) + r"\s*[,)]"
    return re.search(pattern, body) is not None


def _elements(text: str, listed: str, at: int, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image) of a table's elements: its literals, and the literal values of the names in it."""
    if not listed.startswith("["):
        bound = re.search(_ARRAY_RE.format(name=re.escape(listed)), text, re.MULTILINE)
        if bound is None:
            return []
        listed, at = bound["list"], bound.start("list")
    out: list[tuple[int, str]] = []
    for element in _ELEMENT_RE.finditer(listed, 1, len(listed) - 1):
        if element["image"] is not None:
            out.append((at + element.start("image"), element["image"]))
        else:
            out += names.values(element["name"])
    return out


def _table_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for each in _EACH_RE.finditer(text):
        callback = _CALLBACK_RE.search(text, each.end(), each.end() + _LOOKAHEAD)
        if callback is None:
            continue
        parameter = callback["p"] or callback["bare"] or callback["f"]
        body = text[callback.end() : _block_end(text, callback.end())]
        if _constructs(body, parameter):
            out += _elements(text, each["list"], each.start("list"), names)
    return out


def _default_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for cls in _CLASS_RE.finditer(text):
        body = text[cls.end() : _block_end(text, cls.end())]
        if (constructor := _CONSTRUCTOR_RE.search(body)) is None:
            continue
        inside = body[constructor.end() : _block_end(body, constructor.end())]
        fallback = re.search(r"\bsuper\(\s*" + re.escape(constructor["p"]) + _FALLBACK, inside)
        if fallback is None:
            continue
        at = cls.end() + constructor.end()
        for found in (constructor, fallback):
            if found["image"] is not None:
                offset = found.start("image") + (cls.end() if found is constructor else at)
                out.append((offset, found["image"]))
            elif found["name"] is not None:
                out += names.values(found["name"])
    return out


def js_container_images(text: str, names: SourceNames) -> list[tuple[int, str]]:
    """(offset, image as written) of the test tables' and the container classes' images of a JavaScript or
    TypeScript file (see the module); `names` are the file's bindings read from `environment_defaults(text)`."""
    return _table_images(text, names) + _default_images(text, names) + template_images(text)
