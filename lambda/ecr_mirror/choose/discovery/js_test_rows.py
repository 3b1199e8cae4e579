"""Testcontainers in JavaScript and TypeScript: images written as template strings (pure).

Read in a file testcontainers.py reads:

- a template string without placeholders given first to a container class (`new GenericContainer(`redis:7`)`): a
  literal;
- one with placeholders inside a function of the file (`function testWith(tag, readonly = false, image = 'mysql')`)
  that a list of rows the file binds calls, one call per row: `TEST_VERSIONS.forEach(({ version, image }) =>
  testWith(version, false, image))` (the arrow's parameter destructured, or one name whose fields are passed,
  `row => testWith(row.version)`) or `TEST_VERSIONS.forEach(testWith)` (the row is the first parameter, read by its
  fields: `${options.tag}`); each placeholder a parameter (the row's value for the key passed in its place, else the
  parameter's literal default) or a parameter's field; one image per row, at the line of the row's value. A row
  without a literal for a placeholder, a placeholder of anything else, and a function no row list calls are not read.
"""

from __future__ import annotations

import re

_NAME = r"[A-Za-z_$][\w$]*"
_TEMPLATE_RE = re.compile(r"\bnew\s+[A-Z]\w*Container\s*(?:<[^<>()\n]*>)?\s*\(\s*`(?P<tpl>[^`\\\n]*)`\s*[,)]")
_PLACEHOLDER_RE = re.compile(r"\$\{\s*(?P<param>" + _NAME + r")(?:\.(?P<field>" + _NAME + r"))?\s*\}")
_FUNCTION_RE = re.compile(r"\bfunction\s+(?P<fn>" + _NAME + r")\s*\((?P<params>[^()]*)\)\s*(?::[^{;]+)?\{")
_PARAM_RE = re.compile(r"\s*(?P<name>" + _NAME + r")\??\s*(?::[^=]*)?(?:=\s*(?P<q>['\"])(?P<default>[^'\"\n]*)(?P=q))?")
_PAIR_RE = re.compile(r"(?P<key>" + _NAME + r")\s*:\s*(?P<q>['\"])(?P<value>[^'\"\\\n]*)(?P=q)")
_COMMENT_RE = re.compile(r"(?:^|(?<=\s))//[^\n]*|/\*.*?\*/", re.DOTALL | re.MULTILINE)

Row = dict[str, tuple[int, str]]  # key -> (offset, literal value)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def closing_bracket(text: str, start: int, opening: str, closing: str) -> int:
    """The offset of the bracket closing the one at `start` (strings on one line skipped), or -1."""
    depth, at = 0, start
    while at < len(text):
        char = text[at]
        if char in "\"'`":
            close = text.find(char, at + 1)
            at = close if close != -1 and "\n" not in text[at:close] else at
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return at
        at += 1
    return -1


def _split(params: str) -> list[str]:
    out, depth, part = [], 0, ""
    for char in params:
        depth += char in "{[(<"
        depth -= char in "}])>"
        if char == "," and depth == 0:
            out.append(part)
            part = ""
        else:
            part += char
    return [*out, part] if part.strip() else out


def _rows(text: str, listed: str) -> list[Row]:
    """The rows of `const LISTED = [ {...}, ... ]`: each one's literal values by key (nested objects left out)."""
    bound = re.search(r"\b(?:const|let|var)\s+" + re.escape(listed) + r"\s*(?::[^=]+)?=\s*\[", text)
    if bound is None or (end := closing_bracket(text, bound.end() - 1, "[", "]")) == -1:
        return []
    rows: list[Row] = []
    at = bound.end()
    while (start := text.find("{", at, end)) != -1:
        close = closing_bracket(text, start, "{", "}")
        if close == -1:
            break
        body = text[start + 1 : close]
        while (inner := body.find("{")) != -1 and (shut := closing_bracket(body, inner, "{", "}")) != -1:
            body = body[:inner] + " " * (shut + 1 - inner) + body[shut + 1 :]
        rows.append({m["key"]: (start + 1 + m.start("value"), m["value"]) for m in _PAIR_RE.finditer(body)})
        at = close + 1
    return rows


