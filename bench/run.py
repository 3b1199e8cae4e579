"""`python -m bench.run`: ecr-mirror vs skopeo (copy loop, sync) vs a raw curl pipe, on local registries.

    python -m bench.run                    # full corpus, 3 repetitions, writes BENCHMARKS.md (about 5-8 min)
    python -m bench.run --huge             # also a 4 GiB layer (peak RSS must not grow with size)
    python -m bench.run --tiny --output /tmp/b.md --json-out /tmp/b.json    # seconds; the smoke test
    python -m bench.run --wan [--latency-ms 20] [--bandwidth MBIT] [--wan-large] [--cut-at 0.9]

With --wan both registries sit behind bench/wan.py, a proxy adding the latency each way (and a handshake round
trip per new connection); every contender goes through the same proxies, and the WAN section of BENCHMARKS.md
is written (the loopback section is kept).

Each repetition runs, in rotated order, every tool's cold sync into a fresh empty target registry and then
its warm sync into that same target; then the 1 GiB image by `ecr-mirror copy` and by the curl pipe, each
into a fresh target. Every process is measured alone (wall time, peak RSS from os.wait4), the source's and
the target's access logs are counted per run, and every cold copy is checked for the source's digests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from ecr_mirror.lab.registry import LocalRegistry

from . import corpus as corpus_mod
from . import corpus_spec, options, procs, report, stats, tools, wan, wan_report
from .corpus import Corpus, ImageInfo
from .results import COLD, HUGE, LARGE, RESUME, WARM, Results, Sample, counts, evaluate, mounts_and_uploads
from .wan import Counters, LinkSpec, ProxyThread

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


@contextlib.contextmanager
def via(link: LinkSpec | None, host: str, cut_after: int | None = None) -> Iterator[tuple[str, Counters | None]]:
    """The address to reach `host` at: itself on loopback, or a WAN proxy in front of it (and its counters)."""
    if link is None:
        yield host, None
        return
    with ProxyThread(host, link, cut_after=cut_after) as proxy:
        yield proxy.host, proxy.counters


def _reset(*parts: LocalRegistry | Counters | None) -> None:
    os.sync()  # the previous run's writes must not be flushed during this one
    for part in parts:
        if isinstance(part, LocalRegistry):
            part.reset_counts()
        elif part is not None:
            part.reset()


def _sample(
    scenario: str,
    tool: str,
    rep: int,
    outcome: tools.RunOutcome,
    source: LocalRegistry,
    target: LocalRegistry,
    problems: list[str],
    wan_counters: tuple[Counters | None, Counters | None] = (None, None),
) -> Sample:
    src_records, dst_records = source.requests(), target.requests()
    mounts, uploads = mounts_and_uploads(dst_records)
    m = outcome.measured
    src_c = wan_counters[0]
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
        source_bytes=src_c.bytes_down if src_c else 0,
        connections=sum(c.connections for c in wan_counters if c),
        source_peak_connections=src_c.peak_connections if src_c else 0,
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


def run_syncs(
    results: Results,
    images: Sequence[ImageInfo],
    source: LocalRegistry,
    reps: int,
    work: Path,
    link: LinkSpec | None = None,
) -> None:
    # One untimed sync first: the source registry's first pass over the corpus (its own caches, the kernel's
    # dentries) is paid by no contender. Without it the first tool of the first repetition ran ~25% slower.
    with LocalRegistry() as throwaway:
        os.sync()
        tools.run_tool("skopeo-sync", images, source.host, throwaway.host, work)
    with via(link, source.host) as (src_host, src_c):
        for rep in range(1, reps + 1):
            for tool in _rotate(tools.TOOLS, rep - 1):
                with LocalRegistry() as target, via(link, target.host) as (dst_host, dst_c):
                    for scenario in (COLD, WARM):
                        _reset(source, target, src_c, dst_c)
                        outcome = tools.run_tool(tool, images, src_host, dst_host, work)
                        problems = tools.verify_target(images, target.host) if scenario == COLD else []
                        sample = _sample(scenario, tool, rep, outcome, source, target, problems, (src_c, dst_c))
                        results.samples.append(sample)
                        _say(sample)


def run_single(
    results: Results,
    scenario: str,
    image: ImageInfo,
    source: LocalRegistry,
    reps: int,
    link: LinkSpec | None = None,
) -> None:
    digest, _ = max(image.blobs, key=lambda b: b[1])
    with via(link, source.host) as (src_host, src_c):
        for rep in range(1, reps + 1):
            for tool in _rotate(("ecr-mirror", "curl"), rep - 1):
                with LocalRegistry() as target, via(link, target.host) as (dst_host, dst_c):
                    _reset(source, target, src_c, dst_c)
                    if tool == "curl":
                        outcome = tools.curl_pipe(image, src_host, dst_host)
                        ok = tools.blob_present(target.host, tools.target_repo(image), digest)
                        problems = [] if ok else [f"blob {digest} absent at the target after the curl pipe"]
                    else:
                        outcome = tools.ecr_mirror_copy(image, src_host, dst_host)
                        problems = tools.verify_target([image], target.host)
                    sample = _sample(scenario, tool, rep, outcome, source, target, problems, (src_c, dst_c))
                    results.samples.append(sample)
                    _say(sample)


def run_resume(results: Results, image: ImageInfo, source: LocalRegistry, link: LinkSpec | None, at: float) -> None:
    """`ecr-mirror copy` of the large image while the source's link cuts the blob once at `at` of its size."""
    _, size = max(image.blobs, key=lambda b: b[1])
    cut_after = int(size * at)
    results.meta["resume"] = {"cut_at": at, "blob_bytes": size, "cut_after": cut_after}
    source_link = link or LinkSpec(latency=0.0)  # on loopback too: the cut needs the proxy
    with (
        via(source_link, source.host, cut_after) as (src_host, src_c),
        LocalRegistry() as target,
        via(link, target.host) as (dst_host, dst_c),
    ):
        _reset(source, target, src_c, dst_c)
        problems: list[str] = []
        try:
            outcome = tools.ecr_mirror_copy(image, src_host, dst_host)
            problems = tools.verify_target([image], target.host)
        except procs.ProcessFailedError as exc:
            outcome = tools.RunOutcome(procs.Measured(0.0, 0, 1, []))
            problems = [f"ecr-mirror copy failed after the cut: {str(exc)[:300]}"]
        assert src_c is not None
        results.meta["resume"]["cuts"] = src_c.cuts
        sample = _sample(RESUME, "ecr-mirror", 1, outcome, source, target, problems, (src_c, dst_c))
        results.samples.append(sample)
        _say(sample)
        _log(f"  resume: {src_c.bytes_down / size:.2f}x the blob's bytes fetched from the source ({src_c.cuts} cut)")


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


