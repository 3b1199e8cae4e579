"""`python -m bench.coldstart`: the time to import the function's handler, as a Lambda cold start pays it.

    python -m bench.coldstart                  # 7 imports with tracing off, 7 with tracing on, medians
    python -m bench.coldstart --repetitions 15 --json-out .bench/coldstart.json

The handler is imported from the Lambda bundle's packages, not from the development environment (which also
holds tools such as rich and click that httpx would import when present): the packages of lambda/requirements.txt,
pinned by lambda/constraints.txt, and a copy of lambda/ecr_mirror are installed once with pip for this machine's
platform under `.bench/coldstart-*` (the bundle's own wheels are for arm64 and cannot load here), twice: as the
bundle ships them (`--no-compile`, no `.pyc`: infra/bundling.py builds on a host whose CPython is not 3.13, and
Lambda's /var/task is read-only, so every cold start compiles what it imports) and byte-compiled (what a bundle
with 3.13 `.pyc` files would pay). Each measurement is a new `python -S` process with only that folder on its path;
it prints the seconds `import ecr_mirror.function.handler` took (perf_counter around the import, start-up
excluded). Tracing on means
`LAMBDA_TASK_ROOT` is set, as inside Lambda with the stack's active tracing (the X-Ray SDK is then imported);
tracing off is every other case (the CLI, a local run, a function with `POWERTOOLS_TRACE_DISABLED=true`).
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .calibration import calibrate
from .stats import cpu_model

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.5  # issue 21: import the handler in 0.5 s or less on the benchmark's machine
PROBE = "import time; t = time.perf_counter(); import ecr_mirror.function.handler; print(time.perf_counter() - t)"


def bundle_site(cache: Path, *, compiled: bool) -> Path:
    """The Lambda bundle's packages for this machine, installed once per requirements + constraints content;
    the engine's code is copied in afresh for every benchmark run."""
    requirements = REPO_ROOT / "lambda" / "requirements.txt"
    constraints = REPO_ROOT / "lambda" / "constraints.txt"
    key = hashlib.sha256(requirements.read_bytes() + constraints.read_bytes()).hexdigest()[:12]
    site = cache / f"coldstart-{'compiled' if compiled else 'shipped'}-{key}"
    if not (site / ".complete").exists():
        print(f"[coldstart] installing the bundle's packages into {site}", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", str(site)]
            + ([] if compiled else ["--no-compile"])
            + ["-r", str(requirements), "-c", str(constraints)],
            check=True,
        )
        (site / ".complete").write_text("ok\n")
    engine = site / "ecr_mirror"
    shutil.rmtree(engine, ignore_errors=True)
    shutil.copytree(REPO_ROOT / "lambda" / "ecr_mirror", engine, ignore=shutil.ignore_patterns("__pycache__", "lab"))
    if compiled:
        compileall.compile_dir(str(engine), quiet=1)
    return site


def import_seconds(site: Path, *, tracing: bool) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "LAMBDA_", "POWERTOOLS_", "AWS_"))}
    env["PYTHONPATH"] = str(site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the shipped bundle stays without .pyc, as on read-only /var/task
    env["AWS_DEFAULT_REGION"] = "eu-west-1"
    if tracing:
        env["LAMBDA_TASK_ROOT"] = str(site)
    done = subprocess.run(
        [sys.executable, "-S", "-c", PROBE], env=env, capture_output=True, text=True, check=True, cwd=site
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.coldstart")
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--cache-dir", type=Path, default=REPO_ROOT / ".bench")
    parser.add_argument("--json-out", type=Path, default=None)
    args = parser.parse_args(argv)
    sites = {"as shipped (no .pyc)": bundle_site(args.cache_dir, compiled=False)}
    sites["byte-compiled"] = bundle_site(args.cache_dir, compiled=True)
    calibration_before = calibrate()
    runs: dict[str, list[float]] = {f"{name}, tracing {t}": [] for name in sites for t in ("off", "on")}
    for _ in range(args.repetitions):  # alternate, so a change in the machine's load falls on every row
        for name, site in sites.items():
            runs[f"{name}, tracing off"].append(import_seconds(site, tracing=False))
            runs[f"{name}, tracing on"].append(import_seconds(site, tracing=True))
    calibration_after = calibrate()
    load = os.getloadavg()[0]
    print(f"- machine: {cpu_model()}, {os.cpu_count()} cores; 1-minute load average {load:.2f} after")
    print(f"- calibration: {calibration_before:.3f} s before, {calibration_after:.3f} s after (bench/calibration.py)")
    print()
    print("| bundle, tracing | import of the handler (median) | min-max | target |")
    print("| --- | --- | --- | --- |")
    for name, values in runs.items():
        median = statistics.median(values)
        verdict = "met" if median <= TARGET_SECONDS else "missed"
        print(f"| {name} | {median:.3f} s | {min(values):.3f}-{max(values):.3f} s | {TARGET_SECONDS} s: {verdict} |")
    if args.json_out:
        document = {"runs": runs, "calibration": [calibration_before, calibration_after], "cpu": cpu_model()}
        args.json_out.write_text(json.dumps(document, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
