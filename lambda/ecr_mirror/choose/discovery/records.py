"""One record per use of an image, for `discover --json` (pure).

Each record: `file`, `line` (null when unknown), `kind` (the file's kind), `use` (`FROM`, `# syntax`, `image`,
`services`, ...), `written` (the text after substitution, or as written when unresolved), `reference` (Docker's
short form, null when unresolved), `status` and `reason`. Status: `public` (to mirror), `left-out` (a private
registry or under --mirror), `built-here` (an image the tree builds before using it: `docker build -t` in a
Makefile, script or CI step; the reason says where), `optional` (used only by what does not run by default: a
chart component its values turn off; the reason says which; `--with-optional` lists them as the others),
`unresolved`; with a list to compare: `mirrored` or `missing`
instead of `public`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import Probed, classify, familiar, mirrored
from ecr_mirror.choose.imagelist import ImageList
from ecr_mirror.choose.naming import split_destination
from ecr_mirror.oci.reference import Reference


def records(
    found: Iterable[Found],
    *,
    public: frozenset[str],
    mirror: str | None = None,
    against: ImageList | None = None,
    probed: Mapping[Reference, Probed] | None = None,
) -> list[dict[str, Any]]:
    destination = split_destination(mirror) if mirror else None
    out: list[dict[str, Any]] = []
    for item in found:
        verdict = classify(item, public=public, mirror=destination, probed=probed)
        status, reason = verdict.status, verdict.reason
        if verdict.ref is not None and status == "public" and against is not None:
            covered, note = mirrored(verdict.ref, against)
            status, reason = ("mirrored", None) if covered else ("missing", note)
        out.append(
            {
                "file": item.origin,
                "line": item.line,
                "kind": item.kind,
                "use": item.use,
                "written": item.text,
                "reference": familiar(verdict.ref) if verdict.ref is not None else None,
                "status": status,
                "reason": reason,
            }
        )
    return out
