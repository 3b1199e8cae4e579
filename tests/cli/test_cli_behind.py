"""`--dry-run` lists what is behind upstream, with the upstream and the mirror digests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded


def test_dry_run_lists_each_entry_behind_with_both_digests(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nbusybox:1.36\n")
    to = f"{target_registry.host}/mirror"
    args = ["sync", "--images", str(images), "--to", to, "--plain-http"]
    args += ["--registry-endpoint", f"docker.io={seeded_registry.registry.host}"]
    assert main(args) == 0
    moved = push_image(seeded_registry.registry, "library/busybox", oci_image(seed="busybox-next"), tags=["1.36"])
    old = seeded_registry.images["library/busybox:1.36"].digest
    capsys.readouterr()

    assert main([*args, "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert "behind upstream (1):" in out
    (line,) = [x for x in out.splitlines() if x.startswith("  ")]
    assert line.startswith(f"  {to}/docker-hub/library/busybox:1.36: upstream {moved.digest}, mirror {old}")
    assert "alpine" not in line
