"""`python -m bench.discover_compare BEFORE.json AFTER.json`: what changed, repository by repository, between two runs.

Each file is what `bench.discover_corpus --json-out` (one set: `{"repositories": [...]}`) or
`bench.discover_corpus_sets --json-out` (`{SET: [...]}`) wrote, or `bench/discover_whole_run.json`, the stored
record of a whole run (`{"about": ..., "sets": {SET: [...]}}`: the rows without their stderr). Repositories are
matched by name (each is in one set). For each repository both runs measured,
a labelled image found before and missed after is a lost hit, and an image listed after but not before beyond the
labels is a new extra; both are printed, with the hits gained and extras gone, and the totals over the repositories
both runs measured. The exit status is 1 when any hit was lost or any extra appeared, so a tuning branch can be
checked against a whole run before it merges:

    python -m bench.discover_compare /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Row = dict[str, Any]


def load_rows(path: Path) -> dict[str, Row]:
    """Every repository's row of a run's JSON, by repository name."""
    data = json.loads(path.read_text())
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a JSON object written by bench.discover_corpus or discover_corpus_sets")
    if "repositories" in data:
        groups = [data["repositories"]]
    else:
        groups = list(data["sets"].values()) if isinstance(data.get("sets"), dict) else list(data.values())
    rows: dict[str, Row] = {}
    for group in groups:
        if not isinstance(group, list):
            raise SystemExit(f"{path}: expected lists of repository rows")
        for row in group:
            rows[str(row["repository"])] = row
    return rows


@dataclass
class Change:
    """How one repository's results moved between two runs."""

    repository: str
    lost: list[str] = field(default_factory=list)  # found before, missed after
    gained: list[str] = field(default_factory=list)  # missed before, found after
    new_extras: list[str] = field(default_factory=list)
    gone_extras: list[str] = field(default_factory=list)

    @property
    def worse(self) -> bool:
        return bool(self.lost or self.new_extras)


def compare(before: dict[str, Row], after: dict[str, Row]) -> list[Change]:
    """The repositories both runs measured whose misses or extras differ, sorted by name."""
    changes = []
    for name in sorted(before.keys() & after.keys()):
        old, new = before[name], after[name]
        missed_old, missed_new = set(old["missed"]), set(new["missed"])
        extra_old, extra_new = set(old["extra"]), set(new["extra"])
        change = Change(
            name,
            lost=sorted(missed_new - missed_old),
            gained=sorted(missed_old - missed_new),
            new_extras=sorted(extra_new - extra_old),
            gone_extras=sorted(extra_old - extra_new),
        )
        if change.lost or change.gained or change.new_extras or change.gone_extras:
            changes.append(change)
    return changes


def _totals(rows: dict[str, Row], names: set[str]) -> str:
    hits = sum(rows[name]["hits"] for name in names)
    expected = sum(rows[name]["expected"] for name in names)
    listed = hits + sum(len(rows[name]["extra"]) for name in names)
    recall = hits / expected if expected else 1.0
    precision = hits / listed if listed else 1.0
    return f"recall {hits}/{expected} ({recall:.1%}), precision {hits}/{listed} ({precision:.1%})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    before, after = load_rows(args.before), load_rows(args.after)
    common = before.keys() & after.keys()
    changes = compare(before, after)
    for change in changes:
        print(f"{change.repository}:")
        for label, images in (
            ("lost hit", change.lost),
            ("new extra", change.new_extras),
            ("gained hit", change.gained),
            ("extra gone", change.gone_extras),
        ):
            print("".join(f"  {label}: {image}\n" for image in images), end="")
    for label, rows, other in (("before", before, after), ("after", after, before)):
        only = sorted(rows.keys() - other.keys())
        if only:
            print(f"only {label} ({len(only)}): {', '.join(only)}")
    print(f"{len(common)} repositories in both runs; before: {_totals(before, common)}")
    print(f"{len(common)} repositories in both runs; after:  {_totals(after, common)}")
    worse = [change.repository for change in changes if change.worse]
    print(f"worse in {len(worse)}: {', '.join(worse)}" if worse else "no hit lost, no extra gained")
    return 1 if worse else 0


if __name__ == "__main__":
    raise SystemExit(main())
