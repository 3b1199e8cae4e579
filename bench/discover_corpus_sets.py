"""`python -m bench.discover_corpus_sets ROOT`: discover's recall and precision on every corpus set under ROOT.

ROOT is what `python -m bench.discover_corpus_checkout --out ROOT` builds: ROOT/SET/OWNER+NAME for each
bench/discover_corpus*.json (`main` for discover_corpus.json, `heldout_bk` for discover_corpus_heldout_bk.json).
Each set found under ROOT is measured with bench.discover_corpus (one `discover --json` a repository); a line a set
and the sum over the sets are printed, and, with `--leave-out OWNER/NAME`, the sum without those repositories too
(the docs quote the sum without litmuschaos/litmus, whose labels are a judgement over versioned docs manifests).

    python -m bench.discover_corpus_sets /tmp/corpora --json-out /tmp/sets.json --leave-out litmuschaos/litmus
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.discover_corpus import measure
from bench.discover_corpus_checkout import BENCH, set_name


def _sum(rows: list[dict[str, Any]]) -> dict[str, int]:
    found = sum(len(r["extra"]) + r["hits"] for r in rows)
    return {"hits": sum(r["hits"] for r in rows), "expected": sum(r["expected"] for r in rows), "found": found}


def _line(label: str, total: dict[str, int]) -> str:
    recall = total["hits"] / total["expected"] if total["expected"] else 1.0
    precision = total["hits"] / total["found"] if total["found"] else 1.0
    return (
        f"{label}: recall {total['hits']}/{total['expected']} ({recall:.1%}), "
        f"precision {total['hits']}/{total['found']} ({precision:.1%})"
    )


def measure_sets(root: Path, manifests: list[Path]) -> dict[str, list[dict[str, Any]]]:
    results: dict[str, list[dict[str, Any]]] = {}
    for manifest in manifests:
        directory = root / set_name(manifest)
        if directory.is_dir():
            results[set_name(manifest)] = measure(directory, manifest)["repositories"]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("manifests", type=Path, nargs="*", help="default: every bench/discover_corpus*.json")
    parser.add_argument("--leave-out", action="append", default=[], metavar="OWNER/NAME")
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args(argv)
    manifests = args.manifests or sorted(BENCH.glob("discover_corpus*.json"))
    results = measure_sets(args.root, manifests)
    if not results:
        raise SystemExit(f"{args.root}: no corpus set found (expected {args.root}/SET/OWNER+NAME folders)")
    for name, rows in results.items():
        print(_line(name, _sum(rows)))
    every = [row for rows in results.values() for row in rows]
    print(_line(f"all {len(results)} sets, {len(every)} repositories", _sum(every)))
    if args.leave_out:
        kept = [row for row in every if row["repository"] not in args.leave_out]
        print(_line(f"without {', '.join(args.leave_out)}", _sum(kept)))
    if args.json_out:
        args.json_out.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
