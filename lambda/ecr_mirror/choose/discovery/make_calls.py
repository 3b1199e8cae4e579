"""The make runs a file starts with variables, and a Makefile's text as such a run reads it (pure).

GNU make takes a variable given on its command line (`make e2e NODE_IMAGE=kindest/node:v1.30.4`) over every
assignment of the Makefile but one written with `override`, and one given in its environment (`BASEIMAGE=ubi
$(MAKE) image`, a CI step's or a script's prefix) over a `?=` default and a name the Makefile does not assign
(https://www.gnu.org/software/make/manual/html_node/Overriding.html, .../Environment.html); a recursive `$(MAKE)`
passes both on, and both reach the recipes' commands as environment variables
(https://www.gnu.org/software/make/manual/html_node/Variables_002fRecursion.html). This module finds:

- `make_calls`: each `make`, `gmake`, `$(MAKE)` or `${MAKE}` where a command runs, with its targets, `-C DIR`,
  `-f FILE`, the `NAME=value` words of its command line and the `NAME=value` words before it (after `env` too),
  a name a script exports before the call (`export KIND_IMAGE=${{ matrix.k8s }}` then `make kind` in one CI step:
  coherence-operator's compatibility tests; a line indented with spaces or none, not a recipe's tab-indented line,
  whose shell ends with it; not in a whole workflow, whose steps are shells of their own) in the environment too,
  each value resolved from the calling file's own variables (a value that cannot be known, or one with a space, a
  quote or `$` left, is not passed: the Makefile's default stays), and a script's `-C`/`-f` path built from its own
  directory (`-C "${ROOT}/operator"` with `ROOT="$(cd "$(dirname "$0")/.." && pwd)"`) as a path from there; a
  call that passes no value is left out unless asked for (one whose target a pattern rule makes: make_patterns.py);
- `with_command_line`: a Makefile's text with each non-`override` assignment of a name the command line gives
  replaced by that value (a name it does not assign appended), the lines keeping their numbers.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass

from ecr_mirror.choose.discovery.command_starts import CommandStarts
from ecr_mirror.choose.discovery.local_builds import joined_lines
from ecr_mirror.choose.discovery.shell_command_words import command_words, in_command_position
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.sourced_paths import own_place

_MAKE_RE = re.compile(r"(?<![\w./$-])(?:g?make|\$\(MAKE\)|\$\{MAKE\})(?![\w.-])")
_PAIR_RE = re.compile(r"([A-Za-z_]\w*)(?:::?)?=(.*)", re.DOTALL)
# the last `NAME=value` word before the command (a quoted value without its own quote inside)
_PREFIX_RE = re.compile(r"(?:^|(?<=\s))([A-Za-z_]\w*=(?:\"[^\"]*\"|'[^']*'|[^\s'\"]*))[ \t]*$")
_SEPARATOR_RE = re.compile(r"&&|\|\||[;|(`]")
_PLAIN_VALUE_RE = re.compile(r"[^\s'\"$`\\{}()]+")
_EXPORT_RE = re.compile(
    r"^ *export[ \t]+([A-Za-z_]\w*=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s'\";&|]*))[ \t]*(?:[;#].*)?$", re.M
)
MAX_EXPORTS = 200  # export lines of a script passed to its make calls, at most
_VALUED = frozenset({"-C", "--directory", "-f", "--file", "--makefile", "-o", "-W", "-I", "--old-file", "--what-if"})


@dataclass(frozen=True, slots=True)
class MakeCall:
    """A make run a file starts: its `-C` directory and `-f` file as written (resolved; "" when not given), its
    targets (none: the default goal), the values of its command line and of its environment prefix."""

    directory: str
    makefile: str
    targets: tuple[str, ...]
    command_line: tuple[tuple[str, str], ...]
    environment: tuple[tuple[str, str], ...]
    line: int
    exported: bool = False  # the environment holds what the file exported before the call


def _resolved(pairs: list[str], values: ShellValues) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for pair in pairs:
        if (match := _PAIR_RE.fullmatch(pair)) is None:
            continue
        value, problem = values.resolve(match.group(2))
        if problem is None and _PLAIN_VALUE_RE.fullmatch(value):
            out[match.group(1)] = value
    return tuple(out.items())


def _exports(text: str) -> list[tuple[int, str]]:
    """(line, `NAME=value` as one shell word would give it) of each `export` line of a script, in order; none when
    it has more than `MAX_EXPORTS` (each call would carry them all: a file of 20,000 exports and 20,000 calls is
    read without them, not in quadratic time and memory)."""
    out: list[tuple[int, str]] = []
    line, at = 1, 0
    for match in _EXPORT_RE.finditer(text):
        line, at = line + text.count("\n", at, match.start()), match.start()
        out.append((line, next(iter(command_words(match.group(1))), match.group(1))))
        if len(out) > MAX_EXPORTS:
            return []
    return out


def _place(written: str, values: ShellValues, *, yaml: bool) -> tuple[str, str | None]:
    """A `-C DIR` or `-f FILE` as the file's values give it, or, in a script, a path from its own directory
    (`-C "${OPERATOR_DIR}"` with `OPERATOR_DIR="${ROOT}/operator"` and `ROOT="$(cd "$(dirname "$0")/.." && pwd)"`:
    `../operator`, from the script's directory, where the caller looks for it; sourced_paths.own_place)."""
    resolved = values.resolve(written)
    if resolved[1] is None or yaml:
        return resolved
    own = own_place(written, values.values)
    return (own, None) if own is not None else resolved


def _prefix(before: str) -> list[str] | None:
    """The `NAME=value` words right before a command (`A=1 B="x" make`, `env A=1 make`), or None when they are not
    where a command runs (`echo "Usage: A=1 make"`)."""
    separators = list(_SEPARATOR_RE.finditer(before))
    start = separators[-1].end() if separators else 0
    end = len(before)
    words: list[str] = []
    while (match := _PREFIX_RE.search(before, start, end)) is not None and match.end() == end:
        words.insert(0, match.group(1))
        end = match.start()
    head = re.sub(r"(?:^|(?<=\s))env[ \t]+$", "", before[:end])
    if words and not in_command_position(head):
        return None
    return [next(iter(command_words(word)), word) for word in words]


def _parsed(words: list[str]) -> tuple[str, str, list[str], list[str]] | None:
    """(directory, makefile, targets, NAME=value words) of make's words; None for a target known only when it runs."""
    directory, makefile = "", ""
    targets: list[str] = []
    pairs: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in ("-C", "--directory"):
            directory = posixpath.join(directory, following) if directory else following
        elif word.startswith("--directory="):
            directory = word.split("=", 1)[1]
        elif word in ("-f", "--file", "--makefile"):
            makefile = following
        elif word.startswith(("--file=", "--makefile=")):
            makefile = word.split("=", 1)[1]
        elif word.startswith("-C") and len(word) > 2:
            directory = word[2:]
        elif word.startswith("-f") and len(word) > 2:
            makefile = word[2:]
        elif _PAIR_RE.fullmatch(word) and not word.startswith("-"):
            pairs.append(word)
        elif word.startswith("-"):
            pass
        elif "$" in word or "{" in word:
            return None
        else:
            targets.append(word)
        optional = word in ("-j", "--jobs", "-l", "--load-average") and following.replace(".", "").isdigit()
        index += 2 if word in _VALUED or optional else 1
    return directory, makefile, targets, pairs


def make_calls(
    text: str, *, yaml: bool = False, bare: bool = False, env: tuple[tuple[str, str], ...] = ()
) -> list[MakeCall]:
    """The make runs of `text` that pass at least one value (see the module's docstring); with `bare`, also those
    that only name targets (`make e2e/v1.29.2`, which a pattern rule may make with that stem); `env`: values the
    shell has when the calls run (a workflow step's `env:`), over the file's own."""
    if "make" not in text and "MAKE" not in text:
        return []
    values: ShellValues | None = None
    exports = [] if yaml else _exports(text)
    resolved_exports: dict[str, str] = {}  # the exports before the line read, resolved once each, in order
    taken = 0
    out: list[MakeCall] = []
    seen: set[MakeCall] = set()
    for line, joined in joined_lines(text):
        if ("=" not in joined and not bare) or joined.lstrip().startswith("#"):
            continue
        starts = CommandStarts(joined)  # each call's position read from the last list operator before it
        for match in _MAKE_RE.finditer(joined):
            before = starts.before(match.start())
            prefix = _prefix(before)
            if prefix is None or not starts.runs_at(match.start()):
                continue
            parsed = _parsed(command_words(joined, match.end()))
            exported = bool(exports) and exports[0][0] < line
            if parsed is None or not (parsed[3] or prefix or exported or (bare and parsed[2])):
                continue
            if values is None:
                values = ShellValues.of(text, yaml=yaml)
                values = ShellValues(values={**values.values, **{name: {value} for name, value in env}})
            while taken < len(exports) and exports[taken][0] < line:  # each export resolved once, not once a call
                resolved_exports.update(_resolved([exports[taken][1]], values))
                taken += 1
            directory, makefile, targets, pairs = parsed
            places = [_place(place, values, yaml=yaml) for place in (directory, makefile)]
            if any(problem for _, problem in places):
                continue
            command_line, environment = _resolved(pairs, values), _resolved(prefix, values)
            calls = [MakeCall(places[0][0], places[1][0], tuple(targets), command_line, environment, line)]
            if exported:  # also with the exports, the call's own prefix winning
                with_exports = resolved_exports | dict(environment)
                calls.append(dataclasses.replace(calls[0], environment=tuple(with_exports.items()), exported=True))
            for call in calls:
                if not (call.command_line or call.environment or (bare and targets)) or call in seen:
                    continue
                if call.exported and call.environment == environment:
                    continue  # the exports resolve to nothing: the call as read without them
                seen.add(call)  # a set: a file of many calls is not searched once a call
                out.append(call)
    return out


def with_command_line(text: str, given: dict[str, str]) -> str:
    """`text` (a Makefile) as make reads it with `given` on its command line (see the module's docstring)."""
    names = [name for name in sorted(given) if not re.search(rf"^[ \t]*override\b.*\b{name}\b", text, re.MULTILINE)]
    if not names:
        return text
    assignment = re.compile(
        r"^(?P<head>[ \t]*(?:export[ \t]+)?)(?P<name>" + "|".join(re.escape(name) for name in names) + r")"
        r"[ \t]*(?::::=|::=|:=|\?=|\+=|!=|=)"
    )
    lines = text.splitlines()
    assigned: set[str] = set()
    continued = False
    for index, line in enumerate(lines):
        if continued:  # the rest of a value continued with a backslash
            continued, lines[index] = line.rstrip().endswith("\\"), ""
            continue
        if (match := assignment.match(line)) is not None:
            name = match["name"]
            assigned.add(name)
            continued, lines[index] = line.rstrip().endswith("\\"), f"{match['head']}{name} = {given[name]}"
    lines += [f"{name} = {given[name]}" for name in names if name not in assigned]
    return "\n".join(lines) + "\n"
