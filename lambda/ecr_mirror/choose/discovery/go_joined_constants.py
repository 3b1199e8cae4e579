"""The images a Go program's own code joins from package constants where it writes an image (pure).

An operator often keeps the built-in default image of each component it deploys as package constants, a registry, a
name and a tag, and joins them where it writes the pod: stolostron's observability operator writes
`spec.Containers[0].Image = mcoconfig.DefaultImgRepository + "/" + mcoconfig.RBACQueryProxyImgName + ":" +
mcoconfig.DefaultImgTagSuffix`, or `img := fmt.Sprintf("%s/%s:%s", config.AddonRepo, config.AddonName,
config.AddonTag)`. A constant holds its one value in every file of its package (https://go.dev/ref/spec#Packages,
#Constant_declarations) and `+` on strings concatenates them (https://go.dev/ref/spec#String_concatenation); `%s`
formats a string as is (https://pkg.go.dev/fmt).

Read, in a Go file that is a program's own code (go_program_images.is_program_code: no test code, fake or mock): an
assignment (`=`, `:=`) to a name or field whose last name holds `image` or `img` (any case), or a keyed field
`Image:`, whose value is two or more operands joined with `+` (a literal, a name, or a package's name `pkg.Name`)
with nothing after (no call, selector or index), or a `fmt.Sprintf` of a literal format with only `%s` verbs and
such operands as arguments; not in a comment, nor a package-level `const`/`var` declaration joined so (a constant,
listed where a flag or field uses it: go_flag_images.py). The operands are resolved by
cli/discover_go_joined_constants.py: a name in the file's package, `pkg.Name` in the package its import names; the
package's constants are its top-level `const`/`var` names bound to one literal (`package_constants`), a name bound
twice to two values being unknown. The join is an image (`join_image`) when every operand is known and the result
names a registry or namespace (a `/`) and a tag or a digest; it is listed at the join's line, `use` `joined image
constants (Go program)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ecr_mirror.choose.discovery.go_program_images import is_program_code
from ecr_mirror.choose.discovery.line_index import LineIndex
from ecr_mirror.oci.reference import reference_or_none

JOIN_USE = "joined image constants (Go program)"
MARK = b"+"
_OPERAND = r'"[^"\\\n]*"|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?'
# the target: a name or field chain (`spec.Containers[0].Image`), starting where no word or chain goes on before it
_TARGET = r"(?<![\w.\]])(?P<target>[A-Za-z_]\w*(?:(?:\.[A-Za-z_]\w*)|\[\w*\])*)"
_JOIN_RE = re.compile(
    _TARGET + r"[ \t]*(?::=|=|:)[ \t]*(?P<join>(?:" + _OPERAND + r")(?:\s*\+\s*(?:" + _OPERAND + r"))+)"
)
_SPRINTF_RE = re.compile(
    _TARGET
    + r"[ \t]*(?::=|=|:)[ \t]*fmt\.Sprintf\(\s*\"(?P<format>[^\"\\\n]*)\"(?P<arguments>(?:\s*,\s*(?:"
    + _OPERAND
    + r"))+)\s*,?\s*\)"
)
_OPERAND_RE = re.compile(_OPERAND)
_IMAGE_NAME_RE = re.compile(r"image|img", re.IGNORECASE)
_VERB_RE = re.compile(r"%(.)")
_AFTER_RE = re.compile(r"[ \t]*[(.\[+\w\"]")
_DECLARATION_RE = re.compile(
    r"^(?P<keyword>(?:const|var)[ \t]+)?(?P<name>[A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*=[ \t]*\"(?P<value>[^\"\\\n]*)\""
    r"[ \t]*(?://.*)?$"
)
_BLOCK_OPEN_RE = re.compile(r"^(?:const|var)[ \t]*\([ \t]*(?://.*)?$")


@dataclass(frozen=True)
class Join:
    """A join written where the program sets an image: its operands (a literal with its quotes), at its line."""

    operands: tuple[str, ...]
    line: int


def _image_target(target: str) -> bool:
    """Whether an assignment's target names an image: its last name holds `image` or `img`."""
    last = re.sub(r"\[\w*\]", "", target).rpartition(".")[2]
    return _IMAGE_NAME_RE.search(last) is not None


