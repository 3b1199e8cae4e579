"""The fan-out simulation of `python -m bench.planning`: K images copied inline by one run, or by N workers.

(a) inline: one process runs `mirror(jobs)` with image_concurrency 4, as the planner does when the work fits;
(b) fanned out: N processes each take one job at a time from a shared queue and run `mirror([job])` with
    image_concurrency 1, as function/worker.py does for each SQS message (the event source mapping's maximum
    concurrency is N).
Each process has its own link (a WAN proxy pair, source and target, with the given latency and bandwidth cap),
as each Lambda environment has its own network; the target is fresh for each mode. The clock starts once every
process has imported the engine (a warm Lambda environment). Every image's digest is then read at the target,
and the target's manifest PUTs and the source's manifest GETs are counted: each image copied once, one pull each.

On this machine every process (and every proxy) shares 2 cores; Lambda gives each worker its own CPU share, so
(b) here is a lower bound of what fanning out gains.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import resource
import time
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from typing import Any

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry

from .plan_setup import manifest_digest
from .wan import LinkSpec, ProxyThread

TAG = "v1"


@dataclass(frozen=True)
class FanoutSpec:
    images: int = 24
    layer_sizes: tuple[int, ...] = (2 << 20, 1 << 20)  # bytes of pseudo-random data per layer
    workers: int = 5
    inline_concurrency: int = 4


@dataclass
class ModeResult:
    mode: str
    processes: int
    seconds: float
    statuses: dict[str, int]
    per_image_seconds: list[float]
    cpu_seconds: float
    source_manifest_gets: int
    target_manifest_puts: int
    digests_ok: int
    problems: list[str] = field(default_factory=list)


def source_repository(i: int) -> str:
    return f"bench/fan-{i:02d}"


def seed_fanout(source: LocalRegistry, spec: FanoutSpec) -> dict[int, str]:
    """K distinct images (their own layers) at the source; their digests by index."""
    digests = {}
    for i in range(spec.images):
        content = oci_image(spec.layer_sizes, seed=f"bench-fanout-{i}")
        digests[i] = push_image(source, source_repository(i), content, tags=(TAG,)).digest
    return digests


def _worker(jobs: Queue[Any], results: Queue[Any], source: str, to: str, concurrency: int) -> None:
    """One worker process: each queue item is a list of image indexes, copied by one `mirror(...)` call."""
    from ecr_mirror.mirror.run import Job, MirrorOptions, mirror
    from ecr_mirror.oci.credentials import CredentialStore
    from ecr_mirror.oci.reference import parse_reference

    options = MirrorOptions(image_concurrency=concurrency, plain_http=True, endpoints={"docker.io": source})
    results.put(("ready", None))
    while (item := jobs.get()) is not None:
        batch = [
            Job(
                parse_reference(f"docker.io/{source_repository(i)}:{TAG}"),
                parse_reference(f"{to}/mirror/docker-hub/{source_repository(i)}:{TAG}"),
            )
            for i in item
        ]
        started = time.perf_counter()
        report = asyncio.run(mirror(batch, CredentialStore(), options))
        seconds = time.perf_counter() - started
        results.put(("done", [(r.status.value, r.error, seconds) for r in report.images]))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_mode(
    mode: str, source: LocalRegistry, link: LinkSpec | None, spec: FanoutSpec, digests: dict[int, str]
) -> ModeResult:
    """Copy every image into a fresh target: `inline` (one process, one run) or `fanout` (N one-image workers)."""
    fanout = mode == "fanout"
    processes = spec.workers if fanout else 1
    items: list[list[int]] = [[i] for i in range(spec.images)] if fanout else [list(range(spec.images))]
    concurrency = 1 if fanout else spec.inline_concurrency
    context = mp.get_context("spawn")  # the benchmark runs proxy threads: no fork
    with LocalRegistry() as target, contextlib.ExitStack() as stack:
        hosts = [(source.host, target.host)] * processes
        if link is not None:  # each process its own link, as each Lambda environment its own network
            hosts = [
                (
                    stack.enter_context(ProxyThread(source.host, link)).host,
                    stack.enter_context(ProxyThread(target.host, link)).host,
                )
                for _ in range(processes)
            ]
        jobs: Queue[Any] = context.Queue()
        results: Queue[Any] = context.Queue()
        workers = [
            context.Process(target=_worker, args=(jobs, results, src, to, concurrency), daemon=True)
            for src, to in hosts
        ]
        cpu_before = _children_cpu()
        for w in workers:
            w.start()
        for _ in workers:
            results.get(timeout=120)  # ("ready", None): the engine is imported
        source.reset_counts()
        started = time.perf_counter()
        for item in items:
            jobs.put(item)
        outcomes: list[tuple[str, str | None, float]] = []
        while len(outcomes) < spec.images:
            outcomes += results.get(timeout=900)[1]
        seconds = time.perf_counter() - started
        for _ in workers:
            jobs.put(None)
        for w in workers:
            w.join(timeout=60)
        cpu = _children_cpu() - cpu_before
        return _result(mode, processes, seconds, outcomes, cpu, source, target, digests)


def _result(
    mode: str,
    processes: int,
    seconds: float,
    outcomes: list[tuple[str, str | None, float]],
    cpu: float,
    source: LocalRegistry,
    target: LocalRegistry,
    digests: dict[int, str],
) -> ModeResult:
    statuses: dict[str, int] = {}
    for status, _, _ in outcomes:
        statuses[status] = statuses.get(status, 0) + 1
    problems = [error for _, error, _ in outcomes if error][:3]
    ok = 0
    for i, digest in digests.items():
        found = manifest_digest(target, f"mirror/docker-hub/{source_repository(i)}", TAG)
        if found == digest:
            ok += 1
        else:
            problems.append(f"{source_repository(i)}: target has {found}, source {digest}")
    src, dst = source.request_counts(), target.request_counts()
    return ModeResult(
        mode,
        processes,
        round(seconds, 3),
        statuses,
        sorted(round(s, 3) for _, _, s in outcomes) if mode == "fanout" else [],  # inline: one run, no per-image time
        round(cpu, 2),
        src.get(("GET", "manifest"), 0),
        dst.get(("PUT", "manifest"), 0),
        ok,
        problems,
    )
