"""Per-module counts of a mutmut run, as docs/mutation.md shows them.

Usage: cd .mutation/<package> && ../../.venv/bin/mutmut results --all true | python ../../scripts/mutation_summary.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict

LINE = re.compile(r"\s*(?P<name>\S+)__mutmut_\d+: (?P<status>.+)")


def summarize(lines: list[str]) -> str:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        match = LINE.match(line)
        if match:
            module = re.sub(r"\.(x_|xǁ).*", "", match["name"])
            by_module[module][match["status"].strip()] += 1
    rows = [
        "| module | mutants | killed | survived | no tests | not run | score |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    total: Counter[str] = Counter()
    for module in sorted(by_module):
        rows.append(_row(module, by_module[module]))
        total.update(by_module[module])
    rows.append(_row("**all**", total))
    return "\n".join(rows)


def _row(name: str, counts: Counter[str]) -> str:
    killed = counts["killed"] + counts["timeout"] + counts["segfault"]
    survived, untested = counts["survived"], counts["no tests"]
    not_run = sum(counts.values()) - killed - survived - untested
    checked = killed + survived
    score = f"{100 * killed / checked:.0f}%" if checked else "-"
    return f"| {name} | {sum(counts.values())} | {killed} | {survived} | {untested} | {not_run} | {score} |"


if __name__ == "__main__":
    print(summarize(sys.stdin.read().splitlines()))
