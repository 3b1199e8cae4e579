"""A referrer the target refuses (ECR answers 405 to some manifests with `subject`/`artifactType`,
aws/containers-roadmap#2783) never fails the image it belongs to: the image is copied, the referrer is reported
skipped with the registry's answer, and the next run does the same without failing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import SkopeoError, inspect_digest, list_tags
from ecr_mirror.mirror.referrers import fallback_tag
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import REFUSAL, SRC, push, sync_cli


def test_a_referrer_the_target_refuses_is_skipped_with_its_answer_and_the_image_is_copied(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    image = oci_index(seed="refused-ref")
    pushed = push(source_registry, SRC, image, tag="1")
    signature = artifacts.push_signature(source_registry, SRC, image.top)
    sbom = artifacts.artifact(image.top, seed="refused-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    target = proxy_factory(target_registry.host)

    def refuse_sbom(seen: Seen) -> Action | None:
        if seen.method == "PUT" and seen.path.endswith(f"/manifests/{sbom.digest}"):
            return Action(status=405, body=REFUSAL, headers={"Content-Type": "application/json"})
        return None

    target.rules.append(refuse_sbom)
    first = sync_cli(tmp_path, source_registry.host, target.host, capsys)

    (result,) = first["images"]
    assert result["status"] == "copied" and result["digest"] == pushed.digest
    assert "referrers: 2 found, 1 copied, 0 present, 1 skipped" in result["detail"]
    assert f"referrer {sbom.digest} (application/spdx+json) skipped: the target refused it: " in result["detail"]
    assert "405" in result["detail"] and "UNSUPPORTED" in result["detail"]
    dst = f"{target_registry.host}/m/docker-hub/library/app"
    assert inspect_digest(f"{dst}:1") == pushed.digest
    assert inspect_digest(f"{dst}:{artifacts.cosign_tag(image.digest)}") == signature.digest
    with pytest.raises(SkopeoError):
        inspect_digest(f"{dst}@{sbom.digest}")
    assert fallback_tag(image.digest) not in list_tags(dst)  # no index naming a manifest the target lacks

    # The next run: the image is up to date, the referrer is refused again, and nothing fails.
    second = sync_cli(tmp_path, source_registry.host, target.host, capsys)
    assert second["images"][0]["status"] == "skipped"
    assert "1 present, 1 skipped" in second["images"][0]["detail"]
