"""`python -m bench.discover_literal_scan ROOT [RUN.json]`: what a catch-all scanner would do on discover's corpora.

The question it answers: instead of reading each file as the tool that uses it does (compose, Helm, a Dockerfile,
a Testcontainers call...), why not list every image-shaped string of every text file? For each repository of a
whole run (default: bench/discover_whole_run.json) and its tree under ROOT (as bench.discover_corpus_checkout
writes it), the scanner lists:
- every `HOST/PATH:TAG` or `HOST/PATH@sha256:...` whose host has a dot (`ghcr.io/x/y:1`, `registry.k8s.io/pause:3.9`),
  and an untagged `HOST/PATH` on a registry the labelling brief lists as public (`quay.io/x/y`: Go import paths such
  as `github.com/x/y` are so left out);
- every `OWNER/NAME:TAG` whose tag starts with a digit, `v` and a digit, or is `latest` (`bitnami/redis:7.2`);
- every bare `NAME:TAG` of that tag shape whose NAME is a bare name some label of the corpora names (`postgres:16`):
  a list taken from the answers, which favours the scanner;
in every file but `.git/`, `node_modules/`, `vendor/`, binary files, files of 2 MiB and more, and prose (`*.md`,
`*.rst`, `*.adoc`, `*.txt`, `*.html`). It prints the scanner's recall and precision against the labels, discover's
(from the run), and those of both listings together (what the scanner would add to discover).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
from pathlib import Path
from typing import Any

from bench.discover_corpus_checkout import BENCH, set_name
from ecr_mirror.choose.discovery.listing import familiar
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

RUN = BENCH / "discover_whole_run.json"
SKIP_DIRS = frozenset({".git", "node_modules", "vendor"})
PROSE = (".md", ".rst", ".adoc", ".txt", ".html")
MAX_BYTES = 2 * 1024 * 1024
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_TAG = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
_VERSION_TAG = r"(?:v?\d[\w.-]*|latest)"
_DIGEST = r"(?:@sha256:[0-9a-f]{64})?"
QUALIFIED_RE = re.compile(
    rf"(?<![\w./@-])(?P<host>(?:[A-Za-z0-9-]+\.)+[A-Za-z]{{2,}}(?::\d+)?)/{_COMPONENT}(?:/{_COMPONENT})*"
    rf"(?P<tag>:{_TAG})?(?P<digest>@sha256:[0-9a-f]{{64}})?(?![\w/-])"
)
# the registries bench/discover_labelling_brief.md lists as public, whose untagged names the scanner takes
PUBLIC_HOSTS = frozenset(
    [
        "docker.io",
        "ghcr.io",
        "quay.io",
        "registry.k8s.io",
        "k8s.gcr.io",
        "gcr.io",
        "mirror.gcr.io",
        "public.ecr.aws",
        "mcr.microsoft.com",
        "docker.elastic.co",
        "registry.access.redhat.com",
        "registry.fedoraproject.org",
        "lscr.io",
    ]
)
HUB_RE = re.compile(rf"(?<![\w./@:-])({_COMPONENT}/{_COMPONENT}:{_VERSION_TAG}{_DIGEST})(?![\w/-])")
BARE_RE = re.compile(rf"(?<![\w./@:-])({_COMPONENT}):{_VERSION_TAG}{_DIGEST}(?![\w/-])")


def normal(text: str) -> str | None:
    try:
        return familiar(parse_reference(text))
    except ReferenceError_:
        return None


def scan_text(text: str, bare_names: frozenset[str]) -> set[str]:
    """The image references a catch-all scanner takes from one file's text, normalised."""
    found = [
        m.group(0)
        for m in QUALIFIED_RE.finditer(text)
        if m.group("tag") or m.group("digest") or m.group("host").lower() in PUBLIC_HOSTS
    ]
    found += HUB_RE.findall(text)
    found += [m.group(0) for m in BARE_RE.finditer(text) if m.group(1) in bare_names]
    return {ref for ref in map(normal, found) if ref is not None}


def scan_tree(tree: Path, bare_names: frozenset[str]) -> set[str]:
    found: set[str] = set()
    for folder, dirs, files in os.walk(tree):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            path = Path(folder, name)
            if name.lower().endswith(PROSE) or not path.is_file() or path.stat().st_size >= MAX_BYTES:
                continue
            data = path.read_bytes()
            if b"\0" in data[:8192]:
                continue
            found |= scan_text(data.decode("utf-8", "replace"), bare_names)
    return found


def _labels() -> dict[str, dict[str, Any]]:
    """Every labelled repository of every manifest, by name."""
    entries: dict[str, dict[str, Any]] = {}
    for manifest in sorted(BENCH.glob("discover_corpus*.json")):
        for entry in json.loads(manifest.read_text())["repositories"]:
            entries[entry["repository"]] = {**entry, "set": set_name(manifest)}
    return entries


def measure(root: Path, run: Path, leave_out: set[str], sets: str = "*") -> dict[str, int]:
    labels = _labels()
    written = [text for entry in labels.values() for text in entry["expected"]]
    bare = frozenset(text.split(":")[0].split("@")[0] for text in written if "/" not in text)
    data = json.loads(run.read_text())
    groups = data["sets"] if isinstance(data.get("sets"), dict) else data
    totals = dict.fromkeys(("repositories", "expected", "tool_hits", "tool_listed", "scan_hits", "scan_listed"), 0)
    totals |= {"both_hits": 0, "both_listed": 0}
    for name, set_rows in groups.items():
        if not fnmatch.fnmatchcase(name, sets):
            continue
        for row in set_rows:
            entry = labels.get(row["repository"])
            tree = root / (entry["set"] if entry else "") / row["repository"].replace("/", "+")
            if entry is None or row["repository"] in leave_out or not tree.is_dir():
                continue
            expected = {ref for ref in map(normal, entry["expected"]) if ref is not None}
            indirect = {ref for ref in map(normal, entry["indirect"]) if ref is not None} - expected
            tool = (expected - set(row["missed"])) | set(row["extra"])  # what discover listed, indirect labels apart
            scanned = scan_tree(tree, bare) - indirect
            both = tool | scanned
            totals["repositories"] += 1
            totals["expected"] += len(expected)
            for key, listed in (("tool", tool), ("scan", scanned), ("both", both)):
                totals[f"{key}_hits"] += len(listed & expected)
                totals[f"{key}_listed"] += len(listed)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("run", type=Path, nargs="?", default=RUN)
    parser.add_argument("--leave-out", action="append", default=[], metavar="OWNER/NAME")
    parser.add_argument("--sets", default="*", metavar="GLOB", help="only the run's sets so named (heldout_g?)")
    args = parser.parse_args(argv)
    totals = measure(args.root, args.run, set(args.leave_out), args.sets)
    if not totals["repositories"]:
        raise SystemExit(f"{args.root}: no tree of {args.run}'s repositories found (expected ROOT/SET/OWNER+NAME)")
    print(f"{totals['repositories']} repositories, {totals['expected']} labelled images")
    for key, label in (("tool", "discover"), ("scan", "catch-all scanner"), ("both", "discover + scanner")):
        hits, listed = totals[f"{key}_hits"], totals[f"{key}_listed"]
        print(
            f"{label}: recall {hits}/{totals['expected']} ({hits / max(totals['expected'], 1):.1%}), "
            f"precision {hits}/{listed} ({hits / max(listed, 1):.1%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
