"""Parse docker-registry's access log into (method, kind) records, so tests can count requests.

distribution 2.8.2 writes one Apache "combined" line per request to STDOUT, for every request, including
401 challenges and router-level 404s (e.g. the referrers API it does not implement):

    127.0.0.1 - - [29/Nov/2026:11:30:50 +0000] "HEAD /v2/foo/manifests/latest HTTP/1.1" 404 96 "" "curl/7.88.1"

Its JSON application log (stderr, `log.formatter: json`) has "response completed" lines with
`http.request.method` / `http.request.uri`, but only for requests that reached a registry handler, so the
access log is the complete source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Kind = Literal["base", "manifest", "blob", "upload", "tags", "referrers", "catalog", "other"]
KINDS: tuple[Kind, ...] = ("base", "manifest", "blob", "upload", "tags", "referrers", "catalog", "other")

_LINE_RE = re.compile(r'^\S+ \S+ \S+ \[[^\]]*\] "(?P<method>[A-Z]+) (?P<uri>\S+) [^"]*" (?P<status>\d{3}) ')
_ROUTES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("base", re.compile(r"^/v2/?$")),
    ("catalog", re.compile(r"^/v2/_catalog$")),
    ("upload", re.compile(r"^/v2/(?P<name>.+)/blobs/uploads(?:/.*)?$")),
    ("blob", re.compile(r"^/v2/(?P<name>.+)/blobs/(?P<ref>[^/]+)$")),
    ("manifest", re.compile(r"^/v2/(?P<name>.+)/manifests/(?P<ref>[^/]+)$")),
    ("tags", re.compile(r"^/v2/(?P<name>.+)/tags/list$")),
    ("referrers", re.compile(r"^/v2/(?P<name>.+)/referrers/(?P<ref>[^/]+)$")),
)


@dataclass(frozen=True)
class RequestRecord:
    method: str
    uri: str  # as sent, with the query string
    status: int
    kind: Kind
    repository: str | None  # None for base, catalog and other
    reference: str | None  # tag or digest for manifests, digest for blobs and referrers


def classify(path: str) -> tuple[Kind, str | None, str | None]:
    """/v2/library/alpine/manifests/3.20 -> ("manifest", "library/alpine", "3.20")."""
    path = path.split("?", 1)[0]
    for kind, pattern in _ROUTES:
        match = pattern.match(path)
        if match:
            groups = match.groupdict()
            return kind, groups.get("name"), groups.get("ref")
    return "other", None, None


def parse_line(line: str) -> RequestRecord | None:
    """One access-log line as a record; None for anything else."""
    match = _LINE_RE.match(line)
    if not match:
        return None
    uri = match.group("uri")
    kind, repository, reference = classify(uri)
    return RequestRecord(match.group("method"), uri, int(match.group("status")), kind, repository, reference)


def count(records: Iterable[RequestRecord]) -> Counter[tuple[str, str]]:
    """Counter of (method, kind), e.g. counts[("GET", "manifest")]."""
    return Counter((r.method, r.kind) for r in records)
