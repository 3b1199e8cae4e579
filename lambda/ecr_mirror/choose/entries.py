"""The parts of a parsed image list: an entry (one image to mirror) and a line's error (pure, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from ecr_mirror.oci.reference import Reference
from ecr_mirror.trust.policy import Policy


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    text: str
    source: Reference
    platforms: tuple[str, ...] = ()  # empty: copy indexes whole
    referrers: bool = False
    policies: tuple[Policy, ...] = ()  # every one must pass before the target tag moves


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"
