"""What the command line prints at the end of a run: the report (text or JSON) and each tag rule's choices."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any, TextIO

from ecr_mirror.cli.progress import human_bytes
from ecr_mirror.cli.terminal import safe
from ecr_mirror.mirror.report import Report


def print_report(
    report: Report,
    as_json: bool,
    out: TextIO | None = None,
    *,
    dry_run: bool = False,
    extra: dict[str, Any] | None = None,
) -> None:
    """The report on stdout; `extra` (e.g. the list's errors and warnings) joins the JSON document."""
    stream = out or sys.stdout
    if as_json:
        print(json.dumps({**report.to_dict(), **(extra or {})}, indent=2), file=stream)
        return
    summary = report.summary()
    kinds = ("copied", "skipped", "failed", "deferred", "held", "rejected")
    counts = ", ".join(f"{summary[k]} {k}" for k in kinds if summary.get(k))
    if summary.get("planned"):
        counts = ", ".join(filter(None, [counts, f"{summary['planned']} would be copied"]))
    print(f"{len(report.images)} images: {counts or 'nothing to do'}; {human_bytes(report.bytes)} copied", file=stream)
    if dry_run:
        print_behind(report, stream)
    else:
        print_behind_summary(report, stream)


def print_behind(report: Report, stream: TextIO) -> None:
    """A dry run's findings: each entry checked and behind, with both digests (`absent`: the mirror has no such
    tag), then each entry not checked with the reason: whether it is behind is not known."""
    if behind := report.behind:
        print(f"behind upstream ({len(behind)}):", file=stream)
        for image in behind:
            mirror = image.previous_digest or "absent"
            why = image.error or image.detail or str(image.status)
            line = (
                f"  {safe(image.target)}: upstream {safe(image.upstream_digest or 'unknown')}, mirror {safe(mirror)} "
                f"({image.status}: {safe(why)})"
            )
            print(line, file=stream)
    if unchecked := report.not_checked:
        print(f"not checked ({len(unchecked)}): whether these are behind upstream is not known", file=stream)
        for image in unchecked:
            print(f"  {safe(image.target)}: {image.status}: {safe(image.error or image.detail or '')}", file=stream)


def print_behind_summary(report: Report, stream: TextIO) -> None:
    """After a run: one line each for entries behind and entries not checked; their reasons were on the progress
    lines, which are not repeated."""
    for label, images in (("behind upstream", report.behind), ("not checked", report.not_checked)):
        if images:
            by_status = Counter(str(image.status) for image in images)
            counts = ", ".join(f"{n} {status}" for status, n in sorted(by_status.items()))
            print(f"{label}: {len(images)} ({counts}; the reasons are on the progress lines)", file=stream)


def print_rules(report: Report, explain: bool, stream: TextIO | None = None) -> None:
    """What each tag rule selected; with `explain` (dry runs) why every other tag was left out."""
    out = stream or sys.stderr
    for rule in report.rules:
        head = f"rule at line {rule['line']}: {safe(rule['source'])} ({safe(rule['rule'])})"
        if rule["error"]:
            print(f"{head}: could not list tags: {safe(rule['error'])}", file=out)
            continue
        print(f"{head}: selected {safe(', '.join(rule['selected'])) or 'nothing'}", file=out)
        if explain:  # rejected tags come counted by reason, with a few examples each
            for why, group in sorted(rule["rejected"].items()):
                more = group["count"] - len(group["examples"])
                shown = ", ".join(safe(tag) for tag in group["examples"]) + (f" and {more} more" if more > 0 else "")
                print(f"    not {shown}: {safe(why)}", file=out)
