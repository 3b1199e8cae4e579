"""The `pub` image constants of a Rust program that another of its sources uses (I/O).

choose/discovery/rust_program_images.py reads a program source's image constants; one the file declares `pub` and
does not use itself is listed when another program source of the tree (not test code, by its path) names it as a
word of its code, comments left out (a deployer's `services.rs` declares `pub const GRAFANA_IMAGE`, its `images.rs`
pulls it). Each source is searched once, for all the names at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.rust_program_images import is_program_source, without_test_items
from ecr_mirror.choose.discovery.rust_sources import without_comments

Read = Callable[[Path], bytes | None]


def used_elsewhere(pending: list[tuple[str, Found]], sources: list[tuple[str, Path]], read: Read) -> list[Found]:
    """The images of `pending` ((name, image) of constants their files declare `pub` and do not use) whose name
    another program source among `sources` uses, in `pending`'s order."""
    if not pending:
        return []
    names = {name for name, _ in pending}
    pattern = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, names))) + r")(?!\w)")
    marks = [name.encode() for name in names]
    users: dict[str, set[str]] = {}  # name -> the files that name it
    for shown, path in sources:
        if not is_program_source(shown) or (data := read(path)) is None or not any(m in data for m in marks):
            continue
        code = without_test_items(without_comments(data.decode("utf-8-sig", errors="replace")))
        for match in pattern.finditer(code):
            users.setdefault(match.group(1), set()).add(shown)
    return [item for name, item in pending if users.get(name, set()) - {item.origin}]
