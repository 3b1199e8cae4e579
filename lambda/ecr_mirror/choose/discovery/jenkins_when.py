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
"""

from __future__ import annotations

import re

from ecr_mirror.choose.discovery.jenkins_blocks import Blocks
from ecr_mirror.choose.discovery.jenkinsfile import String, environment_values, scan

_STAGE_RE = re.compile(r"(?<![\w.])stage\s*\(")
_WHEN_RE = re.compile(r"(?<![\w.])when\s*\{")
_CONDITION_RE = re.compile(r"(?<![\w.])environment\s+(name|value)\s*:\s*")
_SECOND_RE = re.compile(r"\s*,\s*(name|value)\s*:\s*")


def _depth(masked: str, start: int, end: int) -> int:
    return masked.count("{", start, end) - masked.count("}", start, end)


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
    braces = Blocks(masked)
    spans: list[tuple[int, int]] = []
    for stage in _STAGE_RE.finditer(masked):
        if any(start <= stage.start() < end for start, end in spans):
            continue
        opening = masked.find("{", stage.end())
        if opening < 0:
            continue
        end = braces.closing(opening)
        when = _WHEN_RE.search(masked, opening + 1, end)
        if when is None or _depth(masked, opening + 1, when.start()) != 0:
            continue  # no `when` of the stage's own (one of a nested stage)
        when_end = braces.closing(when.end() - 1)
        for condition in _CONDITION_RE.finditer(masked, when.end(), when_end):
            if _depth(masked, when.end(), condition.start()) != 0:
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
