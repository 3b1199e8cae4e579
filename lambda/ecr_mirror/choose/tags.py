"""Choosing tags by rule: semver ranges, globs, regular expressions, exclusions, newest N (pure, no I/O).

Version ordering copes with the tag styles seen on Docker Hub:

    3.12.7-slim-bookworm  -> version (3, 12, 7), variant "slim-bookworm"
    v1.2.3                -> version (1, 2, 3)
    1.27                  -> version (1, 27): a floating tag, newer than every 1.27.x when ordering
    1.27.0-rc1, 2.0-beta  -> pre-releases: excluded by `semver` ranges unless the range names one
    20250108              -> a date stamp (alpine's edge snapshots), not a version: a lone number of more than
                             4 digits counts only when a comparator names one (`=20250108`, `>=20250101`)

A range is space-separated comparators (`>=3.11 <3.14`, `=1.27`, `>1`); a missing component compares as 0
there, so `3.13` is inside `<3.14` and `3` is outside `>=3.11`.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

from ecr_mirror.errors import ConfigError

_VERSION_RE = re.compile(r"^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:[-+_.~](.+)|([A-Za-z].*))?$")
_PRERELEASE_RE = re.compile(r"^(rc|alpha|beta|a|b|pre|preview|dev|snapshot|nightly)[-.]?\d*(\b|[-.]|$)", re.I)
_COMPARATOR_RE = re.compile(r"^(>=|<=|>|<|==|=)?v?(\d+(?:\.\d+){0,3})$")
MAX_LATEST = 1000
DATE_STAMP_MIN = 10**4  # a lone number from here up is a date or build stamp; 4 digits (1803) stay versions


@dataclass(frozen=True, order=True)
class Version:
    numbers: tuple[int, ...]
    variant: str = ""

    @property
    def prerelease(self) -> bool:
        return bool(self.variant) and bool(_PRERELEASE_RE.match(self.variant))

    @property
    def date_stamp(self) -> bool:
        return len(self.numbers) == 1 and self.numbers[0] >= DATE_STAMP_MIN

    def padded(self) -> tuple[int, ...]:
        return (*self.numbers, *([0] * (4 - len(self.numbers))))

    def order_key(self) -> tuple[tuple[int, ...], int, str]:
        """Newest first when sorted descending: a floating `1.27` ranks above `1.27.3`; releases above pre-releases."""
        floating = tuple(list(self.numbers) + [10**9] * (4 - len(self.numbers)))
        return floating, 0 if self.prerelease else 1, self.variant


def parse_version(tag: str) -> Version | None:
    match = _VERSION_RE.match(tag)
    if not match:
        return None
    numbers = tuple(int(g) for g in match.groups()[:4] if g is not None)
    return Version(numbers, match.group(5) or match.group(6) or "")


@dataclass(frozen=True)
class Comparator:
    op: str
    numbers: tuple[int, ...]

    @property
    def names_date_stamp(self) -> bool:
        return len(self.numbers) == 1 and self.numbers[0] >= DATE_STAMP_MIN

    def accepts(self, version: Version) -> bool:
        left, right = version.padded(), (*self.numbers, *([0] * (4 - len(self.numbers))))
        return {
            ">=": left >= right,
            "<=": left <= right,
            ">": left > right,
            "<": left < right,
            "=": left == right,
            "==": left == right,
        }[self.op]


def parse_range(text: str, where: str) -> tuple[Comparator, ...]:
    parts = text.replace(",", " ").split()
    if not parts:
        raise ConfigError(f"{where}: empty semver range")
    out = []
    for part in parts:
        match = _COMPARATOR_RE.match(part)
        if not match:
            raise ConfigError(f"{where}: {part!r} in semver range {text!r} is not like '>=3.11' or '<2'")
        op = match.group(1) or "="
        out.append(Comparator(op, tuple(int(n) for n in match.group(2).split("."))))
    return tuple(out)


@dataclass(frozen=True)
class TagRule:
    semver: str | None = None
    match: str | None = None
    regex: str | None = None
    exclude: tuple[str, ...] = ()
    latest: int | None = None
    comparators: tuple[Comparator, ...] = field(default=(), compare=False, repr=False)
    pattern: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        *,
        where: str,
        semver: str | None = None,
        match: str | None = None,
        regex: str | None = None,
        exclude: tuple[str, ...] = (),
        latest: int | None = None,
    ) -> TagRule:
        comparators = parse_range(semver, f"{where}.semver") if semver is not None else ()
        try:
            pattern = re.compile(regex) if regex is not None else None
        except re.error as exc:
            raise ConfigError(f"{where}.regex: {regex!r} is not a valid regular expression ({exc})") from exc
        if latest is not None and not 1 <= latest <= MAX_LATEST:
            raise ConfigError(f"{where}.latest: must be between 1 and {MAX_LATEST}, not {latest}")
        if semver is None and match is None and regex is None and latest is None:
            raise ConfigError(f"{where}: a tag rule needs at least one of semver, match, regex, latest")
        return cls(semver, match, regex, exclude, latest, comparators, pattern)

    def describe(self) -> str:
        parts = [
            f"semver {self.semver!r}" if self.semver else "",
            f"match {self.match!r}" if self.match else "",
            f"regex {self.regex!r}" if self.regex else "",
            f"exclude {list(self.exclude)}" if self.exclude else "",
            f"latest {self.latest}" if self.latest else "",
        ]
        return ", ".join(p for p in parts if p)


@dataclass
class Selection:
    selected: list[str]
    rejected: dict[str, str]  # tag -> why it was not selected


def _reason(rule: TagRule, tag: str, version: Version | None) -> str | None:
    if rule.match is not None and not fnmatch.fnmatchcase(tag, rule.match):
        return f"does not match {rule.match!r}"
    if rule.pattern is not None and not rule.pattern.search(tag):
        return f"does not match regex {rule.regex!r}"
    for word in rule.exclude:
        if word in tag:
            return f"excluded by {word!r}"
    if (rule.comparators or rule.latest is not None) and version is None:
        return "not a version tag"
    named = any(c.names_date_stamp for c in rule.comparators)
    if version is not None and version.date_stamp and (rule.comparators or rule.latest is not None) and not named:
        return "a date stamp (a lone number of more than 4 digits), not a version"
    if rule.comparators:
        assert version is not None
        if version.prerelease and not any(c.op in ("=", "==") for c in rule.comparators):
            return "pre-release"
        if not all(c.accepts(version) for c in rule.comparators):
            return f"outside {rule.semver!r}"
    return None


def select_tags(rule: TagRule, tags: list[str]) -> Selection:
    """Apply the rule; the newest first in `selected`; every other tag with its reason in `rejected`."""
    rejected: dict[str, str] = {}
    kept: list[tuple[str, Version | None]] = []
    for tag in tags:
        version = parse_version(tag)
        reason = _reason(rule, tag, version)
        if reason:
            rejected[tag] = reason
        else:
            kept.append((tag, version))
    if rule.latest is not None or rule.comparators:
        kept.sort(key=lambda item: (item[1].order_key() if item[1] else ((), 0, ""), item[0]), reverse=True)
    else:
        kept.sort(key=lambda item: item[0])
    if rule.latest is not None:
        for tag, _ in kept[rule.latest :]:
            rejected[tag] = f"older than the newest {rule.latest}"
        kept = kept[: rule.latest]
    return Selection(selected=[tag for tag, _ in kept], rejected=rejected)
