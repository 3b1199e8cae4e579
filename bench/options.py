"""The command line of `python -m bench.run`."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def parse_args(argv: Sequence[str] | None, doc: str | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=doc.split("\n")[0] if doc else "")
    parser.add_argument("--tiny", action="store_true", help="tiny corpus, 1 repetition: a smoke test in seconds")
    parser.add_argument("--huge", action="store_true", help="also copy an image with one 4 GiB layer (adds ~2 min)")
    parser.add_argument("--reps", type=int, default=None, help="repetitions (default 3, --tiny 1)")
    parser.add_argument("--cache-dir", type=Path, default=REPO_ROOT / ".bench", help="corpus cache (default .bench/)")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="Markdown file to update (default BENCHMARKS.md; with --tiny none unless given)",
    )
    parser.add_argument("--json-out", type=Path, default=None, help="also write the raw results as JSON here")
    parser.add_argument("--no-write", action="store_true", help="print only; write no Markdown file")
    parser.add_argument(
        "--render",
        type=Path,
        default=None,
        metavar="JSON",
        help="measure nothing: render a saved results file (--json-out, .bench/results-*latest.json) into the "
        "Markdown file again",
    )
    parser.add_argument(
        "--only",
        choices=("syncs", "large"),
        default=None,
        help="run only the cold/warm syncs, or only the large-image comparison (for experiments)",
    )
    parser.add_argument(
        "--engine",
        type=Path,
        default=None,
        metavar="DIR",
        help="measure the ecr_mirror package under DIR (e.g. a patched copy of lambda/) instead of "
        "this checkout's; for A/B experiments (implies --no-write unless --output is given)",
    )
    wan_group = parser.add_argument_group("WAN mode: both registries behind a latency proxy (bench/wan.py)")
    wan_group.add_argument(
        "--wan",
        action="store_true",
        help="run the syncs across a simulated wide-area link; the corpus without the 1 GiB image "
        "(writes the WAN section of BENCHMARKS.md)",
    )
    wan_group.add_argument("--latency-ms", type=float, default=20.0, help="one-way latency (default 20 ms)")
    wan_group.add_argument(
        "--bandwidth", type=float, default=None, metavar="MBIT", help="cap per direction, megabits per second"
    )
    wan_group.add_argument(
        "--wan-large", action="store_true", help="with --wan: also the 1 GiB image, in the syncs and against curl"
    )
    parser.add_argument(
        "--cut-at",
        type=float,
        default=None,
        metavar="FRACTION",
        help="also copy the 1 GiB image once while the source's link cuts the blob at this fraction (e.g. 0.9), "
        "and report the bytes fetched from the source",
    )
    args = parser.parse_args(argv)
    if args.cut_at is not None and not 0 < args.cut_at < 1:
        parser.error(f"--cut-at must be between 0 and 1, got {args.cut_at}")
    if (args.wan_large or args.bandwidth is not None) and not args.wan:
        parser.error("--wan-large and --bandwidth need --wan")
    return args