def render_saved(path: Path, output: Path) -> int:
    """Write the section a saved run belongs to (loopback or WAN) from its results file."""
    try:
        results = Results.from_dict(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SystemExit(f"--render {path}: not a results file of bench.run ({exc})") from exc
    if "link" in results.meta:
        report.write_markdown(output, results, wan_report.render(results), wan_report.START, wan_report.END)
    else:
        report.write_markdown(output, results)
    _log(f"wrote {output} from {path}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = options.parse_args(argv, __doc__)
    if args.render is not None:
        return render_saved(args.render, args.output or REPO_ROOT / "BENCHMARKS.md")
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
    link = wan.spec_from_args(args.latency_ms, args.bandwidth) if args.wan else None
    if args.engine is not None:
        if not (args.engine / "ecr_mirror" / "__main__.py").is_file():
            raise SystemExit(f"--engine {args.engine}: no ecr_mirror package there")
        tools.ENGINE_PATH = args.engine.resolve()
    if args.no_write:
        output = None
    corpus = corpus_mod.ensure_corpus(spec, args.cache_dir, jobs=os.cpu_count() or 2)
    huge = corpus_mod.ensure_huge(corpus) if args.huge else None
    skipped = ("huge",) if link is None or args.wan_large else ("huge", "large")
    images = [i for i in corpus.images if i.kind not in skipped]
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
    if link is not None:
        results.meta["link"] = wan_report.describe_link(link)
        results.meta["check_concurrency"] = wan_report.engine_check_concurrency()
        results.meta["wan_images"] = "all but the 1 GiB image" if "large" in skipped else "all"
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
            run_syncs(results, images, source, reps, work, link)
        if args.only != "syncs" and (link is None or args.wan_large):
            run_single(results, LARGE, large, source, reps, link)
        if huge is not None:
            run_single(results, HUGE, huge, source, 1, link)
        if args.cut_at is not None:
            run_resume(results, large, source, link, args.cut_at)
    results.meta["load_average"] = f"{load_before} before, {_load()} after"
    results.checks = evaluate(results, len(images), len(distinct))
    elapsed = time.monotonic() - started
    results.meta["duration"] = f"{int(elapsed // 60)}m{int(elapsed % 60):02d}s"
    results.meta["seconds"] = round(elapsed, 1)
    text = report.render(results) if link is None else wan_report.render(results)
    print(text)
    if output is not None:
        if link is None:
            report.write_markdown(output, results)
        else:
            report.write_markdown(output, results, text, wan_report.START, wan_report.END)
        _log(f"wrote {output}")
    latest = "results-latest.json" if link is None else "results-wan-latest.json"
    json_out: Path | None = args.json_out or (None if partial else args.cache_dir / latest)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(results.to_dict(), indent=1))
    met = sum(c.ok for c in results.checks)
    _log(f"done in {results.meta['duration']}: {met}/{len(results.checks)} targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
