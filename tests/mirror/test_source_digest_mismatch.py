"""A source named by digest whose HEAD answers another digest is refused before anything is fetched or written."""

from __future__ import annotations

import asyncio

import pytest

from ecr_mirror.errors import RegistryError
from ecr_mirror.lab.content import sha256_digest
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.blobs import BlobCopier, BlobLedger
from ecr_mirror.mirror.image import ImageCopier
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.auth import RegistryAuth
from ecr_mirror.oci.client import RegistryClient
from ecr_mirror.oci.policy import UrlPolicy
from ecr_mirror.oci.reference import parse_reference
from ecr_mirror.oci.transport import RetryPolicy, Transport
from tests.mirror.helpers import job, run
from tests.support.proxy import Action, InterposingProxy, Seen

OTHER = sha256_digest(b"another manifest")


def _head_answers_other(seen: Seen) -> Action | None:
    if seen.method == "HEAD" and "/manifests/" in seen.path:
        return Action(status=200, headers={"Content-Type": mediatypes.OCI_MANIFEST, "Docker-Content-Digest": OTHER})
    return None


def test_the_image_fails_naming_both_digests_and_nothing_is_fetched_or_written(
    source_registry: LocalRegistry, target_registry: LocalRegistry
) -> None:
    desc = push_image(source_registry, "lib/app", oci_image(seed="head-mismatch"), tags=["1"])
    with InterposingProxy(source_registry.host) as src, InterposingProxy(target_registry.host) as dst:
        src.rules.append(_head_answers_other)
        source = f"{src.host}/lib/app@{desc.digest}"
        report = run([job(source, f"{dst.host}/m/lib/app:1")], retry=RetryPolicy(attempts=1))
    result = report.images[0]
    assert result.status is Status.FAILED
    assert result.error == f"source {source}: HEAD answered digest {OTHER}"
    assert not [s for s in src.seen if s.method == "GET" and "/manifests/" in s.path]
    assert not [s for s in dst.seen if s.method in ("PUT", "POST", "PATCH")]


def test_the_refusal_keeps_the_status_of_the_answer_and_is_not_temporary(source_registry: LocalRegistry) -> None:
    desc = push_image(source_registry, "lib/app", oci_image(seed="head-mismatch-status"), tags=["1"])

    async def plan(src_host: str) -> RegistryError:
        transport = Transport(policy=UrlPolicy(plain_http=True), retry=RetryPolicy(attempts=1), timeout=20)
        try:
            src, dst = (RegistryClient(h, transport, RegistryAuth(h, None, transport)) for h in (src_host, src_host))
            copier = ImageCopier(src, dst, BlobCopier(BlobLedger(), 1))
            source, target = (parse_reference(f"{src_host}/{r}") for r in (f"lib/app@{desc.digest}", "m:1"))
            with pytest.raises(RegistryError) as caught:
                await copier.plan(source, target)
            return caught.value
        finally:
            await transport.aclose()

    with InterposingProxy(source_registry.host) as src:
        src.rules.append(_head_answers_other)
        error = asyncio.run(plan(src.host))
    assert error.status == 200  # the registry answered; the answer is wrong, asking again will not change it
    assert not error.temporary
