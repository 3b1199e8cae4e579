"""Each source manifest is fetched once per run, even from a registry whose HEAD answers carry no digest."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.image_types import ImageDescription
from ecr_mirror.lab.images import oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Rule, Seen

from .helpers import is_manifest, job, run, tag_digest


def _heads_without_digest(desc: ImageDescription) -> Rule:
    """HEAD answers as a registry that omits Docker-Content-Digest would give them (type and length only)."""
    by_ref = {m.digest: m for m in desc.manifests}
    by_ref.update({tag: desc.manifests[-1] for tag in desc.tags})

    def rule(seen: Seen) -> Action | None:
        if not is_manifest(seen, "HEAD"):
            return None
        manifest = by_ref.get(seen.path.rsplit("/", 1)[-1])
        if manifest is None:
            return Action(status=404)
        headers = {"Content-Type": manifest.media_type, "Content-Length": str(manifest.size)}
        return Action(status=200, headers=headers)

    return rule


def _gets(proxy: InterposingProxy) -> list[str]:
    return [s.path.rsplit("/", 1)[-1] for s in proxy.requests("GET", "/manifests/")]


def test_an_image_is_fetched_once_when_head_gives_no_digest(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/one", oci_image(seed="nodigest-1"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(_heads_without_digest(desc))

    report = run([job(f"{source.host}/lib/one:1", f"{target_registry.host}/m/one:1")])

    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()
    assert tag_digest(target_registry.host, "m/one", "1") == desc.digest
    assert _gets(source) == ["1"]  # by tag to learn the digest; never again by digest


def test_an_index_and_its_children_are_each_fetched_once_when_head_gives_no_digest(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/multi", oci_index(seed="nodigest-2"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(_heads_without_digest(desc))

    report = run([job(f"{source.host}/lib/multi:1", f"{target_registry.host}/m/multi:1")])

    assert [r.status for r in report.images] == [Status.COPIED], report.to_dict()
    assert tag_digest(target_registry.host, "m/multi", "1") == desc.digest
    assert sorted(_gets(source)) == sorted(["1", *desc.manifest_digests[:-1]])
