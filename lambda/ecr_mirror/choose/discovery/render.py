"""The discovered images as a list file: the line form or the rules form (pure)."""

from __future__ import annotations

import json

from ecr_mirror.choose.discovery.listing import Listing, familiar
from ecr_mirror.oci.reference import Reference


def _comment(files: set[str], note: str | None) -> str:
    text = ", ".join(sorted(files))
    return f"{text} ({note})" if note else text


def _unresolved(listing: Listing) -> list[str]:
    return [
        f"# unresolved: {text}  # {', '.join(sorted(where))}: {reason}"
        for (text, reason), where in sorted(listing.unresolved.items())
    ]


def render_lines(listing: Listing) -> str:
    """`python:3.12-slim  # app/Dockerfile, compose.yaml`, one per line, then `# unresolved: ...` comments."""
    names = {ref: familiar(ref) for ref in listing.images}
    width = max((len(name) for name in names.values()), default=0)
    lines = [
        f"{names[ref].ljust(width)}  # {_comment(files, listing.notes.get(ref))}"
        for ref, files in sorted(listing.images.items(), key=lambda pair: names[pair[0]])
    ]
    lines += _unresolved(listing)
    return "".join(f"{line}\n" for line in lines)


def render_rules(listing: Listing) -> str:
    """The rules form: `- source: REPO` with `tags: [...]` per repository; digest pins as plain items."""
    groups: dict[str, list[Reference]] = {}
    for ref in listing.images:
        key = familiar(ref) if ref.digest else familiar(Reference(ref.registry, ref.repository))
        groups.setdefault(key, []).append(ref)
    lines = ["images:" if groups else "images: []"]
    for key, refs in sorted(groups.items()):
        files = set().union(*(listing.images[ref] for ref in refs))
        notes = "; ".join(note for ref in refs if (note := listing.notes.get(ref)))
        comment = _comment(files, notes or None)
        if refs[0].digest:
            lines.append(f"  - {json.dumps(key)}  # {comment}")
            continue
        tags = ", ".join(json.dumps(ref.tag) for ref in sorted(refs, key=lambda ref: ref.tag or ""))
        lines += [f"  - source: {key}", f"    tags: [{tags}]  # {comment}"]
    lines += _unresolved(listing)
    return "".join(f"{line}\n" for line in lines)
