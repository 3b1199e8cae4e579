"""A make target that only a pattern rule makes, with the rule written out for it (pure).

`e2e/%:` is a pattern rule: `make e2e/v1.29.2` runs its recipe with the stem, `v1.29.2`, as the automatic variable
`$*` (https://www.gnu.org/software/make/manual/html_node/Pattern-Rules.html, .../Automatic-Variables.html), as
capsule's `kind create cluster --image=kindest/node:$*` does with the Kubernetes version a CI matrix names. For each
target no explicit rule names, the first pattern rule whose target pattern matches it (one `%`, a prefix and a
suffix around a non-empty stem of plain characters) is written for it: its target line names the target (`%` in
its prerequisites the stem), and `$*`, `$(*)` and `${*}` in its recipe lines are the stem; every line keeps its
number, so that what the recipe then pulls is shown at its line.

A static pattern rule, `TARGETS ...: TARGET-PATTERN: PREREQUISITES`, is such a rule for the targets it lists only
(https://www.gnu.org/software/make/manual/html_node/Static-Usage.html): prometheus-adapter's `$(PUSH_ARCH_TARGETS):
push-%:` running `ARCH=$* $(MAKE) push` (its variable written out first: make_functions.py) makes `push-amd64`, ...,
`push-s390x`, and no other target its pattern would match.
"""

from __future__ import annotations

import functools
import re

from ecr_mirror.choose.discovery.make_static_patterns import STATIC_RULE_RE as _STATIC_RE

# a rule's line: targets, a `:` or `::` that is no assignment, the rest (prerequisites, `; recipe`)
_RULE_RE = re.compile(r"^(?P<targets>[^\s:=#][^:=#]*?)[ \t]*(?P<colons>::?)(?![=:])(?P<rest>[^=]*)$")
_STEM_RE = re.compile(r"\$(?:\*|\(\*\)|\{\*\})")
_PLAIN_STEM_RE = re.compile(r"[\w.+-]+")


_Pattern = tuple[int, str, str, str, str, frozenset[str] | None]


@functools.lru_cache(maxsize=8)
def _rules(text: str) -> tuple[tuple[_Pattern, ...], frozenset[str]]:
    """(line index, prefix, suffix, colons, rest, the targets a static pattern rule lists or None) of each pattern of
    each rule line (not a recipe line), and the targets explicit rules name."""
    patterns: list[_Pattern] = []
    explicit: set[str] = set()
    for index, line in enumerate(text.splitlines()):
        if line.startswith("\t") or ":" not in line:
            continue
        if (static := _STATIC_RE.match(line)) is not None:
            prefix, suffix = static["pattern"].split("%")
            listed = frozenset(word for word in static["targets"].split() if "$" not in word)
            patterns.append((index, prefix, suffix, ":", line[static.end() :], listed))
            continue
        if (match := _RULE_RE.match(line)) is None:
            continue
        for word in match["targets"].split():
            if word.count("%") == 1 and "$" not in word:
                prefix, suffix = word.split("%")
                patterns.append((index, prefix, suffix, match["colons"], match["rest"], None))
            elif "%" not in word:
                explicit.add(word)
    return tuple(patterns), frozenset(explicit)


def _write_stem(lines: list[str], start: int, stem: str) -> None:
    """The stem written for `$*` in the recipe lines from `start` (blank and comment lines between them skipped)."""
    for index in range(start, len(lines)):
        line = lines[index]
        if line.strip() and not line.lstrip().startswith("#") and not line.startswith("\t"):
            return
        lines[index] = _STEM_RE.sub(stem, line)


def with_stems(text: str, targets: tuple[str, ...]) -> str:
    """`text` (a Makefile) with the pattern rule of each of `targets` that only a pattern rule makes written for it
    (see the module's docstring); `text` itself when there is none."""
    patterns, explicit = _rules(text) if "%" in text else ((), frozenset[str]())
    if not patterns:
        return text
    lines: list[str] | None = None
    for target in targets:
        if target in explicit or "%" in target:
            continue  # an explicit rule makes it (or it is no plain target)
        for index, prefix, suffix, colons, rest, listed in patterns:
            stem = target[len(prefix) : len(target) - len(suffix)] if target.startswith(prefix) else ""
            if (
                (listed is not None and target not in listed)
                or not target.endswith(suffix)
                or len(target) <= len(prefix) + len(suffix)
                or not _PLAIN_STEM_RE.fullmatch(stem)
            ):
                continue
            lines = lines if lines is not None else text.splitlines()
            lines[index] = f"{target}{colons}{rest.replace('%', stem)}"
            _write_stem(lines, index + 1, stem)
            break
    if lines is None:
        return text
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def pattern_targets(text: str) -> list[str]:
    """The targets a Makefile's rules name as prerequisites (plain words) that only a pattern rule makes, in the
    order written: `docker-build-amd64` of `docker-build-all: docker-build-amd64 docker-build-arm64` beside
    `docker-build-%:` (the prerequisites written out first: make_functions.py)."""
    patterns, explicit = _rules(text) if "%" in text else ((), frozenset[str]())
    out: list[str] = []
    for line in text.splitlines() if patterns else ():
        if line.startswith("\t") or ":" not in line or (match := _RULE_RE.match(line)) is None:
            continue
        for word in match["rest"].split(";")[0].split():
            if word in explicit or word in out or "%" in word or not _PLAIN_STEM_RE.fullmatch(word):
                continue
            if any(
                _stem_of(word, prefix, suffix) and (listed is None or word in listed)
                for _, prefix, suffix, _, _, listed in patterns
            ):
                out.append(word)
    return out


def _stem_of(target: str, prefix: str, suffix: str) -> str:
    """The stem of `target` for a pattern's prefix and suffix, "" when the pattern does not match it."""
    if not target.startswith(prefix) or not target.endswith(suffix) or len(target) <= len(prefix) + len(suffix):
        return ""
    stem = target[len(prefix) : len(target) - len(suffix)]
    return stem if _PLAIN_STEM_RE.fullmatch(stem) else ""
