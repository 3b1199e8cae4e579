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
