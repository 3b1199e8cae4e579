"""The methods a Jenkinsfile defines that nothing in it calls (pure).

A scripted pipeline keeps its stages in methods, `void stageLintK8SResources() { docker.image(...).inside {...} }`,
and runs those its body calls; Groovy runs a method only when it is called, so a method the file never names again
(a stage dropped from the pipeline, its definition kept) pulls nothing (https://groovy-lang.org/structure.html#_methods,
https://www.jenkins.io/doc/book/pipeline/syntax/#scripted-pipeline). A method definition is a line that starts, after
its indent, with a return type or `def` (with `static`, `private`, ... before it), the method's name, its parameters
and `{`; its body ends at the brace closing it (jenkins_blocks.Blocks). It is called when its name appears anywhere
else in the file but in a comment: a call `name(...)`, `name arg` without parentheses, a reference `this.&name`, a
`${name()}` in a string. A name a method's own body alone names (recursion) is no call. Read only in a file named
`Jenkinsfile` (`Jenkinsfile.*`, `*.jenkinsfile`), the script Jenkins runs itself, without `return this` (a script
another pipeline `load`s and whose methods it calls), and never for `call` (a shared library step's entry). The file
is read in one pass for the definitions and one for the names: linear in its size.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from typing import TypeVar

from ecr_mirror.choose.discovery.jenkins_blocks import Blocks

T = TypeVar("T")
_RETURN_THIS_RE = re.compile(r"\breturn[ \t]+this\b")

_DEFINITION_RE = re.compile(
    r"^[ \t]*(?:(?:static|private|public|protected|final)[ \t]+)*"
    r"(?:def|void|[A-Z]\w*(?:<[\w<>, ?]*>)?(?:\[\])?|boolean|int|long|double|float)[ \t]+"
    r"(?P<name>[A-Za-z_]\w*)[ \t]*\([^()\n]*\)[ \t]*(?P<brace>\{)",
    re.MULTILINE,
)
_NAME_RE = re.compile(r"[A-Za-z_]\w*")


def uncalled_spans(code: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the definitions of the methods nothing in `code` calls, in order; `code` is the
    file's text with its comments blanked (string contents kept: a `${name()}` in a string calls it)."""
    blocks = Blocks(code)
    spans: dict[str, list[tuple[int, int]]] = {}  # name -> (start, end) of its definitions, in order
    for match in _DEFINITION_RE.finditer(code):
        if match["name"] != "call":  # a shared library step's entry, called by the pipelines that use the step
            spans.setdefault(match["name"], []).append((match.start(), blocks.closing(match.start("brace"))))
    if not spans:
        return []
    called: set[str] = set()
    for word in _NAME_RE.finditer(code):
        name = word.group()
        if name in called or (defined := spans.get(name)) is None:
            continue
        index = bisect_right(defined, (word.start(), sys.maxsize)) - 1  # the last definition starting before it
        if index < 0 or defined[index][1] < word.start():
            called.add(name)  # named outside every definition of its own
    merged: list[tuple[int, int]] = []  # a definition inside another's span (an unclosed brace) joined to it
    for start, end in sorted((s, e) for name, each in spans.items() if name not in called for s, e in each):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of `spans` (sorted, apart: uncalled_spans)."""
    index = bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset <= spans[index][1]


def drop_uncalled(
    uses: list[tuple[int, T]], text: str, masked: str, strings: list[tuple[int, int]], origin: str
) -> list[tuple[int, T]]:
    """`uses` (offset, item) but those inside a method a Jenkinsfile never calls; all of them in another file, or in
    one with `return this`. `masked`: the text with comments and string contents blanked; `strings`: the (start,
    end) of its string literals, whose contents are put back (a `${name()}` in a string calls it)."""
    name = origin.rsplit("/", 1)[-1]
    if not uses or not (name.startswith("Jenkinsfile") or name.endswith(".jenkinsfile")):
        return uses
    if _RETURN_THIS_RE.search(masked):
        return uses
    code = list(masked)
    for start, end in strings:
        code[start:end] = text[start:end]
    dead = uncalled_spans("".join(code))
    return [(offset, item) for offset, item in uses if not inside(dead, offset)] if dead else uses
