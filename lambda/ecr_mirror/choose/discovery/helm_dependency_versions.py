"""Whether a chart's version satisfies the version a `dependencies:` entry asks for (pure), in the forms Helm's
constraints (Masterminds/semver) take most often (https://helm.sh/docs/chart_best_practices/dependencies/#versions):
`2.3.3` exactly, `2.x.x` / `2.*` (a wildcard part matches any), `~2.3.0` (the same major and minor, not lower),
`^2.3.0` (the same major, not lower). Any other form (`>=`, ranges, `||`) is not read: None."""

from __future__ import annotations

import re

_VERSION_RE = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?")
_WILDCARD_RE = re.compile(r"v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?")


def _numbers(version: str) -> tuple[int, int, int] | None:
    match = _VERSION_RE.fullmatch(version.strip())
    if match is None:
        return None
    major, minor, patch = (int(part or 0) for part in match.groups())
    return major, minor, patch


def satisfies(constraint: str, version: str) -> bool | None:
    """Whether `version` (a chart's `version:`) meets `constraint`; None when the constraint's form is not read."""
    have, constraint = _numbers(version), constraint.strip()
    if have is None:
        return None
    if constraint[:1] in "~^" and (want := _numbers(constraint[1:])) is not None:
        same = 2 if constraint[0] == "~" else 1  # `~` keeps major.minor, `^` the major
        return have[:same] == want[:same] and have >= want
    if (wildcard := _WILDCARD_RE.fullmatch(constraint)) is not None:
        parts = zip(wildcard.groups(), have, strict=True)
        return all(part in (None, "x", "X", "*") or int(part) == number for part, number in parts)
    return None
