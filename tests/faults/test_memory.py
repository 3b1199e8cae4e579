"""Constant memory: the CLI streams a 512 MiB blob with a peak RSS far below the blob's size.

The peak is the child's own VmHWM, read by the child itself as it finishes: Linux carries a parent's peak into a
child's ru_maxrss across fork and exec, so os.wait4 would report the (large, long-lived) pytest process's peak.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ecr_mirror.lab.images import large_blob_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry

from .helpers import tag_digest

ROOT = Path(__file__).resolve().parents[2]
MiB = 1024 * 1024
BLOB = 512 * MiB
PEAK_LIMIT = 150 * 1000 * 1000  # bytes
# The source keeps the blob, the target's upload area holds it while it arrives and its store keeps it after:
# three copies, and room for the other tests running beside this one.
DISK_NEEDED = 4 * BLOB
MEASURED_CLI = (
    "import sys\n"
    "from ecr_mirror.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).strip(), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.mark.slow
def test_cli_copies_a_512_mib_blob_in_under_150_mb_of_memory(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    free = shutil.disk_usage(target_registry.storage_dir).free
    assert free >= DISK_NEEDED, (
        f"{target_registry.storage_dir}: {free // MiB} MiB free, this test stores {DISK_NEEDED // MiB} MiB; "
        "a full disk makes the registries answer HTTP 500 instead"
    )
    desc = push_image(source_registry, "big/blob", large_blob_image(BLOB, seed="memory"), tags=["1"])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCKER", "REGISTRY_AUTH"))}
    env.update(PYTHONPATH=str(ROOT / "lambda"), HOME=str(tmp_path))
    dst = f"{target_registry.host}/m/big:1"
    proc = subprocess.Popen(
        [sys.executable, "-c", MEASURED_CLI, "copy", desc.reference, dst, "--plain-http"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode(errors="replace")  # small: one progress line and the summary
    proc.wait()
    assert proc.returncode == 0, output
    peaks = [line.split()[1] for line in output.splitlines() if line.startswith("VmHWM:")]
    assert peaks, output
    peak = int(peaks[-1]) * 1024  # kB in /proc
    assert peak < PEAK_LIMIT, f"peak RSS {peak / 1e6:.0f} MB copying a {BLOB // MiB} MiB blob"
    assert tag_digest(target_registry.host, "m/big", "1") == desc.digest
    layer = max(desc.blobs, key=lambda b: b.size)
    assert layer.size == BLOB
