"""Whether a chart's version satisfies the version a `dependencies:` entry asks for (pure), as Helm decides it: Helm
checks the chart's version against the entry's constraint with Masterminds/semver v3 (`semver.NewConstraint(version)`
then `Check`; https://helm.sh/docs/chart_best_practices/dependencies/#versions).

Masterminds/semver's constraints (https://github.com/Masterminds/semver#checking-version-constraints, its README's
"Basic Comparisons", "Hyphen Range Comparisons", "Wildcards In Comparisons", "Tilde Range Comparisons (Patch)" and
"Caret Range Comparisons (Major)"), read here as its constraints.go decides each:
- comparisons `=` (or none), `!=`, `>`, `<`, `>=`, `<=` (`=>`, `=<` too), ANDed by a comma or a space and ORed by
  `||`: `">= 1.2, < 3.0.0 || >= 4.2.3"`;
- hyphen ranges, both ends inclusive: `1.2 - 1.4.5` is `>= 1.2, <= 1.4.5`;
- `x`, `X` or `*` for a part (a missing part alike): `1.2.x` is `>= 1.2.0, < 1.3.0` (`=` falls back to the tilde),
  `>= 1.2.x` is `>= 1.2.0`, `<= 2.x` is `< 3`, `*` any version;
- a tilde (`~`, `~>`) keeps the minor when one is given, else the major: `~1.2.3` is `>= 1.2.3, < 1.3.0`, `~1` is
  `>= 1, < 2`, `~1.x` too;
- a caret keeps the first part that is not 0: `^1.2.3` is `>= 1.2.3, < 2.0.0`, `^1.x` is `>= 1.0.0, < 2`, `^0.2.3`
  is `>=0.2.3 <0.3.0`, `^0.0.3` is `>=0.0.3 <0.0.4`, `^0` is `>=0.0.0 <1.0.0`;
- a prerelease version (`2.1.0-rc.1`) satisfies only constraints that name a prerelease (`>=2.1.0-0`); build
  metadata (`+build.5`) is not compared.

None (not read: the caller reads no library for it) when the constraint is not one Masterminds/semver parses (Helm
refuses such a dependency), the version is not a version, or semver's releases decide it differently: a prerelease
against an AND group that names a prerelease in some of its bounds only (semver 3.4 takes prereleases for the whole
group, 3.3 and before bound by bound).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_OPS = r"(?:=||!=|>|<|>=|=>|<=|=<|~|~>|\^)"  # constraints.go's operators, in its order
_IDS = r"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*"  # dot-separated identifiers of a prerelease or build metadata
_CV = rf"v?[0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-{_IDS})?(?:\+{_IDS})?"  # a version that may hold wildcards
_RANGE_RE = re.compile(rf"\s*({_CV})\s+-\s+({_CV})\s*")
_FIND_RE = re.compile(rf"{_OPS}\s*{_CV}")
_VALID_RE = re.compile(rf"\s*{_OPS}\s*{_CV}\s*(?:(?:\s+|,\s*){_OPS}\s*{_CV}\s*)*")
_CONSTRAINT_RE = re.compile(
    rf"\s*(?P<op>{_OPS})\s*(?P<orig>v?(?P<major>[0-9xX*]+)(?P<minor>\.[0-9xX*]+)?(?P<patch>\.[0-9xX*]+)?"
    rf"(?P<pre>-{_IDS})?(?:\+{_IDS})?)\s*"
)
_VERSION_RE = re.compile(rf"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-({_IDS}))?(?:\+{_IDS})?")
_MAX_CONSTRAINT = 256  # longer is no chart's dependency; the regexes stay quick


class _Version(NamedTuple):
    major: int
    minor: int
    patch: int
    pre: str


class _Bound(NamedTuple):
    op: str
    con: _Version
    dirty: bool  # a wildcard or missing part
    minor_dirty: bool  # from the minor on (`1.x`, `1`)
    patch_dirty: bool  # the patch only (`1.2.x`, `1.2`)


def _version(text: str) -> _Version | None:
    """A version as semver's NewVersion reads it (a `v` prefix, missing parts 0), or None."""
    match = _VERSION_RE.fullmatch(text.strip())
    if match is None:
        return None
    pre = match[4] or ""
    if any(part.isdigit() and len(part) > 1 and part[0] == "0" for part in pre.split(".")):
        return None  # a numeric prerelease identifier with a leading 0
    return _Version(int(match[1]), int(match[2] or 0), int(match[3] or 0), pre)


def _is_x(part: str) -> bool:
    return part in ("x", "X", "*")


def _bound(text: str) -> _Bound | None:
    """One comparison, as constraints.go's parseConstraint reads it; None when its version is not one."""
    match = _CONSTRAINT_RE.fullmatch(text)
    if match is None:
        return None
    major, minor, patch, pre = match["major"], match["minor"] or "", match["patch"] or "", match["pre"] or ""
    if _is_x(major):
        written, dirty = (f"0.0.0{pre}", (True, False, False))
    elif not minor or _is_x(minor[1:]):
        written, dirty = (f"{major}.0.0{pre}", (True, True, False))
    elif not patch or _is_x(patch[1:]):
        written, dirty = (f"{major}{minor}.0{pre}", (True, False, True))
    else:
        written, dirty = (match["orig"], (False, False, False))
    con = _version(written)
    return None if con is None else _Bound(match["op"], con, *dirty)


