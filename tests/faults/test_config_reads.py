"""A single-platform image under a platform filter is judged by its config blob, read whole from the source: once,
without content coding, size- and digest-checked; a forged or missing config fails the image naming the blob."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import Job
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.reference import parse_reference
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, is_blob_get, one, run, tag_digest


def _image(registry: LocalRegistry, repo: str) -> tuple[str, str]:
    """(manifest digest, config digest) of a single-platform image pushed as `repo`:1."""
    desc = push_image(registry, repo, oci_image(seed=f"config-{repo}"), tags=["1"])
    manifest = httpx.get(f"{registry.url}/v2/{repo}/manifests/1", headers={"Accept": mediatypes.ACCEPT}).json()
    return desc.digest, manifest["config"]["digest"]


def _job(source: InterposingProxy, target: LocalRegistry, repo: str, platform: str, to: str = "m") -> Job:
    return Job(parse_reference(f"{source.host}/{repo}:1"), parse_reference(f"{target.host}/{to}/{repo}:1"), (platform,))


def test_the_config_is_read_once_and_decides_the_platform(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    digest, config = _image(source_registry, "lib/cfg")
    source = proxy_factory(source_registry.host)

    kept = one(run([_job(source, target_registry, "lib/cfg", "linux/amd64")]))
    assert kept.status is Status.COPIED, kept
    assert tag_digest(target_registry.host, "m/lib/cfg", "1") == digest
    reads = [s for s in source.requests("GET", config) if "range" not in s.headers]
    assert [s.headers.get("accept-encoding") for s in reads][:1] == ["identity"]

    skipped = one(run([_job(source, target_registry, "lib/cfg", "linux/s390x", to="other")]))
    assert skipped.status is Status.SKIPPED, skipped
    assert "single-platform image for linux/amd64" in (skipped.error or skipped.detail or ""), skipped


def test_a_forged_config_fails_the_image_naming_the_blob(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    _digest, config = _image(source_registry, "lib/cff")
    source = proxy_factory(source_registry.host)
    forged = Action(rewrite=lambda body: body.replace(b"amd64", b"arm64"))
    source.rules.append(lambda seen: forged if is_blob_get(seen, config) else None)

    result = one(run([_job(source, target_registry, "lib/cff", "linux/amd64")]))

    failed_with(result, f"blob {source.host}/lib/cff@{config}: ", "do not match")
    assert tag_digest(target_registry.host, "m/lib/cff", "1") is None


def test_a_config_the_source_does_not_have_fails_the_image_with_its_status(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    _digest, config = _image(source_registry, "lib/cfm")
    source = proxy_factory(source_registry.host)
    missing = Action(status=404, body=b'{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown"}]}')

    def rule(seen: Seen) -> Action | None:
        return missing if is_blob_get(seen, config) else None

    source.rules.append(rule)

    result = one(run([_job(source, target_registry, "lib/cfm", "linux/amd64")]))

    failed_with(result, f"GET blob {source.host}/lib/cfm@{config}: HTTP 404 BLOB_UNKNOWN (blob unknown)")
