"""The link a WAN proxy stands in for (bench/wan.py): its settings, what crossed it, and the pacing of one
direction under a bandwidth cap."""

from __future__ import annotations

from dataclasses import dataclass

CHUNK = 1 << 20
DEFAULT_WINDOW = 8 << 20


@dataclass(frozen=True)
class LinkSpec:
    latency: float  # seconds, one way
    bandwidth: float | None = None  # bytes per second per direction, shared by all connections; None: no cap
    window: int = DEFAULT_WINDOW  # bytes in flight per connection and direction
    handshake: bool = True  # a new connection's first bytes wait one extra round trip (TCP's SYN, SYN-ACK)

    def __post_init__(self) -> None:
        if self.latency < 0:
            raise ValueError(f"latency must be >= 0, got {self.latency}")
        if self.bandwidth is not None and self.bandwidth <= 0:
            raise ValueError(f"bandwidth must be > 0 bytes/s, got {self.bandwidth}")
        if self.window < CHUNK:
            raise ValueError(f"window must be >= {CHUNK} bytes, got {self.window}")


@dataclass
class Counters:
    """What crossed the proxy. Written by the proxy's loop only; plain ints, safe to read from another thread."""

    bytes_up: int = 0  # client -> upstream
    bytes_down: int = 0  # upstream -> client
    connections: int = 0  # accepted since the last reset
    open_connections: int = 0
    peak_connections: int = 0  # most connections open at once since the last reset
    cuts: int = 0

    def reset(self) -> None:
        self.bytes_up = self.bytes_down = self.connections = self.cuts = 0
        self.peak_connections = self.open_connections


@dataclass
class Link:
    """One direction of the shared link: when it is free to send the next byte (bandwidth pacing)."""

    spec: LinkSpec
    free_at: float = 0.0

    def depart(self, now: float, size: int) -> float:
        if self.spec.bandwidth is None:
            return now
        self.free_at = max(now, self.free_at) + size / self.spec.bandwidth
        return self.free_at
