from __future__ import annotations

import io

from ecr_mirror.cli.progress import ConsoleProgress, human_bytes
from ecr_mirror.mirror.report import ImageResult, Status
from ecr_mirror.mirror.run import Job
from ecr_mirror.oci.reference import parse_reference


def _job(name: str) -> Job:
    return Job(parse_reference(name), parse_reference(f"r.example.com/m/{name}"))


def test_terminal_shows_a_live_line_with_counts_bytes_and_current_image() -> None:
    out = io.StringIO()
    progress = ConsoleProgress(2, out, interactive=True)
    progress.started(_job("alpine:3.20"))
    progress.moved(5_000_000)
    progress._draw(force=True)
    screen = out.getvalue()
    assert "\r\x1b[2K0/2 images  5.0 MB" in screen and "docker.io/library/alpine:3.20" in screen
    progress.finished(ImageResult("docker.io/library/alpine:3.20", "t", Status.COPIED, bytes=5_000_000))
    progress.close()
    assert "[1/2] copied   docker.io/library/alpine:3.20 -> t (5.0 MB)" in out.getvalue()


def test_plain_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    progress = ConsoleProgress(1, out, interactive=False)
    progress.started(_job("busybox:1.36"))
    progress.moved(10)
    progress.finished(ImageResult("docker.io/library/busybox:1.36", "t", Status.FAILED, error="HTTP 404"))
    assert out.getvalue() == "[1/1] failed   docker.io/library/busybox:1.36 -> t: HTTP 404\n"


def test_human_bytes() -> None:
    assert [human_bytes(n) for n in (512, 1_500, 2_500_000, 3_200_000_000)] == ["512 B", "1.5 KB", "2.5 MB", "3.2 GB"]


class _Writes(io.StringIO):
    """A stream that counts its writes (each is a system call on a real pipe)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def _skipped(n: int) -> ImageResult:
    return ImageResult(f"docker.io/library/img{n}:1", f"t{n}", Status.SKIPPED, detail="up to date")


def test_plain_lines_are_written_in_batches_at_most_every_half_second_and_all_by_close() -> None:
    now = [100.0]
    out = _Writes()
    progress = ConsoleProgress(2000, out, interactive=False, clock=lambda: now[0])
    progress.finished(_skipped(0))  # the first line is shown at once
    assert out.getvalue() == "[1/2000] skipped  docker.io/library/img0:1 -> t0 (up to date)\n"
    for n in range(1, 1000):  # a warm plan: hundreds of lines within the same half second
        now[0] += 0.0004
        progress.finished(_skipped(n))
    assert out.writes == 1, "lines within half a second of the last write wait for the next batch"
    now[0] += 0.5
    progress.moved(0)  # any event after the interval writes what waits, in one write
    assert out.writes == 2
    assert out.getvalue().count("\n") == 1000
    for n in range(1000, 2000):
        progress.finished(_skipped(n))
    progress.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 2000 and lines[-1].startswith("[2000/2000] skipped  docker.io/library/img1999:1")
    assert out.writes == 3


def test_a_failure_is_written_at_once_with_the_lines_before_it() -> None:
    now = [5.0]
    out = _Writes()
    progress = ConsoleProgress(3, out, interactive=False, clock=lambda: now[0])
    progress.finished(_skipped(0))
    progress.finished(_skipped(1))
    progress.finished(ImageResult("docker.io/library/busybox:1.36", "t", Status.FAILED, error="HTTP 404"))
    assert out.getvalue().splitlines() == [
        "[1/3] skipped  docker.io/library/img0:1 -> t0 (up to date)",
        "[2/3] skipped  docker.io/library/img1:1 -> t1 (up to date)",
        "[3/3] failed   docker.io/library/busybox:1.36 -> t: HTTP 404",
    ]
