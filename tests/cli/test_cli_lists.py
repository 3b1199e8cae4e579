"""The list file as people write it: errors and warnings in the JSON, the exit status when a list error and a failed
image meet, `--images -` (standard input), and many duplicates told in one warning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.lab.skopeo import inspect_digest


def _sync(seeded: Seeded, target: LocalRegistry, images: str) -> list[str]:
    args = ["sync", "--images", images, "--to", f"{target.host}/mirror", "--plain-http", "--json"]
    return [*args, "--registry-endpoint", f"docker.io={seeded.registry.host}"]


def test_json_carries_list_errors_and_warnings_and_a_failed_image_still_exits_one(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nNOT_VALID\nbusybox:does-not-exist\nalpine:3.20\n")

    code = main(_sync(seeded_registry, target_registry, str(images)))

    report = json.loads(capsys.readouterr().out)
    assert code == 1  # an image failed: 1, whatever else happened; the list error is in the document
    assert report["list_errors"] == [
        {"list": str(images), "line": 2, "text": "NOT_VALID", "reason": report["list_errors"][0]["reason"]},
    ]
    assert "'NOT_VALID'" in report["list_errors"][0]["reason"]
    merged = "'alpine:3.20' duplicates line 1 (docker.io/library/alpine:3.20); merged"
    assert report["list_warnings"] == [{"list": str(images), "line": 4, "text": "alpine:3.20", "reason": merged}]
    assert [i["status"] for i in report["images"]] == ["copied", "failed"]
    assert report["summary"]["failed"] == 1


def test_a_list_error_without_a_failed_image_exits_two_with_the_error_in_the_json(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nNOT_VALID\n")

    code = main(_sync(seeded_registry, target_registry, str(images)))

    report = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [e["line"] for e in report["list_errors"]] == [2] and report["list_warnings"] == []
    assert report["summary"]["failed"] == 0


def test_images_dash_reads_standard_input(seeded_registry: Seeded, target_registry: LocalRegistry) -> None:
    argv = _sync(seeded_registry, target_registry, "-")
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["ecr-mirror", *argv],
        input="busybox:1.36\nNOT_VALID\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "standard input:2: " in done.stderr and "'NOT_VALID'" in done.stderr
    assert [i["status"] for i in json.loads(done.stdout)["images"]] == ["copied"]
    busybox = seeded_registry.images["library/busybox:1.36"]
    assert inspect_digest(f"{target_registry.host}/mirror/docker-hub/library/busybox:1.36") == busybox.digest


def test_many_duplicates_are_one_warning_with_a_count(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    lines = ["alpine:3.20", "busybox:1.36", *["alpine:3.20"] * 300, "python:3.12-slim"]
    lines += ["docker.io/library/busybox:1.36"] * 198
    images.write_text("\n".join(lines) + "\n")

    assert main(_sync(seeded_registry, target_registry, str(images))) == 0

    out, err = capsys.readouterr()
    warnings = [line for line in err.splitlines() if "warning" in line]
    assert warnings == [
        f"ecr-mirror: warning: {images}: 498 lines duplicate earlier ones and were merged: lines 3-302, 304-501 "
        "(--json lists each)"
    ]
    assert len(json.loads(out)["list_warnings"]) == 498


def test_one_duplicate_is_named_as_before(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nalpine:3.20\n")
    assert main(_sync(seeded_registry, target_registry, str(images))) == 0
    err = capsys.readouterr().err
    assert f"ecr-mirror: warning: {images}:2: 'alpine:3.20' duplicates line 1" in err
