"""`python -m bench.discover_corpus CORPUS_DIR`: recall and precision of `ecr-mirror discover` on real repositories.

CORPUS_DIR holds one directory per repository of bench/discover_corpus.json, named OWNER+NAME, with every file of
the listed commit, extracted whole from a clone (DIR: its git directory) without touching the clone's index:

    mkdir -p OUT && GIT_INDEX_FILE=$(mktemp -u) git --git-dir=DIR --work-tree=OUT checkout -f COMMIT -- .

not with `git archive`, which leaves out the files `.gitattributes` marks `export-ignore` (docker-mailserver's
`.gitignore`, getsentry/self-hosted's `.github`, doctrine/dbal's `ci`, laravel/framework's `.github` and `tests`):
discover would then read another tree than the repository's. Nothing of them is kept in this repository. The
expected images were labelled by reading the files, independently of the tool. For each repository, `ecr-mirror
discover --json` runs on its directory; the public images it lists are compared with the labels after normalisation
(the engine's reference parser), and misses and extras are printed.

    python -m bench.discover_corpus /tmp/corpus [--json-out FILE]
    python -m bench.discover_corpus /tmp/corpus2 --manifest bench/discover_corpus_heldout.json
    python -m bench.discover_corpus /tmp/corpusL --manifest bench/discover_corpus_heldout_l.json \
        --public-registry registry.gitlab.com   # discover's own option: that registry's images listed too
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ecr_mirror.choose.discovery.listing import familiar
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

MANIFEST = Path(__file__).with_name("discover_corpus.json")
CHECKOUT = Path(__file__).resolve().parents[1]  # the checkout whose discover code is measured


def _normal(text: str) -> str:
    return familiar(parse_reference(text))


def _normal_or_written(text: str) -> str:
    """An indirect label may be written as the file has it, a template placeholder included
    (`ghcr.io/bitwarden/mssql:{{{CoreVersion}}}`): kept as written when it is no reference."""
    try:
        return _normal(text)
    except ReferenceError_:
        return text


def _parses(text: str) -> bool:
    try:
        parse_reference(text)
    except ReferenceError_:
        return False
    return True


def _code_env() -> dict[str, str]:
    """The environment of a discover run: this checkout's code first on the import path. The run starts in the
    measured repository's directory, where a caller's relative PYTHONPATH (`lambda:.` from a worktree) names nothing,
    and the import would fall back to the checkout the virtualenv's editable install points at."""
    given = [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep) if path and os.path.isabs(path)]
    ours = [str(CHECKOUT / "lambda"), str(CHECKOUT)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(ours + [path for path in given if path not in ours])}


def _discover(directory: Path, extra: list[str]) -> tuple[list[dict[str, Any]], str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [str(Path(sys.executable).with_name("ecr-mirror")), "discover", ".", "--json", *extra],
        cwd=directory,
        env=_code_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"discover failed in {directory}: {done.stderr}")
    return json.loads(done.stdout), done.stderr, elapsed


def measure(corpus: Path, manifest_path: Path = MANIFEST, public: tuple[str, ...] = ()) -> dict[str, Any]:
    manifest = json.loads(manifest_path.read_text())
    totals = {"expected": 0, "found": 0, "hits": 0, "indirect": 0, "indirect_hits": 0, "unresolved": 0}
    rows: list[dict[str, Any]] = []
    for entry in manifest["repositories"]:
        directory = corpus / entry["repository"].replace("/", "+")
        records, stderr, elapsed = _discover(directory, [arg for host in public for arg in ("--public-registry", host)])
        listed = {r["reference"] for r in records if r["status"] == "public"}
        written = [(text, _normal_or_written(text)) for text in entry["expected"]]
        invalid = sorted(text for text, normal in written if normal == text and not _parses(text))
        expected = {normal for text, normal in written if text not in invalid}
        indirect = {_normal_or_written(text) for text in entry["indirect"]} - expected
        hits = expected & listed
        row = {
            "repository": entry["repository"],
            "commit": entry["commit"],
            "expected": len(expected),
            "listed": len(listed),
            "hits": len(hits),
            "missed": sorted(expected - listed),
            "invalid_labels": invalid,  # a label no registry can serve (a file's own typo): shown, not counted
            "extra": sorted(listed - expected - indirect),
            "indirect_found": sorted(indirect & listed),
            "unresolved": sum(r["status"] == "unresolved" for r in records),
            "files_read": len({r["file"] for r in records}),
            "seconds": round(elapsed, 2),
            "stderr": stderr.strip().splitlines(),
        }
        rows.append(row)
        totals["expected"] += len(expected)
        totals["found"] += len(listed - indirect)
        totals["hits"] += len(hits)
        totals["indirect"] += len(indirect)
        totals["indirect_hits"] += len(indirect & listed)
        totals["unresolved"] += row["unresolved"]
    recall = totals["hits"] / totals["expected"] if totals["expected"] else 1.0
    precision = totals["hits"] / totals["found"] if totals["found"] else 1.0
    return {"totals": totals, "recall": recall, "precision": precision, "repositories": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json-out", type=Path)
    parser.add_argument("--manifest", type=Path, default=MANIFEST, help="e.g. bench/discover_corpus_heldout.json")
    parser.add_argument(
        "--public-registry",
        action="append",
        default=[],
        metavar="HOST",
        help="passed to discover: list this registry's images too (registry.gitlab.com); repeatable",
    )
    args = parser.parse_args(argv)
    result = measure(args.corpus, args.manifest, tuple(args.public_registry))
    for row in result["repositories"]:
        print(
            f"{row['repository']}@{row['commit'][:12]}: {row['hits']}/{row['expected']} found, {row['listed']} listed"
        )
        for name in row["missed"]:
            print(f"  missed: {name}")
        for name in row["extra"]:
            print(f"  extra:  {name}")
        for name in row["invalid_labels"]:
            print(f"  invalid label, not counted: {name}")
    totals = result["totals"]
    print(
        f"recall {result['recall']:.1%} ({totals['hits']}/{totals['expected']}), precision {result['precision']:.1%} "
        f"({totals['hits']}/{totals['found']}); indirect (action inputs, operator arguments) found "
        f"{totals['indirect_hits']}/{totals['indirect']}; {totals['unresolved']} unresolved uses reported"
    )
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
