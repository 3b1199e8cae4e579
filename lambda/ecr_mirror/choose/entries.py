"""The parts of a parsed image list: an entry (one image to mirror) and a line's error (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from ecr_mirror.oci.reference import Reference


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    text: str
    source: Reference
    platforms: tuple[str, ...] = ()  # empty: copy indexes whole
    referrers: bool = False


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"
