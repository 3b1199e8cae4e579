"""What is behind upstream, as observed: `--dry-run` lists each entry behind with both digests and each entry not
checked with why; after a run, one line each; the JSON says `behind`, `current` or `not checked` per image."""

from __future__ import annotations

import json
from collections.abc import Callable
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


def _sync_args(seeded: Seeded, to: str, images: Path) -> list[str]:
    args = ["sync", "--images", str(images), "--to", to, "--plain-http"]
    return [*args, "--registry-endpoint", f"docker.io={seeded.registry.host}"]


def test_a_spent_deadline_on_a_current_mirror_says_not_checked_never_absent(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nbusybox:1.36\npython:3.12-slim\n")
    args = _sync_args(seeded_registry, f"{target_registry.host}/mirror", images)
    assert main(args) == 0
    capsys.readouterr()

    assert main([*args, "--deadline", "0", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "mirror absent" not in out and "upstream unknown" not in out and "behind upstream (" not in out
    assert "not checked (3): whether these are behind upstream is not known" in out
    assert f"  {target_registry.host}/mirror/docker-hub/library/busybox:1.36: deferred: run deadline reached" in out

    assert main([*args, "--deadline", "0", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["summary"]["behind"], report["summary"]["not_checked"]) == (0, 3)
    assert {i["freshness"] for i in report["images"]} == {"not checked"}


def test_a_run_against_a_target_that_is_down_counts_nothing_behind_and_repeats_no_failure(
    seeded_registry: Seeded,
    registry_factory: Callable[..., LocalRegistry],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = registry_factory()
    host = target.host
    target.stop()  # nothing answers there now
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nbusybox:1.36\n")
    args = _sync_args(seeded_registry, f"{host}/mirror", images)

    assert main(args) == 1
    out, err = capsys.readouterr()
    assert err.count("ConnectError") == 2  # each failure once, on its progress line
    assert "ConnectError" not in out and "absent" not in out and "behind upstream" not in out
    assert out.splitlines()[-1] == "not checked: 2 (2 failed; the reasons are on the progress lines)"

    assert main([*args, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["summary"]["behind"], report["summary"]["not_checked"]) == (0, 2)


def test_checked_entries_are_behind_or_current_in_text_and_json(
    seeded_registry: Seeded, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    to = f"{target_registry.host}/mirror"
    (tmp_path / "first.txt").write_text("alpine:3.20\n")
    assert main(_sync_args(seeded_registry, to, tmp_path / "first.txt")) == 0
    images = tmp_path / "images.txt"
    images.write_text("alpine:3.20\nbusybox:1.36\n")
    capsys.readouterr()

    assert main([*_sync_args(seeded_registry, to, images), "--dry-run"]) == 0
    out = capsys.readouterr().out
    busybox = seeded_registry.images["library/busybox:1.36"].digest
    assert f"  {to}/docker-hub/library/busybox:1.36: upstream {busybox}, mirror absent (planned:" in out
    assert "not checked" not in out

    assert main([*_sync_args(seeded_registry, to, images), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [i["freshness"] for i in report["images"]] == ["current", "behind"]
    assert (report["summary"]["behind"], report["summary"]["not_checked"]) == (1, 0)
