"""Helpers for referrer tests: seed a source with an image and its referrers, mirror it, call copy_referrers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from ecr_mirror.lab.image_types import ImageContent, ImageDescription
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.skopeo import inspect_raw
from ecr_mirror.mirror.blobs import BlobCopier, BlobLedger
from ecr_mirror.mirror.image import CopyStats, ImageCopier
from ecr_mirror.mirror.referrers import ReferrerStats, copy_referrers, subjects_at_target
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.mirror.helpers import job, run

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.05)
SRC = "library/app"
REFUSAL = b'{"errors":[{"code":"UNSUPPORTED","message":"The operation is unsupported."}]}'


@dataclass
class Outcome:
    stats: ReferrerStats
    copy: CopyStats
    gets_budgeted: int  # source manifest GETs that went through the copier's rate-budget hook
    subjects: list[str] = field(default_factory=list)


def _copier(src: str, dst: str, transport: Transport, before: Callable[[RegistryClient], None]) -> ImageCopier:
    clients = [RegistryClient(host, transport, RegistryAuth(host, None, transport)) for host in (src, dst)]
    return ImageCopier(clients[0], clients[1], BlobCopier(BlobLedger(), 4), before_manifest_get=before)


def copy_refs(
    src: str, dst: str, src_repo: str, dst_repo: str, subjects: Sequence[str] | None = None, top: str | None = None
) -> Outcome:
    """copy_referrers with a fresh ImageCopier; with `top` instead of subjects, read them from the target."""

    async def go() -> Outcome:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=FAST, timeout=20)
        budgeted: list[str] = []
        try:
            copier = _copier(src, dst, transport, lambda client: budgeted.append(client.registry))
            wanted = list(subjects or [])
            if top is not None:
                wanted = await subjects_at_target(copier, dst_repo, top)
            stats = await copy_referrers(copier, src_repo, dst_repo, wanted)
            return Outcome(stats, copier.stats, len(budgeted), wanted)
        finally:
            await transport.aclose()

    return asyncio.run(go())


def mirror_image(source: ImageDescription, target_host: str, target_repo: str, via: str | None = None) -> None:
    """Copy the image itself with the engine first, as the lead's wiring will (`via`: the source's proxy host)."""
    reference = f"{via or source.registry}/{source.repository}:{source.tags[0]}"
    report = run([job(reference, f"{target_host}/{target_repo}:{source.tags[0]}")])
    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()


def push(registry: Any, repo: str, content: ImageContent, tag: str = "v1") -> ImageDescription:
    return push_image(registry, repo, content, tags=[tag])


def index_entries(ref: str) -> list[dict[str, Any]]:
    doc: dict[str, Any] = json.loads(inspect_raw(ref))
    entries: list[dict[str, Any]] = doc["manifests"]
    return entries


def index_annotations(ref: str) -> dict[str, str]:
    doc: dict[str, Any] = json.loads(inspect_raw(ref))
    annotations: dict[str, str] = doc.get("annotations") or {}
    return annotations


def sync_cli(tmp_path: Path, source: str, target: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """`ecr-mirror sync --json` of `app:1` with its referrers from `source` (as docker.io) to `target`/m."""
    images = tmp_path / "images.yaml"
    images.write_text('images:\n  - source: app\n    tags: ["1"]\n    referrers: true\n')
    argv = ["sync", "--images", str(images), "--to", f"{target}/m", "--plain-http", "--json"]
    assert main([*argv, "--registry-endpoint", f"docker.io={source}"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report
