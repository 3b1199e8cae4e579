"""A declarative pipeline's stages that never run: their `when` needs an environment value the pipeline never gives
(pure).

A stage runs only when every condition at the top of its `when` block holds ("If the when directive contains more
than one condition, all the child conditions must return true for the stage to execute"), and `environment name:
'NAME', value: 'VALUE'` holds when the variable is set to that value
(https://www.jenkins.io/doc/book/pipeline/syntax/#when). When the pipeline gives NAME one literal value in its
`environment { }` blocks and `script { }` blocks (jenkinsfile.environment_values: a name also given a computed value
is not known) and VALUE is another, the stage never runs, nor its `sh` steps and agent: linuxserver's Jenkinsfiles
set `CI='false'` for images not tested in CI, so their `ShellCheck` and `Test` stages (`when { environment name:
'CI', value: 'true' }`: `docker pull ghcr.io/linuxserver/ci:latest`) do not run. A condition inside `not`, `anyOf`
or `allOf`, and a name the file gives no value (`CHANGE_ID`, set by Jenkins), keep the stage read.

Read in one pass: the braces, the `when` blocks and the depth at each offset asked for are read once a file
(`_Braces`), so that a stage's own `when` and a condition's depth cost a search among offsets, not a scan of the
stage: linear however many stages nest, are left out, or conditions a `when` holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ecr_mirror.choose.discovery.jenkins_blocks import Blocks
from ecr_mirror.choose.discovery.jenkinsfile import String, environment_values, scan

_STAGE_RE = re.compile(r"(?<![\w.])stage\s*\(")
_WHEN_RE = re.compile(r"(?<![\w.])when\s*\{")
_CONDITION_RE = re.compile(r"(?<![\w.])environment\s+(name|value)\s*:\s*")
_SECOND_RE = re.compile(r"\s*,\s*(name|value)\s*:\s*")


class _Braces:
    """The braces of a masked text, read once: the depth at an offset (the `{` before it less the `}`), and the
    first `{` at or after an offset."""

    def __init__(self, masked: str) -> None:
        self._offsets: list[int] = []
        self._depths: list[int] = [0]  # the depth after each brace
        self._openings: list[int] = []
        for brace in re.finditer(r"[{}]", masked):
            self._offsets.append(brace.start())
            self._depths.append(self._depths[-1] + (1 if brace.group() == "{" else -1))
            if brace.group() == "{":
                self._openings.append(brace.start())

    def depth(self, at: int) -> int:
        """The `{` before offset `at` less the `}`."""
        return self._depths[bisect_left(self._offsets, at)]

    def opening(self, at: int) -> int:
        """The offset of the first `{` at or after `at`; -1 when there is none."""
        index = bisect_left(self._openings, at)
        return self._openings[index] if index < len(self._openings) else -1


def _fields(condition: re.Match[str], masked: str, strings: dict[int, String]) -> dict[str, str]:
    """`name` and `value` of an `environment name: '...', value: '...'` condition (either order)."""
    first = strings.get(condition.end())
    second = _SECOND_RE.match(masked, first.end) if first is not None else None
    other = strings.get(second.end()) if second is not None else None
    if first is None or second is None or other is None or second.group(1) == condition.group(1):
        return {}
    return {condition.group(1): first.body, second.group(1): other.body}


def never_running_stages(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the stages of `text` that never run (see the module's docstring)."""
    if "environment" not in text or "when" not in text:
        return []
    known = {name: values[0] for name, values in environment_values(text).items() if len(values) == 1}
    if not known:
        return []
    masked, strings = scan(text)
    blocks, braces = Blocks(masked), _Braces(masked)
    whens = list(_WHEN_RE.finditer(masked))
    starts = [when.start() for when in whens]
    spans: list[tuple[int, int]] = []
    for stage in _STAGE_RE.finditer(masked):
        if spans and spans[-1][0] <= stage.start() < spans[-1][1]:  # spans never nest: only the last may hold it
            continue
        opening = braces.opening(stage.end())
        if opening < 0:
            continue
        end = blocks.closing(opening)
        index = bisect_left(starts, opening + 1)  # the first `when` inside the stage
        when = whens[index] if index < len(whens) and whens[index].end() <= end else None
        if when is None or braces.depth(when.start()) != braces.depth(opening + 1):
            continue  # no `when` of the stage's own (one of a nested stage)
        when_end = blocks.closing(when.end() - 1)
        for condition in _CONDITION_RE.finditer(masked, when.end(), when_end):
            if braces.depth(condition.start()) != braces.depth(when.end()):
                continue  # inside `not { }`, `anyOf { }`, `allOf { }`
            fields = _fields(condition, masked, strings)
            name, value = fields.get("name"), fields.get("value")
            if name in known and value is not None and "$" not in value and known[name] != value:
                spans.append((stage.start(), end + 1))
                break
    return spans


def without_never_running_stages(text: str) -> str:
    """`text` with the stages that never run blanked, newlines kept (so lines keep their numbers)."""
    spans = never_running_stages(text)
    if not spans:
        return text
    characters = list(text)
    for start, end in spans:
        for position in range(start, min(end, len(characters))):
            if characters[position] != "\n":
                characters[position] = " "
    return "".join(characters)
