"""When each tag's current upstream digest was first seen (the state behind `minAge`), and its JSON form.

One record per source tag: the digest upstream named when last looked at, and since when. A tag that moves to
another digest starts over (a digest's cooling-off is its own); one that moves back starts over too.

    {"version": 1, "firstSeen": {"docker.io/library/alpine:3.20":
                                 {"digest": "sha256:...", "seen": "2026-12-02T07:00:00.000Z"}}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ecr_mirror.errors import TrustError
from ecr_mirror.oci.manifest import is_digest

VERSION = 1


def iso_time(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(text: object) -> float:
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not a time")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return moment.timestamp()


@dataclass(frozen=True)
class Seen:
    digest: str
    since: float  # epoch seconds


@dataclass
class FirstSeen:
    records: dict[str, Seen] = field(default_factory=dict)  # source tag reference -> its digest, since when
    changed: set[str] = field(default_factory=set)  # tags recorded or changed since loading

    def since(self, tag: str, digest: str, now: float, *, record: bool = True) -> float:
        """When `digest` was first seen under `tag`: the record's time, else `now` (recorded unless told not to)."""
        seen = self.records.get(tag)
        if seen is not None and seen.digest == digest:
            return seen.since
        if record:
            self.records[tag] = Seen(digest, now)
            self.changed.add(tag)
        return now

    def forget(self, tag: str) -> None:
        """The tag's image is mirrored: its record is no longer needed (a later move starts a new one)."""
        if self.records.pop(tag, None) is not None:
            self.changed.add(tag)

    def to_json(self) -> bytes:
        doc = {
            "version": VERSION,
            "firstSeen": {
                tag: {"digest": seen.digest, "seen": iso_time(seen.since)} for tag, seen in sorted(self.records.items())
            },
        }
        return (json.dumps(doc, indent=1) + "\n").encode()


def parse_first_seen(data: bytes, origin: str) -> FirstSeen:
    """The state file's records, or TrustError naming `origin` (a corrupt state is never silently reset)."""
    try:
        doc: Any = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TrustError(f"{origin} is corrupt (not JSON: {exc}); fix or remove it") from exc
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("firstSeen"), dict):
        raise TrustError(
            f"{origin} is corrupt: expected {{'version': {VERSION}, 'firstSeen': {{...}}}}; fix or remove it"
        )
    records: dict[str, Seen] = {}
    for tag, raw in doc["firstSeen"].items():
        try:
            digest = raw["digest"]
            if not isinstance(digest, str) or not is_digest(digest):
                raise ValueError(f"{digest!r} is not a digest")
            records[tag] = Seen(digest, parse_time(raw["seen"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise TrustError(f"{origin} is corrupt at {tag!r}: {exc}; fix or remove it") from exc
    return FirstSeen(records)
