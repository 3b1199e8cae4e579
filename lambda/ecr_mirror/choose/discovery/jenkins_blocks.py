"""Where the blocks of a Jenkinsfile close, and which block is around an offset (pure), each read in one pass over
the text or the offsets: linear however many blocks a pipeline opens (jenkinsfile.py, jenkins_when.py,
jenkins_matrix.py read masked texts, comments and string contents blanked)."""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left

Block = tuple[int, int, str | None, int]  # a withRegistry block: start, end, host (None: unknown), line


class Blocks:
    """Where each `pair[0]` of a masked text closes (`{ }` blocks by default; `( )` argument lists), read in one pass:
    at the `pair[1]` that brings the depth back (the blocks inside closing first), or at the end of the text when
    none does."""

    def __init__(self, masked: str, pair: str = "{}") -> None:
        self._size = len(masked)
        self._openings: list[int] = []
        self._closings: dict[int, int] = {}
        open_ones: list[int] = []
        for match in re.finditer(re.escape(pair[0]) + "|" + re.escape(pair[1]), masked):
            if match.group() == pair[0]:
                open_ones.append(match.start())
                self._openings.append(match.start())
            elif open_ones:
                self._closings[open_ones.pop()] = match.start()

    def closing(self, opening: int) -> int:
        """The offset of the `pair[1]` closing the `pair[0]` at `opening` (the end of the text if unbalanced)."""
        return self._closings.get(opening, self._size)

    def end(self, start: int) -> int:
        """The offset of the `pair[1]` closing the first `pair[0]` at or after `start` (the end of the text if
        unbalanced; `start` when there is none)."""
        index = bisect_left(self._openings, start)
        return start if index == len(self._openings) else self.closing(self._openings[index])


def innermost(blocks: list[Block], offsets: list[int]) -> dict[int, Block]:
    """Each offset inside a `withRegistry` block -> the last-opened block around it (`blocks` in the file's order), in
    one sweep over the offsets in order: a block ended before an offset ends before every later one."""
    around: dict[int, Block] = {}
    opened: list[tuple[int, int]] = []  # (-index, end) of the blocks opened so far, the last-opened first
    index = 0
    for offset in sorted(set(offsets)):
        while index < len(blocks) and blocks[index][0] <= offset:
            heapq.heappush(opened, (-index, blocks[index][1]))
            index += 1
        while opened and opened[0][1] < offset:
            heapq.heappop(opened)
        if opened:
            around[offset] = blocks[-opened[0][0]]
    return around
