"""Every wait is bounded: response headers come within a limit or the request fails, a blob costs at most twice its
size and a fixed number of GETs whatever its source does, and the command line has a deadline unless told not to."""

from __future__ import annotations

import itertools
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator

import pytest

from ecr_mirror.cli.arguments import build_parser, options_from
from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci.resume import MAX_BLOB_GETS
from ecr_mirror.oci.waits import WaitLimits
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import FAST, failed_with, is_blob_get, job, nothing_tagged, one, run

WAITS = WaitLimits(headers=1.0, stall_window=1.0, stall_floor=64.0)


class _SlowHeaders(socketserver.ThreadingTCPServer):
    """Accepts, reads the request, then answers its headers one byte every `every` seconds (never, with None)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, every: float | None) -> None:
        self.every = every
        self.requests = 0
        self.stopped = threading.Event()
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                sock: socket.socket = self.request
                data = b""
                while b"\r\n\r\n" not in data:
                    piece = sock.recv(4096)
                    if not piece:
                        return
                    data += piece
                server.requests += 1
                head = itertools.chain([b"HTTP/1.1 200 OK\r\n"], itertools.repeat(b"X-Slow: a"))
                try:
                    for line in head:
                        for i in range(len(line)):
                            if server.every is None or server.stopped.wait(server.every):
                                server.stopped.wait(60)  # silent: nothing at all, until the test ends
                                return
                            sock.sendall(line[i : i + 1])
                except OSError:
                    return

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.stopped.set()
        self.shutdown()
        self.server_close()


@pytest.fixture(params=[0.3, None], ids=["headers-trickle", "never-answers"])
def slow_headers(request: pytest.FixtureRequest) -> Iterator[_SlowHeaders]:
    server = _SlowHeaders(request.param)
    yield server
    server.stop()


def test_response_headers_that_do_not_come_in_time_fail_the_image(
    slow_headers: _SlowHeaders, target_registry: LocalRegistry
) -> None:
    report = run([job(f"{slow_headers.host}/lib/x:1", f"{target_registry.host}/m/x:1")], waits=WAITS, deadline=30.0)
    failed_with(one(report), "no response headers within 1s")
    assert slow_headers.requests == FAST.attempts  # retried as a timeout, as often as any timeout, no more


def test_a_target_that_does_not_answer_an_upload_in_time_fails_the_blob(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """The upload's body is sent; the answer to it must come within `after_upload` seconds of its last byte."""
    push_image(source_registry, "lib/mute", oci_image(seed="mute-target"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(lambda s: Action(delay=3.0, status=201) if s.method == "PUT" and "/blobs/" in s.path else None)
    waits = WaitLimits(headers=5.0, after_upload=0.5)
    result = one(run([job(f"{source_registry.host}/lib/mute:1", f"{target.host}/m/mute:1")], waits=waits))
    failed_with(result, "no response headers within 0.5s")
    nothing_tagged(target_registry, "m/mute")


def _one_byte_more_each_time(layer: str) -> Callable[[Seen], Action | None]:
    """A source that ignores Range and cuts every answer one byte later than the one before."""
    counter = itertools.count(1)
    lock = threading.Lock()

    def rule(seen: Seen) -> Action | None:
        if not is_blob_get(seen, layer):
            return None
        with lock:
            n = next(counter)
        return Action(strip_range=True, cut_after=n)

    return rule


def test_a_source_ignoring_range_and_sending_one_byte_more_each_time_costs_a_fixed_number_of_gets(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/creep", oci_image((3000,), seed="creep"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size)
    source = proxy_factory(source_registry.host)
    source.rules.append(_one_byte_more_each_time(layer.digest))
    result = one(run([job(f"{source.host}/lib/creep:1", f"{target_registry.host}/m/creep:1")]))
    failed_with(result, f"given up after {MAX_BLOB_GETS} GETs")
    gets = source.requests("GET", layer.digest)
    assert len(gets) == MAX_BLOB_GETS  # not 3,000
    assert sum(g.sent for g in gets) <= 2 * layer.size
    nothing_tagged(target_registry, "m/creep")


def test_a_source_ignoring_range_and_breaking_at_the_same_place_costs_at_most_twice_the_size(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/repeat", oci_image((400_000,), seed="repeat"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size)
    source = proxy_factory(source_registry.host)
    source.rules.append(lambda s: Action(strip_range=True, cut_fraction=0.9) if is_blob_get(s, layer.digest) else None)
    result = one(run([job(f"{source.host}/lib/repeat:1", f"{target_registry.host}/m/repeat:1")]))
    failed_with(result, "at most twice the size is spent on one blob")
    # 0.9 + 0.9 of the size, then the third answer passes twice the size: given up there, not a fourth GET.
    assert len(source.requests("GET", layer.digest)) == 3
    nothing_tagged(target_registry, "m/repeat")


def test_the_command_line_has_a_default_deadline_it_prints_and_none_lifts_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("copy", "sync"):
        with pytest.raises(SystemExit) as exited:
            main([command, "--help"])
        assert exited.value.code == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "default 2h, 'none' for no deadline" in text, text
    parser = build_parser()
    assert options_from(parser.parse_args(["copy", "a", "b"])).deadline == 7200
    assert options_from(parser.parse_args(["sync", "--images", "f", "--to", "r"])).deadline == 7200
    assert options_from(parser.parse_args(["copy", "a", "b", "--deadline", "none"])).deadline is None
    assert options_from(parser.parse_args(["copy", "a", "b", "--deadline", "90s"])).deadline == 90
