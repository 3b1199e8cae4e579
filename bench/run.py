"""`python -m bench.run`: ecr-mirror vs skopeo (copy loop, sync) vs a raw curl pipe, on local registries.

    python -m bench.run                    # full corpus, 3 repetitions, writes BENCHMARKS.md (about 5-8 min)
    python -m bench.run --huge             # also a 4 GiB layer (peak RSS must not grow with size)
    python -m bench.run --tiny --output /tmp/b.md --json-out /tmp/b.json    # seconds; the smoke test

Each repetition runs, in rotated order, every tool's cold sync into a fresh empty target registry and then
its warm sync into that same target; then the 1 GiB image by `ecr-mirror copy` and by the curl pipe, each
into a fresh target. Every process is measured alone (wall time, peak RSS from os.wait4), the source's and
the target's access logs are counted per run, and every cold copy is checked for the source's digests.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from ecr_mirror.lab.registry import LocalRegistry

from . import corpus as corpus_mod
from . import corpus_spec, procs, report, stats, tools
from .corpus import Corpus, ImageInfo
from .results import COLD, HUGE, LARGE, WARM, Results, Sample, counts, evaluate, mounts_and_uploads

REPO_ROOT = Path(__file__).resolve().parent.parent


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def prime_page_cache(root: Path) -> None:
    """Read the source registry's files once, so no contender pays for the first read from disk."""
    buf = bytearray(1 << 20)
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            try:
                with open(os.path.join(dirpath, name), "rb", buffering=0) as f:
                    while f.readinto(buf):
                        pass
            except OSError:
                continue


def _sample(
    scenario: str,
    tool: str,
    rep: int,
    outcome: tools.RunOutcome,
    source: LocalRegistry,
    target: LocalRegistry,
    problems: list[str],
) -> Sample:
    src_records, dst_records = source.requests(), target.requests()
    mounts, uploads = mounts_and_uploads(dst_records)
    m = outcome.measured
    return Sample(
        scenario,
        tool,
        rep,
        round(m.seconds, 4),
        m.max_rss_kib,
        m.processes,
        counts(src_records),
        counts(dst_records),
        mounts,
        uploads,
        problems,
        round(m.cpu_seconds, 3),
    )


def _load() -> str:
    """The 1-minute load average: other work on the machine shows here (2 cores: above ~0.5 the figures suffer)."""
    return f"{os.getloadavg()[0]:.2f}"


def _rotate(items: Sequence[str], n: int) -> list[str]:
    k = n % len(items)
    return [*items[k:], *items[:k]]


def _say(s: Sample) -> None:
    src = ", ".join(f"{k} {v}" for k, v in s.source.items())
    bad = f"; PROBLEMS: {s.problems[:2]}" if s.problems else ""
    _log(
        f"  rep {s.rep} {s.scenario:5} {s.tool:12} {s.seconds:8.2f} s  cpu {s.cpu_seconds:6.2f} s  "
        f"rss {s.rss_mb:5.0f} MB  source: {src}{bad}"
    )


def run_syncs(results: Results, images: Sequence[ImageInfo], source: LocalRegistry, reps: int, work: Path) -> None:
    # One untimed sync first: the source registry's first pass over the corpus (its own caches, the kernel's
    # dentries) is paid by no contender. Without it the first tool of the first repetition ran ~25% slower.
    with LocalRegistry() as throwaway:
        os.sync()
        tools.run_tool("skopeo-sync", images, source.host, throwaway.host, work)
    for rep in range(1, reps + 1):
        for tool in _rotate(tools.TOOLS, rep - 1):
            with LocalRegistry() as target:
                for scenario in (COLD, WARM):
                    os.sync()  # the previous run's writes must not be flushed during this one
                    source.reset_counts()
                    target.reset_counts()
                    outcome = tools.run_tool(tool, images, source.host, target.host, work)
                    problems = tools.verify_target(images, target.host) if scenario == COLD else []
                    sample = _sample(scenario, tool, rep, outcome, source, target, problems)
                    results.samples.append(sample)
                    _say(sample)


def run_single(results: Results, scenario: str, image: ImageInfo, source: LocalRegistry, reps: int) -> None:
    digest, _ = max(image.blobs, key=lambda b: b[1])
    for rep in range(1, reps + 1):
        for tool in _rotate(("ecr-mirror", "curl"), rep - 1):
            with LocalRegistry() as target:
                os.sync()
                source.reset_counts()
                target.reset_counts()
                if tool == "curl":
                    outcome = tools.curl_pipe(image, source.host, target.host)
                    ok = tools.blob_present(target.host, tools.target_repo(image), digest)
                    problems = [] if ok else [f"blob {digest} absent at the target after the curl pipe"]
                else:
                    outcome = tools.ecr_mirror_copy(image, source.host, target.host)
                    problems = tools.verify_target([image], target.host)
                sample = _sample(scenario, tool, rep, outcome, source, target, problems)
                results.samples.append(sample)
                _say(sample)


