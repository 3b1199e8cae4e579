"""HEAD requests without the general HTTP machinery: one pre-built request written on a kept connection, and the
answer's head read and parsed here (an answer to HEAD has no body, whatever its headers say).

A warm plan is thousands of manifest HEADs; through httpx, httpcore and h11 each one built and validated about
a dozen objects (BENCHMARKS.md, "Planning at scale"). This is only the exchange: which connection it runs on, its
slot and its deadline are origin_pools.py's, and what the answer means (redirects, retries, a 401's token flow) is
decided by the transport exactly as for any other answer. Nothing is relaxed here:

- the request's header names must be tokens and their values visible ASCII (a CR or LF cannot inject a header):
  otherwise it is not built, and the general path (h11) refuses it as before;
- a head longer than httpcore's limit (100 KiB) is refused, as h11 refuses it;
- a head that is not a plain HTTP/1.x status line and `name: value` lines (an obsolete line fold, a bare LF,
  unusual framing headers) is handed to h11 to parse, with h11's own verdict and error;
- informational (1xx) answers are skipped as h11 skips them, a 101 is refused;
- a connection is kept only for an HTTP/1.1 answer without `Connection: close` and with nothing after its head.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import h11
import httpcore

MAX_HEAD = 100 * 1024  # httpcore's h11 limit (AsyncHTTP11Connection.MAX_INCOMPLETE_EVENT_SIZE)
READ_BYTES = 64 * 1024
_END = re.compile(rb"\n\r?\n")  # h11's end of a head: it accepts bare LF line ends too
_STATUS = re.compile(rb"HTTP/1\.([01]) ([0-9]{3})(?: ([\t\x20-\x7e\x80-\xff]*))?")
_VCHAR = rb"[\x21-\x7e\x80-\xff]"
_FIELD = re.compile(
    rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*((?:" + _VCHAR + rb"(?:[ \t\x21-\x7e\x80-\xff]*" + _VCHAR + rb")?)?)[ \t]*"
)
# A request header we write ourselves: a token for a name, visible ASCII with inner spaces for a value (as h11 checks).
_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_VALUE = re.compile(r"(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?")
_FRAMING = (b"content-length", b"transfer-encoding")


class Gone(Exception):
    """The kept connection ended before any byte of an answer (the server closed it while it was idle): the
    request can be sent again elsewhere."""


@dataclass(frozen=True, slots=True)
class Head:
    status: int
    reason: bytes
    http_version: bytes
    headers: list[tuple[bytes, bytes]]
    keep: bool  # the connection may carry another request


def request_bytes(target: bytes, headers: Iterable[tuple[str, str]]) -> bytes | None:
    """`HEAD target HTTP/1.1` with `headers` (Host first), or None when a value is unfit for the lean path."""
    lines = [b"HEAD " + target + b" HTTP/1.1"]
    for name, value in headers:
        if not _VALUE.fullmatch(value) or not _NAME.fullmatch(name):
            return None
        lines.append(f"{name}: {value}".encode("ascii"))
    return b"\r\n".join(lines) + b"\r\n\r\n"


async def exchange(stream: httpcore.AsyncNetworkStream, request: bytes, target: bytes, host: bytes) -> Head:
    """Write `request`, read its answer's head. Raises Gone, or httpcore's errors as its HTTP/1.1 code would."""
    try:
        await stream.write(request)
    except httpcore.WriteError as exc:
        raise Gone(str(exc)) from exc
    buffer = b""
    received = False
    while True:
        try:
            chunk = await stream.read(READ_BYTES)
        except httpcore.ReadError as exc:
            if not received:
                raise Gone(str(exc)) from exc
            raise
        if not chunk:
            if not received:
                raise Gone("the server closed the connection")
            raise httpcore.RemoteProtocolError("Server disconnected without sending a complete response head")
        received = True
        buffer += chunk
        while (end := _END.search(buffer)) is not None:
            if end.start() > MAX_HEAD:
                raise httpcore.RemoteProtocolError(f"the answer's head is over {MAX_HEAD} bytes; refused")
            head, buffer = buffer[: end.start()].removesuffix(b"\r"), buffer[end.end() :]
            answer = parse(head, target, host, bool(buffer))
            if answer is not None:
                return answer  # else an informational answer, skipped: the real one follows
        if len(buffer) > MAX_HEAD:
            raise httpcore.RemoteProtocolError(f"the answer's head is over {MAX_HEAD} bytes; refused")


def parse(head: bytes, target: bytes, host: bytes, trailing: bool) -> Head | None:
    """A head (without its blank line); None for an informational answer to skip."""
    lines = head.split(b"\r\n")
    status_line = _STATUS.fullmatch(lines[0])
    if status_line is None:
        return _by_h11(head, target, host, trailing)
    headers: list[tuple[bytes, bytes]] = []
    keep = status_line.group(1) == b"1"
    for line in lines[1:]:
        field = _FIELD.fullmatch(line)
        if field is None:
            return _by_h11(head, target, host, trailing)
        name, value = field.groups()
        lowered = name.lower()
        if lowered in _FRAMING and not _plain_framing(lowered, value, headers):
            return _by_h11(head, target, host, trailing)
        if lowered == b"connection" and b"close" in value.lower():
            keep = False
        headers.append((name, value))
    status = int(status_line.group(2))
    if status < 100:
        return _by_h11(head, target, host, trailing)
    if status < 200:
        if status == 101:
            raise httpcore.RemoteProtocolError("the server switched protocols (101) in answer to a HEAD")
        return None
    version = b"HTTP/1." + status_line.group(1)
    return Head(status, status_line.group(3) or b"", version, headers, keep and not trailing)


def _plain_framing(name: bytes, value: bytes, seen: list[tuple[bytes, bytes]]) -> bool:
    """A single Content-Length of digits, or `Transfer-Encoding: chunked`: anything else is h11's to judge."""
    if any(other.lower() == name for other, _ in seen):
        return False
    return value.isdigit() if name == b"content-length" else value.lower() == b"chunked"


def _by_h11(head: bytes, target: bytes, host: bytes, trailing: bool) -> Head | None:
    """A head the strict reading above does not take, read by h11 as the general path would read it."""
    machine = h11.Connection(our_role=h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
    machine.send(h11.Request(method=b"HEAD", target=target, headers=[(b"Host", host)]))
    machine.send(h11.EndOfMessage())
    machine.receive_data(head + b"\r\n\r\n")
    try:
        event = machine.next_event()
    except h11.RemoteProtocolError as exc:
        raise httpcore.RemoteProtocolError(str(exc)) from exc
    if isinstance(event, h11.InformationalResponse):
        if event.status_code == 101:
            raise httpcore.RemoteProtocolError("the server switched protocols (101) in answer to a HEAD")
        return None
    if not isinstance(event, h11.Response):  # pragma: no cover - a whole head always makes one event
        raise httpcore.RemoteProtocolError(f"unexpected answer: {type(event).__name__}")
    keep = event.http_version == b"1.1" and not any(
        n == b"connection" and b"close" in v.lower() for n, v in event.headers
    )
    headers = [(name, value) for name, value in event.headers.raw_items()]
    return Head(event.status_code, event.reason, b"HTTP/" + event.http_version, headers, keep and not trailing)
