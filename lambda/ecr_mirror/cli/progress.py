"""Progress a person can follow: one live line on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from ecr_mirror.cli.terminal import safe
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.mirror.run import Job


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} TB"


# Plain lines (a CI log) are written at most this often, a batch at a time: a warm run of 2,000 entries finishes
# most of them within a second, and a write with its flush per line wakes the log's reader 2,000 times (0.3 s of a
# loaded run's profile; 2,000 lines to a pipe alone: 30-41 ms a line at a time, 24 ms batched).
BATCH_SECONDS = 0.5


class ConsoleProgress:
    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        *,
        interactive: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.total = total
        self.done = 0
        self.bytes = 0
        self.current: list[str] = []
        self._clock = clock
        self.started_at = clock()
        self._last_draw = 0.0
        self._waiting: list[str] = []  # plain lines not written yet
        self._last_write: float | None = None

    def expect(self, total: int) -> None:
        self.total = total

    def started(self, job: Job) -> None:
        self.current.append(str(job.source))
        self._write_due()
        self._draw(force=True)

    def moved(self, nbytes: int) -> None:
        self.bytes += nbytes
        self._write_due()
        self._draw()

    def finished(self, result: ImageResult) -> None:
        self.done += 1
        if result.source in self.current:
            self.current.remove(result.source)
        line = f"[{self.done}/{self.total}] {result.status.value:<8} {safe(result.source)} -> {safe(result.target)}"
        if result.status is Status.COPIED:
            line += f" ({human_bytes(result.bytes)})"
        if result.error:
            line += f": {safe(result.error)}"
        elif result.detail and result.status is not Status.COPIED:
            line += f" ({safe(result.detail)})"
        if self.interactive:
            self._clear()
            print(line, file=self.stream, flush=True)
            self._draw(force=True)
            return
        self._waiting.append(line)
        if result.status is Status.FAILED:
            self._write()
        else:
            self._write_due()

    def close(self) -> None:
        self._write()
        self._clear()

    def _write_due(self) -> None:
        if self._waiting and (self._last_write is None or self._clock() - self._last_write >= BATCH_SECONDS):
            self._write()

    def _write(self) -> None:
        """The plain lines waiting, in one write."""
        if not self._waiting:
            return
        self.stream.write("\n".join(self._waiting) + "\n")
        self.stream.flush()
        self._waiting.clear()
        self._last_write = self._clock()

    def _clear(self) -> None:
        if self.interactive:
            self.stream.write("\r\x1b[2K")

    def _draw(self, force: bool = False) -> None:
        if not self.interactive:
            return
        now = self._clock()
        if not force and now - self._last_draw < 0.2:
            return
        self._last_draw = now
        rate = self.bytes / max(now - self.started_at, 1e-6)
        current = safe(self.current[0]) if self.current else ""
        more = f" (+{len(self.current) - 1})" if len(self.current) > 1 else ""
        self.stream.write(
            f"\r\x1b[2K{self.done}/{self.total} images  {human_bytes(self.bytes)}  "
            f"{human_bytes(rate)}/s  {current}{more}"[:200]
        )
        self.stream.flush()
