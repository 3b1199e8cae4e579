"""Constant memory: the CLI streams a 512 MiB blob with a peak RSS far below the blob's size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ecr_mirror.lab.images import large_blob_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry

from .helpers import tag_digest

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024
BLOB = 512 * MiB
PEAK_LIMIT = 150 * 1000 * 1000  # bytes


def test_cli_copies_a_512_mib_blob_in_under_150_mb_of_memory(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    desc = push_image(source_registry, "big/blob", large_blob_image(BLOB, seed="memory"), tags=["1"])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), HOME=str(tmp_path))
    dst = f"{target_registry.host}/m/big:1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecr_mirror", "copy", desc.reference, dst, "--plain-http"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode(errors="replace")  # small: one progress line and the summary
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, output
    peak = usage.ru_maxrss * 1024  # kilobytes on Linux
    assert peak < PEAK_LIMIT, f"peak RSS {peak / 1e6:.0f} MB copying a {BLOB // MiB} MiB blob"
    assert tag_digest(target_registry.host, "m/big", "1") == desc.digest
    layer = max(desc.blobs, key=lambda b: b.size)
    assert layer.size == BLOB
