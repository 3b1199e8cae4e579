"""The argument lists of JVM test assertions that the code they run throws (pure).

`assertThatThrownBy(() -> new EmulatorContainer(DockerImageName.parse("other/image:latest")))` checks that the
constructor rejects the image: the container is never created nor started, so Testcontainers pulls nothing. Read:
JUnit 5's `assertThrows(X.class, () -> ...)` and `assertThrowsExactly`
(https://docs.junit.org/current/api/org.junit.jupiter.api/org/junit/jupiter/api/Assertions.html), TestNG's
`expectThrows`, AssertJ's `assertThatThrownBy(() -> ...)` and `assertThatExceptionOfType(X.class).isThrownBy(() ->
...)` (also `assertThatIllegalStateException()`..., https://assertj.github.io/doc/#assertj-core-exception-assertions),
each from its `(` to the `)` closing it. The text is read once with its string literals blanked, the parentheses
matched in one pass (jenkins_blocks.Blocks): linear in its size.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right

from ecr_mirror.choose.discovery.jenkins_blocks import Blocks

_CALL_RE = re.compile(r"(?<![\w$])(?:assertThrows|assertThrowsExactly|expectThrows|assertThatThrownBy|isThrownBy)\s*\(")
_STRING_RE = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def thrown_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the argument lists of the assertions that the code throws, in order, those inside
    another joined to it."""
    if "Throw" not in text:
        return []
    masked = _STRING_RE.sub(lambda match: '"' + " " * (len(match.group()) - 2) + '"', text)
    parentheses = Blocks(masked, "()")
    spans: list[tuple[int, int]] = []
    for call in _CALL_RE.finditer(masked):
        start = call.end() - 1
        end = parentheses.closing(start)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def inside_thrown(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in one of `spans` (thrown_spans)."""
    index = bisect_right(spans, (offset, sys.maxsize)) - 1
    return index >= 0 and spans[index][0] <= offset <= spans[index][1]
