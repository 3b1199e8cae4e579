"""The commands of a Makefile recipe as make runs them for each target of a static pattern rule (pure).

A static pattern rule, `TARGETS ...: TARGET-PATTERN: PREREQUISITES`, makes each of the targets it lists with one
recipe, the automatic variable `$*` being the part of the target the `%` of the pattern matches, its stem
(https://www.gnu.org/software/make/manual/html_node/Static-Usage.html): cert-manager's `make/containers.mk` lists one
`.tar` per architecture, `.../cert-manager-controller-linux-amd64.tar ...: .../cert-manager-controller-linux-%.tar:`,
and builds each `FROM $BASE_IMAGE` with `--build-arg BASE_IMAGE=$($(BASE))`. A recipe may bind a name with
`$(eval NAME := VALUE)` (also `=`, `::=`, `:::=`): make expands a recipe's lines in order before running them, so the
name has that value on the lines after it (https://www.gnu.org/software/make/manual/html_node/Eval-Function.html);
there `@$(eval BASE := BASE_IMAGE_controller-linux-$*)`. `recipe_readings` gives, for each recipe command that uses
`$*` (`$(*)`, `${*}`) or a name bound so, the command once per stem with both written out, `$($(BASE))` becoming
`$(BASE_IMAGE_controller-linux-amd64)`, a computed variable name the file's values then resolve (shell_words.py).

A stem is known only from a target the rule lists, written as its pattern is (`$(bin_dir)/x-amd64.tar` for
`$(bin_dir)/x-%.tar`), the stem plain characters; a pattern rule that lists none (`x-%.tar:`) makes whatever
target is asked for, so its `$*` stays as written. A name bound in one recipe is not carried into another: which
recipe runs first is known only when make runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ecr_mirror.choose.discovery.local_builds import joined_lines

# `TARGETS: PATTERN: PREREQUISITES`, neither colon an assignment's (`:=`) nor a double-colon rule's
STATIC_RULE_RE = re.compile(
    r"^(?P<targets>[^\s:=#][^:=#]*?)[ \t]*:(?![:=])[ \t]*(?P<pattern>[^\s:=#%]*%[^\s:=#%]*)[ \t]*:(?![:=])"
)
_EVAL_RE = re.compile(r"\$\(eval[ \t]+([A-Za-z_][\w.-]*)[ \t]*(?::{1,3}=|=)[ \t]*")
_STEM_RE = re.compile(r"\$(?:\*|\(\*\)|\{\*\})")
_PLAIN_STEM_RE = re.compile(r"[\w.+-]+")
_STEMS = 16  # at most this many targets of one rule are read


def _stems(line: str) -> list[str] | None:
    """The stems of the targets a static pattern rule's line lists; None for another line (or none known)."""
    if (match := STATIC_RULE_RE.match(line)) is None:
        return None
    prefix, suffix = match["pattern"].split("%")
    stems = [
        word[len(prefix) : len(word) - len(suffix)]
        for word in match["targets"].split()
        if word.startswith(prefix) and word.endswith(suffix) and len(word) > len(prefix) + len(suffix)
    ]
    stems = [stem for stem in stems if _PLAIN_STEM_RE.fullmatch(stem)]
    return list(dict.fromkeys(stems))[:_STEMS] or None


def _closing(text: str, start: int) -> int:
    """The index of the `)` that closes the `$(` opened before `start`, or -1."""
    depth = 1
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _bound(command: str) -> list[tuple[str, str]]:
    """(name, value as written) of each `$(eval NAME := VALUE)` of a recipe command."""
    out: list[tuple[str, str]] = []
    for match in _EVAL_RE.finditer(command):
        end = _closing(command, match.end())
        if end >= 0:
            out.append((match.group(1), command[match.end() : end].strip()))
    return out


def _written(command: str, bound: dict[str, str], stem: str | None) -> str:
    """`command` with each reference of a bound name replaced by its value, then `$*` by the stem (when known)."""
    for name, value in bound.items():
        command = re.sub(rf"\$(?:\({re.escape(name)}\)|\{{{re.escape(name)}\}})", _literal(value), command)
    return _STEM_RE.sub(_literal(stem), command) if stem is not None else command


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement for `re.sub` that writes `text` as it is (no group references)."""
    return lambda _: text


def recipe_readings(text: str) -> dict[int, list[str]]:
    """For a Makefile's text: the first line of each recipe command that uses a stem or a name a `$(eval)` before it
    binds, and the command written out once per stem of its rule (one reading when its rule lists none)."""
    if "$*" not in text and "$(*)" not in text and "${*}" not in text and "$(eval" not in text:
        return {}
    lines = text.splitlines()
    out: dict[int, list[str]] = {}
    stems: list[str] | None = None
    bound: dict[str, str] = {}
    for number, command in joined_lines(text):
        raw = lines[number - 1]
        if not raw.startswith("\t"):
            if raw.strip() and not raw.lstrip().startswith("#"):
                stems, bound = _stems(raw), {}  # a rule line (or anything else) ends the recipe before it
            continue
        uses = _STEM_RE.search(command) is not None or any(f"$({name})" in command for name in bound)
        uses = uses or any(f"${{{name}}}" in command for name in bound)
        if uses and (stems is not None or bound):
            each: list[str | None] = list(stems) if stems else [None]
            readings = [_written(command, bound, stem) for stem in each]
            out[number] = list(dict.fromkeys(readings))
        for name, value in _bound(command):
            bound[name] = _written(value, bound, None)  # its value expanded with the names bound before it
    return out
