"""What one discover run has already read, so that a reading asked for again in the same run is not redone.

A script is read by each reader that wants its pulls: on its own, with each call's arguments, with each workflow
step's env, by each Makefile that runs it (kserve's hack/ scripts are read hundreds of times, most with the same
text). A reading that also looks at the files beside it (the manifests a script fills in with `sed -i`, the values it
hands `helm -f`) is the same for the same text only while the tree does not change, so it is remembered for one run
only (`remembering`, around the reading of a tree), never across runs of one process. Outside a run nothing is
remembered.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import TypeVar

_T = TypeVar("_T")
_MEMO: ContextVar[dict[Hashable, object] | None] = ContextVar("discover_memo", default=None)


@contextlib.contextmanager
def remembering() -> Iterator[None]:
    """Readings asked for within the block are remembered until it ends."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def remembered(key: Hashable, compute: Callable[[], _T]) -> _T:
    """`compute()`'s result, computed once per `key` within a `remembering` block (every time outside one). The
    result is shared: callers must not change it (return tuples, frozen dataclasses)."""
    memo = _MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[return-value]
