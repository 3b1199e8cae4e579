"""`sync --images FILE` (or `-`, standard input): read the list, tell its bad lines and warnings on stderr, and
give both to the JSON report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ecr_mirror.choose.imagelist import MAX_LIST_BYTES, ImageList, LineError, parse_image_list
from ecr_mirror.errors import MirrorError

STDIN = "-"
_RANGES_SHOWN = 5


def shown_name(path: Path) -> str:
    return "standard input" if str(path) == STDIN else str(path)


def read_list(path: Path) -> ImageList:
    """Parse the list at `path` (`-`: standard input), reading at most the size limit plus one byte (so that
    `--images /dev/zero` cannot exhaust memory); bad lines and warnings go to stderr."""
    name = shown_name(path)
    try:
        if str(path) == STDIN:
            data = sys.stdin.buffer.read(MAX_LIST_BYTES + 1)
        else:
            with path.open("rb") as handle:
                data = handle.read(MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise MirrorError(f"cannot read image list {name!r}: {exc.strerror or exc}") from exc
    images = parse_image_list(data, origin=f"image list {name!r}")
    for problem in images.errors:
        print(f"ecr-mirror: {name}:{problem.line}: {problem.message}", file=sys.stderr)
    _warn(name, images.warnings)
    if not images.entries and not images.rules and not images.errors:
        raise MirrorError(f"image list {name!r} names no images")
    return images


def _warn(name: str, warnings: list[LineError]) -> None:
    """One warning as it is; many (duplicates pasted from several teams' lists) as one line with a count."""
    if len(warnings) == 1:
        (warning,) = warnings
        print(f"ecr-mirror: warning: {name}:{warning.line}: {warning.message}", file=sys.stderr)
    elif warnings:
        ranges = _ranges(sorted(w.line for w in warnings))
        shown = ", ".join(ranges[:_RANGES_SHOWN]) + (", ..." if len(ranges) > _RANGES_SHOWN else "")
        print(
            f"ecr-mirror: warning: {name}: {len(warnings)} lines duplicate earlier ones and were merged: "
            f"lines {shown} (--json lists each)",
            file=sys.stderr,
        )


def _ranges(lines: list[int]) -> list[str]:
    """[3, 4, 5, 9] -> ["3-5", "9"]."""
    out: list[str] = []
    start = previous = lines[0]
    for line in [*lines[1:], -1]:
        if line != previous + 1:
            out.append(str(start) if start == previous else f"{start}-{previous}")
            start = line
        previous = line
    return out


def list_problems(images: ImageList, path: Path) -> dict[str, Any]:
    """The list's bad lines and warnings for the JSON report, shaped as the function's return value has them."""
    name = shown_name(path)
    return {
        "list_errors": [_line(name, e) for e in images.errors],
        "list_warnings": [_line(name, w) for w in images.warnings],
    }


def _line(name: str, problem: LineError) -> dict[str, Any]:
    return {"list": name, "line": problem.line, "text": problem.text, "reason": problem.message}
