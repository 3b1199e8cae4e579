"""A Makefile's target-specific variable values, as make runs them (pure).

GNU make gives a variable a value for one target (https://www.gnu.org/software/make/manual/html_node/
Target_002dspecific.html): `TARGET ...: [export] [override] NAME = value` (also `:=`, `::=`, `?=`) holds in that
target's recipe and in the recipes of the prerequisites it makes, over the Makefile's own assignment of NAME; written
with `export`, it is also put in the environment of the recipe's commands (https://www.gnu.org/software/make/manual/
html_node/Variables_002fRecursion.html), so a `$(MAKE) -C DIR` (or `make -C DIR`) of that recipe runs the Makefile of
DIR with it: a database suite's `16.4: export PG_VERSION = 16.4` before `make -C create-table run`, whose included
`common.mk` runs `docker pull postgres:$(PG_VERSION)`. `target_calls` reads each target with such values as a make
run of the Makefile itself for that target, the values on its command line (a target-specific value wins over the
file's assignment as a command-line one does), and each make run the recipes it reaches start, its exported values
added to that run's environment; all at the line of the target's first value, where the values are written. A value
with a space, a quote or a reference the file does not resolve is not passed; a pattern-specific value (`%.o: X =
v`) and `+=` are not read.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re

from ecr_mirror.choose.discovery.make_calls import MakeCall, make_calls
from ecr_mirror.choose.discovery.shell_words import ShellValues
from ecr_mirror.choose.discovery.step_scripts import make_reach

_TARGET_VALUE_RE = re.compile(
    r"^(?P<targets>[^\t#=:\s][^=:#]*?)[ \t]*:(?!=)[ \t]*(?P<modifiers>(?:(?:export|override|private)[ \t]+)*)"
    r"(?P<name>[A-Za-z_]\w*)[ \t]*(?::::=|::=|:=|\?=|=)[ \t]*(?P<value>[^#]*?)[ \t]*(?:#.*)?$",
    re.MULTILINE,
)
_PLAIN_VALUE_RE = re.compile(r"[^\s'\"$`\\{}()]+")


@dataclasses.dataclass
class _Values:
    line: int  # of the target's first value
    given: dict[str, str] = dataclasses.field(default_factory=dict)
    exported: dict[str, str] = dataclasses.field(default_factory=dict)


def _target_values(text: str) -> dict[str, _Values]:
    """The literal target-specific values of each target of `text` (`.PHONY` and pattern targets left out)."""
    out: dict[str, _Values] = {}
    values: ShellValues | None = None
    for match in _TARGET_VALUE_RE.finditer(text):
        targets = [target for target in match["targets"].split() if not target.startswith(".") and "%" not in target]
        if not targets or "$" in match["targets"]:
            continue
        values = values or ShellValues.of(text)
        value, problem = values.resolve(match["value"])
        if problem is not None or not _PLAIN_VALUE_RE.fullmatch(value):
            continue
        line = text.count("\n", 0, match.start()) + 1
        for target in targets:
            read = out.setdefault(target, _Values(line))
            read.given[match["name"]] = value
            if "export" in match["modifiers"].split():
                read.exported[match["name"]] = value
    return out


def target_calls(text: str, shown: str) -> list[MakeCall]:
    """The make runs the target-specific values of the Makefile `text` (shown as `shown`) start (see the module)."""
    if ":" not in text or "=" not in text:
        return []
    targets = _target_values(text)
    if not targets:
        return []
    own = posixpath.basename(shown)
    out: list[MakeCall] = []
    calls = make_calls(text, bare=True) if any(read.exported for read in targets.values()) else []
    for target, read in targets.items():
        out.append(MakeCall("", own, (target,), tuple(sorted(read.given.items())), (), read.line))
        if not read.exported:
            continue
        lines, _ = make_reach(text, (target,))
        for call in calls:
            if call.line in lines:
                environment = tuple(sorted({**read.exported, **dict(call.environment)}.items()))
                out.append(dataclasses.replace(call, environment=environment, line=read.line))
    return out