def _compare_pre(mine: str, theirs: str) -> int:
    """semver's comparePrerelease: identifier by identifier, a missing one lowest, numbers below words and by
    value, words in ASCII order."""
    ones, twos = mine.split("."), theirs.split(".")
    for index in range(max(len(ones), len(twos))):
        one = ones[index] if index < len(ones) else ""
        two = twos[index] if index < len(twos) else ""
        if one == two:
            continue
        if not one or not two:
            return -1 if not one else 1
        if one.isdigit() and two.isdigit():
            return -1 if int(one) < int(two) else 1
        if one.isdigit() != two.isdigit():
            return -1 if one.isdigit() else 1
        return -1 if one < two else 1
    return 0


def _compare(have: _Version, other: _Version) -> int:
    """semver's Version.Compare: by major, minor and patch, then a prerelease below its release."""
    if have[:3] != other[:3]:
        return -1 if have[:3] < other[:3] else 1
    if not have.pre or not other.pre:
        return (not have.pre) - (not other.pre)
    return _compare_pre(have.pre, other.pre)


def _tilde(have: _Version, bound: _Bound) -> bool:
    if _compare(have, bound.con) < 0:
        return False
    if bound.con[:3] == (0, 0, 0) and not bound.minor_dirty and not bound.patch_dirty:
        return True  # `~0.0.0`, `*`: any
    return have.major == bound.con.major and (bound.minor_dirty or have.minor == bound.con.minor)


def _caret(have: _Version, bound: _Bound) -> bool:
    con = bound.con
    if _compare(have, con) < 0:
        return False
    if con.major > 0 or bound.minor_dirty:
        return have.major == con.major
    if have.major > 0:
        return False
    if con.minor > 0 or bound.patch_dirty:
        return have.minor == con.minor
    return have.minor == 0 and have.patch == con.patch


def _not_equal(have: _Version, bound: _Bound) -> bool:
    con = bound.con
    if bound.dirty:
        if con.major != have.major:
            return True
        if bound.minor_dirty:
            return False  # `!=2.x`: not any 2
        if con.minor != have.minor:
            return True
        if bound.patch_dirty:  # `!=2.3.x`: not any 2.3, unless the prereleases differ
            return bool(have.pre or con.pre) and _compare_pre(have.pre, con.pre) != 0
        if con.patch != have.patch:
            return True
    return _compare(have, con) != 0


def _greater(have: _Version, bound: _Bound) -> bool:
    con = bound.con
    if not bound.dirty:
        return _compare(have, con) > 0
    if have.major != con.major:
        return have.major > con.major
    if bound.minor_dirty:
        return False  # `>11` is 12 or higher
    if bound.patch_dirty:
        return have.minor > con.minor  # `>11.1` is 11.2 or higher
    return _compare(have, con) > 0


def _less_or_equal(have: _Version, bound: _Bound) -> bool:
    con = bound.con
    if not bound.dirty:
        return _compare(have, con) <= 0
    if have.major != con.major:
        return have.major < con.major
    return bound.minor_dirty or have.minor <= con.minor


def _check(have: _Version, bound: _Bound, include_pre: bool) -> bool:
    """One comparison of constraints.go (`constraintTildeOrEqual`, `constraintCaret`, ...)."""
    if have.pre and not include_pre:
        return False  # a prerelease where the constraint looks for releases only
    op, cmp = bound.op, _compare(have, bound.con)
    if op in ("", "="):
        return _tilde(have, bound) if bound.dirty else cmp == 0
    if op in ("~", "~>"):
        return _tilde(have, bound)
    if op == "^":
        return _caret(have, bound)
    if op == "!=":
        return _not_equal(have, bound)
    if op == ">":
        return _greater(have, bound)
    if op == "<":
        return cmp < 0
    if op in (">=", "=>"):
        return cmp >= 0
    return _less_or_equal(have, bound)  # `<=`, `=<`


def _group(have: _Version, bounds: list[_Bound]) -> bool | None:
    """Whether `have` meets every comparison of an AND group; None where semver's releases disagree."""
    named = any(bound.con.pre for bound in bounds)
    newer = all(_check(have, bound, named) for bound in bounds)  # 3.4: a prerelease named anywhere in the group
    # 3.3 and before: bound by bound, a `!=` without wildcards not at all
    older = all(_check(have, b, bool(b.con.pre) or (b.op == "!=" and not b.dirty)) for b in bounds)
    return newer if newer == older else None


def satisfies(constraint: str, version: str) -> bool | None:
    """Whether `version` (a chart's `version:`) meets `constraint` as Helm checks it; None when either is not read."""
    have = _version(version)
    if have is None or len(constraint) > _MAX_CONSTRAINT:
        return None
    for hyphen in _RANGE_RE.finditer(constraint):  # constraints.go's rewriteRange
        constraint = constraint.replace(hyphen[0], f">= {hyphen[1]}, <= {hyphen[2]} ", 1)
    groups: list[list[_Bound]] = []
    for alternative in constraint.split("||"):
        if _VALID_RE.fullmatch(alternative) is None:
            return None
        bounds = [_bound(found) for found in _FIND_RE.findall(alternative)]
        if not bounds or any(bound is None for bound in bounds):
            return None
        groups.append([bound for bound in bounds if bound is not None])
    decided = [_group(have, bounds) for bounds in groups]
    return True if True in decided else None if None in decided else False