def _sprintf_operands(format_: str, arguments: str) -> tuple[str, ...] | None:
    """A Sprintf's format and arguments as the operands of a join, or None for a verb but `%s` or a count mismatch."""
    values = _OPERAND_RE.findall(arguments)
    pieces = _VERB_RE.split(format_)
    literals, verbs = pieces[0::2], pieces[1::2]
    if any(verb != "s" for verb in verbs) or len(verbs) != len(values):
        return None
    operands: list[str] = []
    for index, literal in enumerate(literals):
        operands += [f'"{literal}"'] if literal else []
        operands += [values[index]] if index < len(values) else []
    return tuple(operands)


def image_joins(text: str, origin: str) -> list[Join]:
    """The joins a Go program's own file writes as an image (see the module), in the file's order."""
    if not origin.endswith(".go") or not is_program_code(origin):
        return []
    lines = LineIndex(text)
    declared = _declaration_lines(text)
    joins: list[Join] = []
    for match in _JOIN_RE.finditer(text):
        if not _image_target(match["target"]) or _AFTER_RE.match(text, match.end()):
            continue
        line = lines.line(match.start())
        if not lines.led_by(match.start(), "//") and line not in declared:
            joins.append(Join(tuple(_OPERAND_RE.findall(match["join"])), line))
    for match in _SPRINTF_RE.finditer(text):
        operands = _sprintf_operands(match["format"], match["arguments"])
        line = lines.line(match.start())
        if operands is not None and _image_target(match["target"]) and not lines.led_by(match.start(), "//"):
            joins += [Join(operands, line)] if line not in declared else []
    return sorted(joins, key=lambda join: join.line)


def _declaration_lines(text: str) -> set[int]:
    """The lines (from 1) of a file's top-level `const`/`var` declarations: a declaration alone, or a block's lines."""
    out: set[int] = set()
    in_block = False
    for number, line in enumerate(text.splitlines(), start=1):
        if in_block:
            out.add(number)
            in_block = not line.startswith(")")
        elif _BLOCK_OPEN_RE.match(line):
            out.add(number)
            in_block = True
        elif line.startswith(("const ", "var ", "const\t", "var\t")):
            out.add(number)
    return out


def package_constants(texts: Iterable[str]) -> dict[str, str]:
    """The top-level `const`/`var` names of a package's files bound to one literal (a name bound twice to two
    values is left out), read line by line: in a `const (`/`var (` block up to its `)`, or declared alone."""
    values: dict[str, set[str]] = {}
    for text in texts:
        in_block = False
        for line in text.splitlines():
            if in_block:
                if line.startswith(")"):
                    in_block = False
                    continue
                declared = _DECLARATION_RE.match(line.strip())
                if declared and declared["keyword"] is None and line[:1] in " \t":
                    values.setdefault(declared["name"], set()).add(declared["value"])
            elif _BLOCK_OPEN_RE.match(line):
                in_block = True
            elif (declared := _DECLARATION_RE.match(line)) and declared["keyword"] is not None:
                values.setdefault(declared["name"], set()).add(declared["value"])
    return {name: next(iter(known)) for name, known in values.items() if len(known) == 1}


def join_image(operands: Iterable[str], value: Callable[[str], str | None]) -> str | None:
    """The image a join makes when `value` knows each name operand and it has a namespace and a tag or digest."""
    parts: list[str] = []
    for operand in operands:
        known = operand[1:-1] if operand.startswith('"') else value(operand)
        if known is None:
            return None
        parts.append(known)
    image = "".join(parts)
    last = image.rpartition("/")[2]
    if "/" not in image or (":" not in last and "@" not in last) or reference_or_none(image) is None:
        return None
    return image
