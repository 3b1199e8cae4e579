"""`python -m bench.discover_label_agreement [--study FILE] [RUN.json]`: how far two labellers of the same
repositories agree, and what that means for discover's figures.

bench/discover_label_agreement.json (or `--study FILE`: bench/discover_label_agreement_i.json, sets IA..ID, labelled
twice from the start) holds a second, blind labelling of some repositories of the held-out sets (same commits, same
brief) and a third reader's decision on each image the two labellers disagree on. The adjudicated
labels of a repository are the images both labelled plus the disputed ones decided `expected`. Printed: how many
images each labeller listed and both did; each labeller's recall and precision against the adjudicated labels (how
exact a one-labeller set can be); discover's recall and precision on those repositories, taken from a whole run
(default bench/discover_whole_run.json), against the first labels, the second and the adjudicated ones. Images either
labeller or the third reader called indirect are not counted as extras.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.discover_compare import load_rows
from bench.discover_corpus_checkout import BENCH
from bench.discover_literal_scan import normal

STUDY = BENCH / "discover_label_agreement.json"
RUN = BENCH / "discover_whole_run.json"


def _images(texts: list[str]) -> set[str]:
    return {ref for ref in map(normal, texts) if ref is not None}


def _first_labels() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for manifest in sorted(BENCH.glob("discover_corpus*.json")):
        for entry in json.loads(manifest.read_text())["repositories"]:
            entries[entry["repository"]] = entry
    return entries


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.1%})" if whole else f"{part}/0"


def measure(study: dict[str, Any], run_rows: dict[str, dict[str, Any]], name: str = STUDY.name) -> dict[str, int]:
    first_labels = _first_labels()
    decided: dict[tuple[str, str], str] = {(d["repository"], d["image"]): d["decision"] for d in study["decisions"]}
    keys = ("first", "second", "both", "adjudicated", "first_right", "second_right", "disputed")
    totals = dict.fromkeys(keys, 0) | {"unclear": sum(bool(d["brief_unclear"]) for d in study["decisions"])}
    for key in ("first", "second", "adjudicated"):
        totals |= {f"tool_hits_{key}": 0, f"tool_listed_{key}": 0}
    for second in study["second"]:
        repository = second["repository"]
        first = first_labels.get(repository)
        if first is None or first["commit"] != second["commit"]:
            where = f"{repository} at {second['commit']}"
            raise SystemExit(f"{name}: {where} is not a labelled repository at that commit")
        one, two = _images(first["expected"]), _images(second["expected"])
        disputed = one ^ two
        undecided = sorted(image for image in disputed if (repository, image) not in decided)
        if undecided:
            raise SystemExit(f"{name}: {repository}: no decision on {', '.join(undecided)}")
        settled = {image: decided[repository, image] for image in disputed}
        adjudicated = (one & two) | {image for image, decision in settled.items() if decision == "expected"}
        indirect = _images(first["indirect"]) | _images(second["indirect"])
        indirect |= {image for image, decision in settled.items() if decision == "indirect"}
        totals["first"] += len(one)
        totals["second"] += len(two)
        totals["both"] += len(one & two)
        totals["disputed"] += len(disputed)
        totals["adjudicated"] += len(adjudicated)
        totals["first_right"] += len(one & adjudicated)
        totals["second_right"] += len(two & adjudicated)
        row = run_rows.get(repository)
        if row is None:
            continue
        listed = (one - set(row["missed"])) | set(row["extra"]) | set(row.get("indirect_found", []))
        for key, labels in (("first", one), ("second", two), ("adjudicated", adjudicated)):
            totals[f"tool_hits_{key}"] += len(listed & labels)
            totals[f"tool_listed_{key}"] += len(listed - (indirect - labels))
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, nargs="?", default=RUN)
    parser.add_argument("--study", type=Path, default=STUDY, help=f"the study file (default bench/{STUDY.name})")
    args = parser.parse_args(argv)
    study = json.loads(args.study.read_text())
    t = measure(study, load_rows(args.run), args.study.name)
    print(
        f"{len(study['second'])} repositories: first labels {t['first']} images, second {t['second']}, "
        f"both {t['both']}; "
        f"{t['disputed']} disputed, {t['unclear']} of them not settled by the brief"
    )
    print(f"adjudicated labels: {t['adjudicated']} images")
    for key in ("first", "second"):
        right = t[f"{key}_right"]
        print(f"{key} labeller: recall {_ratio(right, t['adjudicated'])}, precision {_ratio(right, t[key])}")
    for key in ("first", "second", "adjudicated"):
        hits, listed, labelled = t[f"tool_hits_{key}"], t[f"tool_listed_{key}"], t[key]
        print(f"discover against the {key} labels: recall {_ratio(hits, labelled)}, precision {_ratio(hits, listed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