def _calls(text: str, fn: str, count: int) -> list[tuple[str, list[tuple[str, str] | None]]]:
    """(list name, how each parameter is given: ("key", K) a row's value, ("row", "") the row, None not given)."""
    out: list[tuple[str, list[tuple[str, str] | None]]] = []
    whole = re.compile(r"\b(?P<list>" + _NAME + r")\.forEach\(\s*" + re.escape(fn) + r"\s*\)")
    for m in whole.finditer(text):
        out.append((m["list"], [("row", "")] + [None] * (count - 1)))
    arrow = re.compile(
        r"\b(?P<list>"
        + _NAME
        + r")\.forEach\(\s*\(?\s*(?P<pattern>\{[^{}]*\}|"
        + _NAME
        + r")\s*\)?\s*=>\s*"
        + re.escape(fn)
        + r"\s*\((?P<args>[^()]*)\)"
    )
    for m in arrow.finditer(text):
        pattern = m["pattern"]
        keys = set(re.findall(_NAME, pattern)) if pattern.startswith("{") else set()
        given: list[tuple[str, str] | None] = []
        for arg in (a.strip() for a in _split(m["args"])):
            if arg in keys:
                given.append(("key", arg))
            elif arg == pattern:
                given.append(("row", ""))
            elif arg.startswith(pattern + ".") and re.fullmatch(_NAME, arg[len(pattern) + 1 :]):
                given.append(("key", arg[len(pattern) + 1 :]))
            else:
                given.append(None)
        out.append((m["list"], (given + [None] * count)[:count]))
    return out


def _image(
    template: str, params: list[re.Match[str]], given: list[tuple[str, str] | None], row: Row
) -> tuple[int, str] | None:
    """(offset of the row's first value used, image) of one row, or None."""
    names = [p["name"] for p in params]
    image, used = "", []
    last = 0
    for ph in _PLACEHOLDER_RE.finditer(template):
        if ph["param"] not in names:
            return None
        index = names.index(ph["param"])
        how = given[index]
        value: tuple[int, str] | None = None
        if ph["field"] is None and how is not None and how[0] == "key":
            value = row.get(how[1])
        elif ph["field"] is not None and how == ("row", ""):
            value = row.get(ph["field"])
        if value is None and ph["field"] is None and params[index]["default"] is not None:
            value = (-1, params[index]["default"])
        if value is None:
            return None
        used.append(value[0])
        image += template[last : ph.start()] + value[1]
        last = ph.end()
    offsets = [at for at in used if at != -1]
    return (offsets[0], image + template[last:]) if offsets else None


def template_images(text: str) -> list[tuple[int, str]]:
    """(offset, image) of the container classes' template strings of a JavaScript or TypeScript file (see the
    module)."""
    text = _blank(text, _COMMENT_RE)
    out: list[tuple[int, str]] = []
    functions: list[tuple[int, int, str, list[re.Match[str]]]] = []
    for func in _FUNCTION_RE.finditer(text):
        end = closing_bracket(text, func.end() - 1, "{", "}")
        params = [m for part in _split(func["params"]) if (m := _PARAM_RE.match(part))]
        functions.append((func.end(), end, func["fn"], params))
    for found in _TEMPLATE_RE.finditer(text):
        template = found["tpl"]
        if "${" not in template:
            out.append((found.start("tpl"), template))
            continue
        for start, end, fn, params in functions:
            if not start <= found.start() <= end:
                continue
            for listed, given in _calls(text, fn, len(params)):
                for row in _rows(text, listed):
                    if (image := _image(template, params, given, row)) is not None:
                        out.append(image)
    return out
