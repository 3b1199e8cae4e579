"""One content per target tag (pure, no I/O): entries that write the same thing are merged, entries that would
write different things under one target tag are refused together, naming every line.

Used twice: when the list is parsed (exact entries) and by the run once tag rules have been expanded, since two
rules, or a rule and a line, may select one tag with different platform filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ecr_mirror.choose.entries import Entry, LineError
from ecr_mirror.choose.naming import split_destination, target_repository, target_under, written_tag
from ecr_mirror.choose.platforms import wanted_platform
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import Reference

TagKey = tuple[str, str]  # (repository under the destination, tag written)


def tag_key(entry: Entry) -> TagKey:
    return target_repository(entry.source), written_tag(entry.source)


def content_key(entry: Entry) -> tuple[object, ...]:
    """What the entry writes: a digest is the same content whatever the name; a tag is the source's tag."""
    what: object = entry.source.digest or (entry.source.name, entry.source.tag)
    return what, frozenset(wanted_platform(p) for p in entry.platforms)


def _describe(entry: Entry) -> str:
    platforms = ", ".join(entry.platforms) if entry.platforms else "all"
    return f"line {entry.line} ({entry.source}, platforms: {platforms})"


@dataclass
class Merged:
    entries: list[Entry] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)  # one per conflicting target tag, naming every line
    warnings: list[LineError] = field(default_factory=list)  # entries merged into an earlier one
    refused: list[list[Entry]] = field(default_factory=list)  # the entries of each error


def merge_entries(entries: Iterable[Entry]) -> Merged:
    """Entries in list order, identical ones merged into the first (referrers if any asks for them, every policy
    of any of them)."""
    groups: dict[TagKey, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(tag_key(entry), []).append(entry)
    out = Merged()
    for (repository, tag), group in groups.items():
        first = group[0]
        if any(content_key(e) != content_key(first) for e in group[1:]):
            lines = " and ".join(_describe(e) for e in group)
            message = f"{lines} would write different content under {repository}:{tag}; none of them is copied"
            out.errors.append(LineError(group[-1].line, group[-1].text, message))
            out.refused.append(group)
            continue
        for other in group[1:]:
            message = f"{other.text!r} duplicates line {first.line} ({first.source}); merged"
            out.warnings.append(LineError(other.line, other.text, message))
        policies = tuple(dict.fromkeys(p for e in group for p in e.policies))  # the strictest: all of them
        out.entries.append(replace(first, referrers=any(e.referrers for e in group), policies=policies))
    return out


@dataclass(frozen=True)
class Refused:
    source: str
    target: str  # the target it would have written, as far as known
    reason: str  # names the line(s)


@dataclass
class Placement:
    jobs: list[tuple[Entry, Reference]] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


def place_entries(entries: Iterable[Entry], to: str) -> Placement:
    """Each entry's target under `to`, after merging; conflicts and unusable target names are refused with their
    lines, the rest placed. Raises ReferenceError_ only for a bad `to`, which concerns the whole run."""
    host, prefix = split_destination(to)
    merged = merge_entries(entries)
    placement = Placement()
    for group, error in zip(merged.refused, merged.errors, strict=True):
        target = f"{host}/{target_repository(group[0].source, prefix)}:{written_tag(group[0].source)}"
        placement.refused.append(Refused(str(group[0].source), target, f"list error: {error.message}"))
    for entry in merged.entries:
        try:
            placement.jobs.append((entry, target_under(entry.source, host, prefix)))
        except ReferenceError_ as exc:
            target = f"{host}/{target_repository(entry.source, prefix)}"
            reason = str(LineError(entry.line, entry.text, str(exc)))
            placement.refused.append(Refused(str(entry.source), target, reason))
    return placement