def _describe(c: Corpus) -> str:
    files = c.select("files")
    layers = c.layer_stats
    raw = sum(int(s["uncompressed"]) for s in layers)
    packed = sum(int(s["bytes"]) for s in layers)
    large = c.select("large")
    index = c.select("index")
    small = c.select("small")
    parts = [
        f"{len(files)} images of real files ({len(layers)} tar.gz layers, gzip -6, {raw / 1e6:.0f} MB of files "
        f"-> {packed / 1e6:.0f} MB; one base layer shared by all {len(files)})",
        *(f"one image with a single incompressible {i.bytes / 2**20:.0f} MiB layer" for i in large),
        *(f"a two-platform OCI index with attestation manifests ({i.manifests} manifests)" for i in index),
        f"{len(small)} small distinct images (OCI and Docker schema2)",
    ]
    return "; ".join(parts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0] if __doc__ else "")
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
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    launcher = procs.launcher()  # before anything grows this process: see procs.py
    try:
        return _main(args, argv, started, launcher.floor_kib)
    finally:
        procs.shutdown()


def _main(args: argparse.Namespace, argv: Sequence[str] | None, started: float, floor_kib: int) -> int:
    spec = corpus_spec.tiny_spec() if args.tiny else corpus_spec.full_spec()
    reps = args.reps or (1 if args.tiny else 3)
    partial = args.tiny or args.engine is not None or args.only is not None
    output: Path | None = args.output or (None if partial else REPO_ROOT / "BENCHMARKS.md")
    if args.engine is not None:
        if not (args.engine / "ecr_mirror" / "__main__.py").is_file():
            raise SystemExit(f"--engine {args.engine}: no ecr_mirror package there")
        tools.ENGINE_PATH = args.engine.resolve()
    if args.no_write:
        output = None
    corpus = corpus_mod.ensure_corpus(spec, args.cache_dir, jobs=os.cpu_count() or 2)
    huge = corpus_mod.ensure_huge(corpus) if args.huge else None
    images = [i for i in corpus.images if i.kind != "huge"]
    large = corpus.select("large")[0]
    distinct = corpus.distinct_blobs(images)
    command = "python -m bench.run" + "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:]))
    results = Results(
        meta={
            "command": command,
            "reps": reps,
            "engine": str(tools.ENGINE_PATH),
            "rss_floor_mb": round(floor_kib * 1024 / 1e6, 1),
            "machine": stats.machine(REPO_ROOT),
            "versions": tools.versions(),
            "corpus": {
                "key": corpus.key,
                "images": len(images),
                "bytes": sum(distinct.values()),
                "distinct_blobs": len(distinct),
                "describe": _describe(corpus),
                "build_seconds": round(corpus.build_seconds, 1),
                "layers": corpus.layer_stats,
            },
        }
    )
    results.meta["layer_sizes"] = {LARGE: large.bytes, **({HUGE: huge.bytes} if huge else {})}
    _log(
        f"corpus {corpus.key}: {len(images)} images, {sum(distinct.values()) / 1e6:.0f} MB, "
        f"{len(distinct)} distinct blobs; {reps} repetitions"
    )
    prime_page_cache(corpus.registry_dir)
    tools.PYCACHE_DIR = args.cache_dir / "pycache"
    tools.compile_engine()
    load_before = _load()
    with corpus.source_registry() as source, tempfile.TemporaryDirectory(prefix="ecr-mirror-bench-") as tmp:
        work = Path(tmp)
        if args.only != "large":
            run_syncs(results, images, source, reps, work)
        if args.only != "syncs":
            run_single(results, LARGE, large, source, reps)
        if huge is not None:
            run_single(results, HUGE, huge, source, 1)
    results.meta["load_average"] = f"{load_before} before, {_load()} after"
    results.checks = evaluate(results, len(images), len(distinct))
    elapsed = time.monotonic() - started
    results.meta["duration"] = f"{int(elapsed // 60)}m{int(elapsed % 60):02d}s"
    results.meta["seconds"] = round(elapsed, 1)
    text = report.render(results)
    print(text)
    if output is not None:
        report.write_markdown(output, results)
        _log(f"wrote {output}")
    json_out: Path | None = args.json_out or (None if partial else args.cache_dir / "results-latest.json")
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(results.to_dict(), indent=1))
    met = sum(c.ok for c in results.checks)
    _log(f"done in {results.meta['duration']}: {met}/{len(results.checks)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
