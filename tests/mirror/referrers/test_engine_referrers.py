"""Referrers through the whole engine, from a rules-form list: copied with the image, kept fresh on skips."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, list_tags
from ecr_mirror.mirror.referrers import fallback_tag

from .helpers import push

SRC = "library/app"


def _sync(
    tmp_path: Path, source: LocalRegistry, target: LocalRegistry, capsys: pytest.CaptureFixture[str]
) -> dict[str, Any]:
    images = tmp_path / "images.yaml"
    images.write_text('images:\n  - source: app\n    tags: ["1"]\n    referrers: true\n')
    argv = ["sync", "--images", str(images), "--to", f"{target.host}/m", "--plain-http", "--json"]
    assert main([*argv, "--registry-endpoint", f"docker.io={source.host}"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_signature_and_sbom_follow_the_image_and_later_additions_are_picked_up_on_skip(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = oci_index(attestations=True, seed="engine-ref")
    pushed = push(source_registry, SRC, image, tag="1")
    signature = artifacts.push_signature(source_registry, SRC, image.top)
    sbom = artifacts.artifact(image.top, seed="engine-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)

    first = _sync(tmp_path, source_registry, target_registry, capsys)
    (result,) = first["images"]
    assert result["status"] == "copied" and result["digest"] == pushed.digest
    assert "referrers: 2 found, 2 copied" in result["detail"]
    dst = f"{target_registry.host}/m/docker-hub/library/app"
    assert inspect_digest(f"{dst}:{artifacts.cosign_tag(image.digest)}") == signature.digest
    assert inspect_digest(f"{dst}@{sbom.digest}") == sbom.digest
    assert fallback_tag(image.digest) in list_tags(dst)

    # Nothing changed: the image is skipped, its referrers are checked with HEADs and nothing is fetched.
    source_registry.reset_counts()
    second = _sync(tmp_path, source_registry, target_registry, capsys)
    assert second["images"][0]["status"] == "skipped"
    assert "2 present" in second["images"][0]["detail"]
    assert source_registry.request_counts()[("GET", "manifest")] == 0

    # A new SBOM upstream, image unchanged: the skip still brings it across.
    later = artifacts.artifact(image.top, seed="engine-sbom-2")
    artifacts.push_referrer(source_registry, SRC, later)
    third = _sync(tmp_path, source_registry, target_registry, capsys)
    assert third["images"][0]["status"] == "skipped"
    assert inspect_digest(f"{dst}@{later.digest}") == later.digest
