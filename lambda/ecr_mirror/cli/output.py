"""What the command line prints at the end of a run: the report (text or JSON) and each tag rule's choices."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from ecr_mirror.cli.progress import human_bytes
from ecr_mirror.mirror.report import Report


def print_report(report: Report, as_json: bool, out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    if as_json:
        print(json.dumps(report.to_dict(), indent=2), file=stream)
        return
    summary = report.summary()
    kinds = ("copied", "skipped", "failed", "deferred", "held", "rejected")
    counts = ", ".join(f"{summary[k]} {k}" for k in kinds if summary.get(k))
    if summary.get("planned"):
        counts = ", ".join(filter(None, [counts, f"{summary['planned']} would be copied"]))
    print(f"{len(report.images)} images: {counts or 'nothing to do'}; {human_bytes(report.bytes)} copied", file=stream)
    print_behind(report, stream)


def print_behind(report: Report, stream: TextIO) -> None:
    """Each entry whose mirror does not hold what upstream has now, with both digests (`absent`: no tag yet)."""
    behind = report.behind
    if not behind:
        return
    print(f"behind upstream ({len(behind)}):", file=stream)
    for image in behind:
        upstream = image.upstream_digest or "unknown"
        mirror = image.previous_digest or "absent"
        why = image.error or image.detail or str(image.status)
        print(f"  {image.target}: upstream {upstream}, mirror {mirror} ({image.status}: {why})", file=stream)


def print_rules(report: Report, explain: bool, stream: TextIO | None = None) -> None:
    """What each tag rule selected; with `explain` (dry runs) why every other tag was left out."""
    out = stream or sys.stderr
    for rule in report.rules:
        head = f"rule at line {rule['line']}: {rule['source']} ({rule['rule']})"
        if rule["error"]:
            print(f"{head}: could not list tags: {rule['error']}", file=out)
            continue
        print(f"{head}: selected {', '.join(rule['selected']) or 'nothing'}", file=out)
        if explain:
            for tag, why in sorted(rule["rejected"].items()):
                print(f"    not {tag}: {why}", file=out)
