"""A tag rule applied to a listing page by page: the tags it keeps, and every other tag counted by reason with a
few examples. Nothing else of the listing is kept, and a listing of 100,000 tags is a few report lines, not
100,000 of them."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeGuard

from ecr_mirror.choose.tags import TagRule, select_tags

MAX_EXAMPLES = 3  # tags quoted per reason
MAX_EXAMPLE_CHARS = 64  # a quoted tag is cut here (an invalid one may be megabytes long)
CHUNK = 1000  # tags filtered between two turns of the event loop
# The distribution spec's tag grammar, ASCII only: a listed tag outside it is skipped, never planned.
_TAG_RE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
INVALID_TAG = "not a valid tag (1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'); skipped"


def is_valid_tag(tag: object) -> TypeGuard[str]:
    return isinstance(tag, str) and _TAG_RE.fullmatch(tag) is not None


def _example(tag: object) -> str:
    text = tag if isinstance(tag, str) else repr(tag)
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[:MAX_EXAMPLE_CHARS] + "..."


@dataclass
class Rejected:
    """The tags left out for one reason: how many, and the first few."""

    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, tag: object) -> None:
        self.count += 1
        if len(self.examples) < MAX_EXAMPLES:
            self.examples.append(_example(tag))

    def to_dict(self) -> dict[str, object]:
        return {"count": self.count, "examples": list(self.examples)}


class TagFilter:
    """Feed it each page of a listing, then `finish()`: the selected tags, newest first as `select_tags` orders them.

    Each page (in chunks) is filtered with the whole rule and only the tags that pass are kept; `finish` applies
    the rule again to those. For `latest: N` that is exact: the newest N of the listing are among the newest N of
    their own chunk. Every tag left out is counted once, under its reason, in `rejected`.
    """

    def __init__(self, rule: TagRule) -> None:
        self.rule = rule
        self._kept: dict[str, None] = {}  # insertion-ordered, without the duplicates a listing may repeat
        self.rejected: dict[str, Rejected] = {}

    def _reject(self, tag: object, why: str) -> None:
        self.rejected.setdefault(why, Rejected()).add(tag)

    async def feed(self, page: Sequence[object]) -> None:
        for start in range(0, len(page), CHUNK):
            valid: list[str] = []
            for tag in page[start : start + CHUNK]:
                if is_valid_tag(tag):
                    valid.append(tag)
                else:
                    self._reject(tag, INVALID_TAG)
            selection = select_tags(self.rule, valid)
            for tag in selection.selected:
                self._kept[tag] = None
            for tag, why in selection.rejected.items():
                self._reject(tag, why)
            await asyncio.sleep(0)  # a page may hold 100,000 tags: the run's deadline and other images go on

    def finish(self) -> list[str]:
        selection = select_tags(self.rule, list(self._kept))
        for tag, why in selection.rejected.items():
            self._reject(tag, why)
        return selection.selected

    def rejected_report(self) -> dict[str, dict[str, object]]:
        return {why: group.to_dict() for why, group in sorted(self.rejected.items())}
