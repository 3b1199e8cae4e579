"""The lean HEAD path's reading of an answer's head, by itself (oci/lean_head.parse): a plain head read directly,
any other handed to h11 with h11's verdict, and each answer compared whole (status, reason, version, headers as
sent, whether the connection may be kept)."""

from __future__ import annotations

import httpcore
import pytest

from ecr_mirror.oci.lean_head import Head, parse

FOLD = b"X-Folded: one\r\n two"  # an obsolete line fold: only h11 reads it


def _parse(head: bytes, trailing: bool = False) -> Head | None:
    return parse(head, b"/v2/a/manifests/1", b"registry.test", trailing)


def test_a_plain_head_is_read_whole() -> None:
    head = b"HTTP/1.1 200 Fine Thanks\r\nContent-Length: 7\r\nDocker-Content-Digest: sha256:abc\r\nX-Empty:"
    assert _parse(head) == Head(
        200,
        b"Fine Thanks",
        b"HTTP/1.1",
        [(b"Content-Length", b"7"), (b"Docker-Content-Digest", b"sha256:abc"), (b"X-Empty", b"")],
        True,
    )
    assert _parse(b"HTTP/1.1 404\r\nTransfer-Encoding: Chunked") == Head(
        404, b"", b"HTTP/1.1", [(b"Transfer-Encoding", b"Chunked")], True
    )


def test_a_head_h11_reads_is_read_whole_with_the_names_as_sent() -> None:
    head = b"HTTP/1.1 200 Fine Thanks\r\n" + FOLD + b"\r\nContent-Length: 7\r\nX-Last: z"
    assert _parse(head) == Head(
        200,
        b"Fine Thanks",
        b"HTTP/1.1",
        [(b"X-Folded", b"one two"), (b"Content-Length", b"7"), (b"X-Last", b"z")],
        True,
    )
    assert _parse(b"HTTP/1.1 204 No Content\nX-Lf: yes") == Head(
        204, b"No Content", b"HTTP/1.1", [(b"X-Lf", b"yes")], True
    )


@pytest.mark.parametrize("fold", [b"", FOLD + b"\r\n"], ids=["plain", "h11"])
@pytest.mark.parametrize(
    ("status_line", "field", "keep"),
    [
        (b"HTTP/1.1 200 OK", b"X-A: b", True),
        (b"HTTP/1.0 200 OK", b"X-A: b", False),
        (b"HTTP/1.1 200 OK", b"Connection: keep-alive", True),
        (b"HTTP/1.1 200 OK", b"Connection: close", False),
        (b"HTTP/1.1 200 OK", b"CONNECTION: Keep-Alive, CLOSE", False),
        (b"HTTP/1.1 200 OK", b"X-Connection: close", True),
    ],
)
def test_a_connection_is_kept_only_for_http_1_1_without_connection_close(
    fold: bytes, status_line: bytes, field: bytes, keep: bool
) -> None:
    answer = _parse(status_line + b"\r\n" + fold + field)
    assert answer is not None
    assert (answer.keep, answer.http_version) == (keep, status_line[:8])
    assert answer.headers[-1] == tuple(field.split(b": ", 1))
    trailed = _parse(status_line + b"\r\n" + fold + field, trailing=True)
    assert trailed is not None and trailed.keep is False  # bytes after the head: the connection is not reused


def test_a_status_line_only_h11_reads_keeps_the_connection_only_when_nothing_follows_the_head() -> None:
    head = b"HTTP/1.1 204 No Content\nX-Lf: yes"  # a bare line feed: the status line is h11's to read
    alone, trailed = _parse(head), _parse(head, trailing=True)
    assert alone is not None and trailed is not None
    assert (alone.status, alone.keep, trailed.keep) == (204, True, False)


@pytest.mark.parametrize("fold", [b"", FOLD + b"\r\n"], ids=["plain", "h11"])
@pytest.mark.parametrize("status", [100, 102, 103, 199])
def test_an_informational_answer_is_skipped(fold: bytes, status: int) -> None:
    assert _parse(b"HTTP/1.1 %d Wait\r\n" % status + fold + b"X-A: b") is None


def test_a_protocol_switch_is_refused_on_either_path() -> None:
    with pytest.raises(
        httpcore.RemoteProtocolError, match=r"^the server switched protocols \(101\) in answer to a HEAD$"
    ):
        _parse(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c")
    with pytest.raises(httpcore.RemoteProtocolError, match="_SWITCH_UPGRADE event without a pending proposal"):
        _parse(b"HTTP/1.1 101 Switching Protocols\r\n" + FOLD)


@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"HTTP/1.1 099 Low\r\nX-A: b", "InformationalResponse status_code should be in range [100, 200), not 99"),
        (b"HTTP/1.1 2OO OK\r\nX-A: b", "illegal status line: bytearray(b'HTTP/1.1 2OO OK')"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 7\r\nContent-Length: 8", "conflicting Content-Length headers"),
        (b"HTTP/1.1 200 OK\r\ncontent-length: 7\r\nContent-Length: 7", None),
        (b"HTTP/1.1 200 OK\r\nContent-Length: +7", "bad Content-Length"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked", "Only Transfer-Encoding: chunked is supported"),
        (b"HTTP/1.1 200 OK\r\nBad Name: v", "illegal header line: bytearray(b'Bad Name: v')"),
    ],
)
def test_a_head_the_plain_reading_does_not_take_gets_h11s_verdict(head: bytes, message: str | None) -> None:
    if message is None:  # a repeated Content-Length of one value: h11 takes it, as one
        assert _parse(head) == Head(200, b"OK", b"HTTP/1.1", [(b"content-length", b"7")], True)
        return
    with pytest.raises(httpcore.RemoteProtocolError) as refused:
        _parse(head)
    assert str(refused.value) == message
