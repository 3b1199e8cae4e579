"""`python -m bench.planning`: planning a long image list at scale, and a fanned-out copy (issue 13 item 6).

    python -m bench.planning                                   # 500 and 2000 entries at 16, 32, 64, + fan-out
    python -m bench.planning --entries 2000 --concurrency 64 --no-fanout
    python -m bench.planning --fanout-images 24 --workers 5 --bandwidth 400 --no-plan
    python -m bench.planning --quick --json-out /tmp/p.json    # seconds: the smoke test's run
    python -m bench.planning --cli --entries 2000 --concurrency 64 --no-fanout   # a warm `ecr-mirror sync` instead

Planning: a source and a target registry (real docker-registry on loopback), each behind a WAN proxy
(bench/wan.py, 20 ms each way by default); one tiny image tagged N times at both (bench/plan_setup.py), so every
entry of the list is up to date. Each plan runs in its own process (bench/plan_probe.py, the engine's
`plan_list`, as the Lambda planner) spawned through bench/procs.py's launcher: wall time, the plan's own time
(start-up and imports excluded), peak RSS, requests at each registry (access logs), connections at each proxy.
The round-trip limit is N x 2 HEADs x round trip / checks in flight: issue 21's yardstick, set when a check sent
its two HEADs one after the other. A check now sends them at once (mirror/image.py), so its latency floor is half
of that, N x round trip / checks in flight: the table gives both.

Fan-out: see bench/fanout_sim.py. Prints a Markdown summary; --json-out keeps every figure. BENCHMARKS.md is not
written: its "Planning at scale and fan-out" section is edited by hand from this output.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ecr_mirror.lab.registry import LocalRegistry

from . import procs
from .calibration import calibrate
from .fanout_sim import FanoutSpec, run_mode, seed_fanout
from .plan_setup import TARGET_REPOSITORY, seed_planning, write_list
from .stats import cpu_model
from .wan import LinkSpec, ProxyThread, spec_from_args

REPO_ROOT = Path(__file__).resolve().parent.parent
MiB = 1 << 20
TARGET_SECONDS = 5.0  # issue 13: 2,000 entries planned in 5 s or less over 20 ms each way


def _log(message: str) -> None:
    print(f"[planning] {message}", file=sys.stderr, flush=True)


def _counts(registry: LocalRegistry) -> dict[str, int]:
    return {f"{method} {kind}": n for (method, kind), n in sorted(registry.request_counts().items())}


def _cli_answer(stdout: bytes, seconds: float) -> dict[str, Any]:
    """`ecr-mirror sync --json`'s report, in the probe's terms (the whole process is the measured time)."""
    report = json.loads(stdout.decode())
    statuses: dict[str, int] = {}
    for image in report["images"]:
        statuses[image["status"]] = statuses.get(image["status"], 0) + 1
    errors = [f"{i['target']}: {i['error']}" for i in report["images"] if i.get("error")][:3]
    return {"entries": len(report["images"]), "plan_seconds": round(seconds, 4), "statuses": statuses, "errors": errors}


def plan_once(
    entries: int,
    concurrency: int,
    list_dir: Path,
    hosts: tuple[str, str],
    regs: tuple[LocalRegistry, LocalRegistry],
    *,
    cli: bool = False,
) -> dict[str, Any]:
    """One measured plan of the first `entries` tags at `concurrency` checks in flight: the engine's plan_list
    (as the Lambda planner), or with `cli` a warm `ecr-mirror sync` of the list (start-up included)."""
    source_host, target_host = hosts
    source, target = regs
    listing = write_list(list_dir / f"list-{entries}.txt", entries)
    if cli:
        argv = [sys.executable, "-m", "ecr_mirror", "sync", "--images", str(listing), "--to", f"{target_host}/mirror"]
        argv += ["--plain-http", "--registry-endpoint", f"docker.io={source_host}", "--json"]
        argv += ["--check-concurrency", str(concurrency)]
    else:
        argv = [sys.executable, "-m", "bench.plan_probe", "--list", str(listing), "--to", f"{target_host}/mirror"]
        argv += ["--source", source_host, "--concurrency", str(concurrency)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))}
    for registry in regs:
        registry.reset_counts()
    result = procs.run(argv, env=env, timeout=600)
    if result.returncode != 0 and not result.stdout:
        result.check()
    if cli:
        answer = _cli_answer(result.stdout, result.seconds)
    else:
        answer = json.loads(result.stdout.decode().strip().splitlines()[-1])
    answer.update(
        concurrency=concurrency,
        process_seconds=round(result.seconds, 3),
        max_rss_kib=result.max_rss_kib,
        cpu_seconds=round(result.cpu_seconds, 3),
        source=_counts(source),
        target=_counts(target),
    )
    return answer


def run_planning(args: argparse.Namespace, link: LinkSpec, workdir: Path) -> list[dict[str, Any]]:
    sizes, levels = sorted(args.entries), sorted(args.concurrency)
    samples: list[dict[str, Any]] = []
    environment = {"GOGC": args.registry_gogc} | ({"GOMAXPROCS": args.registry_procs} if args.registry_procs else {})
    with LocalRegistry(environment=environment) as source, LocalRegistry(environment=environment) as target:
        started = time.perf_counter()
        seed_planning(source, target, max(sizes))
        _log(f"seeded {max(sizes)} tags at both registries in {time.perf_counter() - started:.1f}s")
        with ProxyThread(source.host, link) as src_proxy, ProxyThread(target.host, link) as dst_proxy:
            for rep in range(args.repetitions):
                for entries in sizes:
                    for concurrency in levels:
                        for proxy in (src_proxy, dst_proxy):
                            proxy.counters.reset()
                        others = _others_cpu(source, target)
                        sample = plan_once(
                            entries,
                            concurrency,
                            workdir,
                            (src_proxy.host, dst_proxy.host),
                            (source, target),
                            cli=args.cli,
                        )
                        registries, proxies = (b - a for a, b in zip(others, _others_cpu(source, target), strict=True))
                        sample.update(
                            registry_cpu_seconds=round(registries, 2),
                            proxy_cpu_seconds=round(proxies, 2),
                            repetition=rep,
                            connections=src_proxy.counters.connections + dst_proxy.counters.connections,
                            round_trip_limit=round(entries * 2 * 2 * link.latency / concurrency, 3),
                            latency_floor=round(entries * 2 * link.latency / concurrency, 3),
                        )
                        samples.append(sample)
                        _log(
                            f"N={entries} c={concurrency}: plan {sample['plan_seconds']}s, process "
                            f"{sample['process_seconds']}s, RSS {sample['max_rss_kib'] // 1024} MiB, "
                            f"{sample['statuses']}"
                        )
    return samples


def _others_cpu(*registries: LocalRegistry) -> tuple[float, float]:
    """CPU seconds so far of the registries' processes (Linux /proc; 0 elsewhere) and of this process, whose only
    work during a plan is the WAN proxies' threads: what the plan's machine spends besides the plan."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for registry in registries:
        try:
            fields = Path(f"/proc/{registry.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    own = resource.getrusage(resource.RUSAGE_SELF)
    return total, own.ru_utime + own.ru_stime


def run_fanout(args: argparse.Namespace, link: LinkSpec | None) -> list[dict[str, Any]]:
    half = max(1, args.fanout_mib * MiB // 2)
    spec = FanoutSpec(images=args.fanout_images, layer_sizes=(half, half), workers=args.workers)
    if args.quick:
        spec = FanoutSpec(images=3, layer_sizes=(64 << 10,), workers=2)
    out: list[dict[str, Any]] = []
    with LocalRegistry() as source:
        digests = seed_fanout(source, spec)
        for mode in ("inline", "fanout"):
            result = run_mode(mode, source, link, spec, digests)
            _log(f"fan-out {mode}: {result.seconds}s, {result.statuses}, digests ok {result.digests_ok}")
            out.append(asdict(result))
    return out


def render(meta: dict[str, Any], plans: list[dict[str, Any]], fanout: list[dict[str, Any]]) -> str:
    lines = [f"- {k}: {v}" for k, v in meta.items()]
    if plans:
        lines += [
            "",
            "| entries | checks in flight | plan | process | round-trip limit | plan / limit | latency floor | source "
            "requests | target requests | connections | peak RSS | CPU | CPU of registries / proxies | statuses |",
            "|" + " --- |" * 14,
        ]
        for s in plans:
            lines.append(
                f"| {s['entries']} | {s['concurrency']} | {s['plan_seconds']:.2f} s | {s['process_seconds']:.2f} s "
                f"| {s['round_trip_limit']:.2f} s | {s['plan_seconds'] / s['round_trip_limit']:.1f}x "
                f"| {s['latency_floor']:.2f} s "
                f"| {_fmt(s['source'])} | {_fmt(s['target'])} | {s['connections']} "
                f"| {s['max_rss_kib'] / 1024:.0f} MiB | {s['cpu_seconds']:.2f} s "
                f"| {s['registry_cpu_seconds']:.2f} s / {s['proxy_cpu_seconds']:.2f} s | {_fmt(s['statuses'])} |"
            )
    if fanout:
        lines += [
            "",
            "| copy | processes | end to end | per image (min / median / max) | CPU | statuses | source "
            "manifest GETs | target manifest PUTs | digests at the target |",
            "|" + " --- |" * 9,
        ]
        for f in fanout:
            per = f["per_image_seconds"]
            spread = f"{per[0]:.2f} / {per[len(per) // 2]:.2f} / {per[-1]:.2f} s" if per else "-"
            lines.append(
                f"| {f['mode']} | {f['processes']} | {f['seconds']:.2f} s | {spread} | {f['cpu_seconds']:.2f} s "
                f"| {_fmt(f['statuses'])} | {f['source_manifest_gets']} | {f['target_manifest_puts']} "
                f"| {f['digests_ok']}/{sum(f['statuses'].values())} |"
            )
    return "\n".join(lines) + "\n"


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"


def _commit() -> str:
    argv = ["git", "-C", str(REPO_ROOT), "rev-parse", "--short", "HEAD"]
    done = subprocess.run(argv, check=False, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.planning", description=(__doc__ or "").split("\n")[0])
    ints = lambda text: [int(x) for x in text.split(",") if x]  # noqa: E731
    parser.add_argument("--entries", type=ints, default=[500, 2000], help="list sizes, comma-separated")
    parser.add_argument("--concurrency", type=ints, default=[16, 32, 64], help="checks in flight, comma-separated")
    parser.add_argument("--repetitions", type=int, default=1)
    parser.add_argument("--latency-ms", type=float, default=20.0, help="one way (default 20)")
    parser.add_argument("--bandwidth", type=float, default=None, metavar="MBIT", help="cap per direction")
    parser.add_argument("--fanout-images", type=int, default=24)
    parser.add_argument("--fanout-mib", type=int, default=3, help="MiB per fan-out image (two layers)")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--no-plan", action="store_true")
    parser.add_argument("--no-fanout", action="store_true")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: the smoke test")
    parser.add_argument("--cli", action="store_true", help="measure a warm `ecr-mirror sync` instead of plan_list")
    parser.add_argument(
        "--registry-gogc",
        default="800",
        metavar="PERCENT",
        help="GOGC of the two stand-in registries (default 800; Go's own default is 100): their garbage collector "
        "takes a third of their CPU, on the cores the planner is measured on",
    )
    parser.add_argument(
        "--registry-procs",
        default="",
        metavar="N",
        help="GOMAXPROCS of the two stand-in registries (default: Go's, one per core)",
    )
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.quick:
        args.entries, args.concurrency = [5], [4]
    if min(args.entries, default=0) < 1 or min(args.concurrency, default=0) < 1:
        parser.error("--entries and --concurrency need positive integers")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    procs.launcher()  # before the benchmark grows (see bench/procs.py)
    link = spec_from_args(args.latency_ms, args.bandwidth)
    meta = {
        "link": f"{args.latency_ms:g} ms each way" + (f", {args.bandwidth:g} Mbit/s" if args.bandwidth else ""),
        "fan-out": f"{args.fanout_images} images of {args.fanout_mib} MiB, {args.workers} workers, a link each",
        "target": f"{TARGET_REPOSITORY} under the target; every entry up to date",
        "commit": _commit(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load average before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "machine": f"{cpu_model()}, {os.cpu_count()} cores",
        "CPU calibration before": f"{calibrate():.3f} s (bench/calibration.py)",
        "registries": f"docker-registry, GOGC={args.registry_gogc}"
        + (f", GOMAXPROCS={args.registry_procs}" if args.registry_procs else ""),
        "launcher floor RSS": f"{procs.launcher().floor_kib} KiB",
    }
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-planning-") as tmp:
            plans = [] if args.no_plan else run_planning(args, link, Path(tmp))
        fanout = [] if args.no_fanout else run_fanout(args, link if args.latency_ms > 0 else None)
    finally:
        procs.shutdown()
    big = [s for s in plans if s["entries"] >= 2000]
    if big:
        best = min(s["plan_seconds"] for s in big)
        verdict = "met" if best <= TARGET_SECONDS else f"missed by {best - TARGET_SECONDS:.1f} s"
        meta["2,000 entries in <= 5 s"] = f"best plan {best:.2f} s: {verdict}"
    meta["load average after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    meta["CPU calibration after"] = f"{calibrate():.3f} s"
    meta["took"] = f"{time.perf_counter() - started:.0f} s"
    print(render(meta, plans, fanout))
    if args.json_out:
        args.json_out.write_text(json.dumps({"meta": meta, "plans": plans, "fanout": fanout}, indent=2) + "\n")
    ok = all(s["statuses"] == {"skipped": s["entries"]} for s in plans) and all(
        f["digests_ok"] == sum(f["statuses"].values()) and not f["problems"] for f in fanout
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
