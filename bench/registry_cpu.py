"""`python -m bench.registry_cpu`: the CPU one stand-in registry (docker-registry) spends per manifest HEAD.

    python -m bench.registry_cpu [--heads 2000] [--gogc 100,400,800,off] [--clients 8] [--repetitions 2]

The planning benchmark's registries share the machine's cores with the plan it measures, so their CPU per request
sets a floor under its wall time. For each GOGC value (Go's garbage collector target; 100 is Go's default), a
fresh registry is seeded with `--heads` tags of one tiny image, then HEADed by tag `--heads` times over `--clients`
kept connections (threads), and the registry process's CPU (user + system, from /proc) is divided by the HEADs.
Prints one line per run, then a Markdown table with the machine, its CPU calibration and the load.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.oci import mediatypes

from .calibration import calibrate
from .plan_setup import SOURCE_REPOSITORY, seed_tags, tag_name
from .stats import cpu_model


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(gogc: str, heads: int, clients: int) -> tuple[float, float]:
    """(registry CPU seconds, wall seconds) of `heads` manifest HEADs at a registry running with GOGC=`gogc`."""
    with LocalRegistry(environment={"GOGC": gogc}) as registry:
        seed_tags(registry, SOURCE_REPOSITORY, oci_image(seed="bench-registry-cpu"), heads)
        pool = [
            httpx.Client(base_url=registry.url, headers={"Accept": mediatypes.ACCEPT}, timeout=30)
            for _ in range(clients)
        ]

        def work(k: int) -> None:
            for i in range(k, heads, clients):
                answer = pool[k].head(f"/v2/{SOURCE_REPOSITORY}/manifests/{tag_name(i)}")
                if answer.status_code != 200:
                    raise SystemExit(f"HEAD {tag_name(i)} answered {answer.status_code}")

        pid = registry.pid
        assert pid is not None, "the registry is running"
        before, started = _cpu_seconds(pid), time.perf_counter()
        with ThreadPoolExecutor(clients) as executor:
            list(executor.map(work, range(clients)))
        used, wall = _cpu_seconds(pid) - before, time.perf_counter() - started
        for client in pool:
            client.close()
    return used, wall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.registry_cpu", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--heads", type=int, default=2000)
    parser.add_argument("--gogc", default="100,400,800,off", help="GOGC values, comma-separated")
    parser.add_argument("--clients", type=int, default=8, help="kept connections (threads)")
    parser.add_argument("--repetitions", type=int, default=2)
    args = parser.parse_args(argv)
    if args.heads < 1 or args.clients < 1 or args.repetitions < 1:
        parser.error("--heads, --clients and --repetitions need positive integers")
    values = [v.strip() for v in args.gogc.split(",") if v.strip()]
    load, calibration = os.getloadavg()[0], calibrate()
    rows: dict[str, list[float]] = {v: [] for v in values}
    for rep in range(args.repetitions):
        for value in values:
            used, wall = measure(value, args.heads, args.clients)
            rows[value].append(used / args.heads * 1000)
            print(f"GOGC={value} run {rep + 1}: {used:.2f} s CPU, {rows[value][-1]:.2f} ms per HEAD, wall {wall:.2f} s")
    print(f"\n- machine: {cpu_model()}, {os.cpu_count()} cores; CPU calibration {calibration:.3f} s")
    print(f"- load average (1 min) before {load:.2f}, after {os.getloadavg()[0]:.2f}")
    print(f"- {args.heads} HEADs by tag over {args.clients} kept connections per run\n")
    print("| GOGC | registry CPU per HEAD |\n| --- | --- |")
    for value, per_head in rows.items():
        print(f"| {value} | {min(per_head):.2f}-{max(per_head):.2f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
