"""The README's first command: `ecr-mirror demo` copies the samples, then skips them all without a pull; `--json`
prints one document; `--keep` leaves the registries running, with the commands to pull from them and stop them."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ecr_mirror.cli.main import main


def test_demo_copies_then_skips_everything(registry_binary: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json"]) == 0
    out, err = capsys.readouterr()
    document = json.loads(out)  # one JSON document, whatever else the demo says on stderr
    first, second = document["runs"]
    assert (first["run"], second["run"]) == ("first", "second")
    assert [i["status"] for i in first["images"]] == ["copied"] * 3
    assert [i["status"] for i in second["images"]] == ["skipped"] * 3
    assert [i["digest"] for i in first["images"]] == [i["digest"] for i in second["images"]]
    assert first["summary"]["bytes"] > 2_000_000 and second["summary"]["bytes"] == 0
    assert document["second_run_at_source"] == {"manifest_heads": 3, "manifest_gets": 0, "blob_gets": 0}
    assert "3 manifest HEADs, 0 manifest GETs (Docker Hub pulls), 0 blob GETs" in err


def _after(lines: list[str], heading: str) -> list[str]:
    start = lines.index(heading)
    return [line.strip() for line in lines[start + 1 : start + 3]]


def test_demo_keep_leaves_both_registries_running_with_pull_and_stop_commands(
    registry_binary: str, skopeo_binary: str
) -> None:
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["ecr-mirror", "demo", "--keep"], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    lines = done.stderr.splitlines()
    stop = next((line.strip() for line in lines if line.strip().startswith("kill ")), None)
    try:
        assert done.returncode == 0, done.stderr
        podman, skopeo = _after(
            lines, "Pull a mirrored image (sample layers of test data: they pull, but hold no program to run):"
        )
        assert podman.startswith("podman pull --tls-verify=false ") and podman.endswith("/library/busybox:1.36")
        inspected = subprocess.run(shlex.split(skopeo), capture_output=True, text=True, timeout=60, check=False)
        assert inspected.returncode == 0, inspected.stderr  # the printed command works after the demo exited
        assert json.loads(inspected.stdout)["Digest"].startswith("sha256:")
        target = podman.split()[-1].split("/")[0]
        assert httpx.get(f"http://{target}/v2/").status_code == 200
    finally:
        assert stop is not None, done.stderr
        subprocess.run(["bash", "-c", stop], check=True, timeout=60)  # the printed command stops them
    words = shlex.split(stop)
    _wait_gone([int(pid) for pid in words[1:3]])
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://{target}/v2/", timeout=5)
    assert words[3:6] == ["&&", "rm", "-rf"] and not any(Path(word).exists() for word in words[6:])


def _wait_gone(pids: list[int]) -> None:
    """Until the registries have exited (SIGTERM: a graceful stop); bounded so that a hung one fails the test."""
    for _ in range(300):
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return
        time.sleep(0.1)
    raise AssertionError(f"registries {pids} still running 30 s after the printed stop command")


def test_demo_without_the_registry_binary_is_one_line_naming_the_package(tmp_path: Path) -> None:
    env = os.environ | {
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        "ECR_MIRROR_REGISTRY_BIN": str(tmp_path / "no-docker-registry"),
    }
    done = subprocess.run(["ecr-mirror", "demo"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("ecr-mirror: demo: the distribution registry binary was not found")
    assert "apt-get install docker-registry" in done.stderr
