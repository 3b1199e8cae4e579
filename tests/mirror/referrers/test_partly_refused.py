"""Fallback tags at the target: of two referrers listed by the source's fallback tag the target refuses one (the
other is copied, and the target's tag lists only what it holds, without the source index's digest: the next run checks
again); a referrer added at the source later is merged into the target's tag, which then names the source index."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, inspect_raw
from ecr_mirror.mirror.referrers import fallback_tag
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import REFUSAL, SRC, push, sync_cli


def test_the_target_fallback_tag_lists_only_the_referrer_it_holds(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    image = oci_image(seed="partly-refused")
    pushed = push(source_registry, SRC, image, tag="1")
    kept, refused = (artifacts.artifact(image.top, seed=f"partly-refused-{n}") for n in ("kept", "refused"))
    for sbom in (kept, refused):
        artifacts.push_referrer(source_registry, SRC, sbom)
    target = proxy_factory(target_registry.host)

    def refuse(seen: Seen) -> Action | None:
        if seen.method == "PUT" and seen.path.endswith(f"/manifests/{refused.digest}"):
            return Action(status=405, body=REFUSAL, headers={"Content-Type": "application/json"})
        return None

    target.rules.append(refuse)
    (result,) = sync_cli(tmp_path, source_registry.host, target.host, capsys)["images"]

    assert result["status"] == "copied" and result["digest"] == pushed.digest, result
    assert "referrers: 2 found, 1 copied, 0 present, 1 skipped" in result["detail"], result["detail"]
    dst = f"{target_registry.host}/m/docker-hub/library/app"
    assert inspect_digest(f"{dst}@{kept.digest}") == kept.digest
    index = json.loads(inspect_raw(f"{dst}:{fallback_tag(pushed.digest)}"))
    assert [m["digest"] for m in index["manifests"]] == [kept.digest]
    assert "org.ecr-mirror.referrers.source-index" not in (index.get("annotations") or {})


def test_a_referrer_added_at_the_source_later_is_merged_into_the_target_fallback_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    image = oci_image(seed="fallback-grows")
    pushed = push(source_registry, SRC, image, tag="1")
    first, second = (artifacts.artifact(image.top, seed=f"fallback-grows-{n}") for n in ("first", "second"))
    artifacts.push_referrer(source_registry, SRC, first)
    sync_cli(tmp_path, source_registry.host, target_registry.host, capsys)
    artifacts.push_referrer(source_registry, SRC, second)
    tag = fallback_tag(pushed.digest)
    dst = f"{target_registry.host}/m/docker-hub/library/app"
    before = inspect_digest(f"{dst}:{tag}")

    (result,) = sync_cli(tmp_path, source_registry.host, target_registry.host, capsys)["images"]

    assert result["status"] == "skipped", result
    assert "referrers: 2 found, 1 copied, 1 present" in result["detail"], result["detail"]
    index = json.loads(inspect_raw(f"{dst}:{tag}"))
    assert [m["digest"] for m in index["manifests"]] == [first.digest, second.digest]
    source_index = inspect_digest(f"{source_registry.host}/{SRC}:{tag}")
    # The target's own index, grown: it names the source index it mirrors, so the next run compares HEADs only.
    assert index["annotations"]["org.ecr-mirror.referrers.source-index"] == source_index
    assert inspect_digest(f"{dst}:{tag}") not in (before, source_index)
