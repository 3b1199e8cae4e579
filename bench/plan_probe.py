"""The measured process of `python -m bench.planning`: plan one image list with HEAD requests only, print JSON.

    python -m bench.plan_probe --list LIST --to HOST --source HOST --concurrency 64

Runs the engine's `plan_list` (what the Lambda planner runs) on the list, landing under `--to`, with `docker.io`
reached at `--source`, and prints one JSON line: the plan's own seconds (imports and start-up excluded), the
statuses it found, the first errors, and the process's own peak RSS. The benchmark runs it as a child, so the
peak RSS it reads from os.wait4 is this plan's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.mirror.run import MirrorOptions, plan_list
from ecr_mirror.oci.credentials import CredentialStore


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.plan_probe")
    parser.add_argument("--list", required=True, type=Path, help="the image list file")
    parser.add_argument("--to", required=True, help="destination REGISTRY[/PREFIX]")
    parser.add_argument("--source", required=True, help="host:port standing in for docker.io")
    parser.add_argument("--concurrency", required=True, type=int, help="image checks in flight")
    args = parser.parse_args(argv)
    images = parse_image_list(args.list.read_text(), origin=str(args.list))
    options = MirrorOptions(plain_http=True, endpoints={"docker.io": args.source}, check_concurrency=args.concurrency)
    started = time.perf_counter()
    report, planned = asyncio.run(plan_list(images, args.to, CredentialStore(), options))
    seconds = time.perf_counter() - started
    statuses = Counter(result.status.value for result in report.images)
    errors = [f"{r.target}: {r.error}" for r in report.images if r.error][:3]
    answer = {
        "entries": len(images.entries),
        "planned": len(planned),
        "plan_seconds": round(seconds, 4),
        "statuses": dict(statuses),
        "errors": errors,
        "self_max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    print(json.dumps(answer), flush=True)
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
