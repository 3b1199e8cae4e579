"""A copy whose every upload lands but whose tag write is refused: the image fails, the target tag is untouched, and
the report says the content was uploaded and only the tag is missing (with the bytes moved)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ecr_mirror.lab.images import oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy

from .helpers import error_body, is_tag_put, job, one, run, tag_digest


@pytest.mark.parametrize(
    "refusal",
    [
        Action(status=400, body=error_body("MANIFEST_INVALID", "manifest invalid")),
        Action(status=503, body=error_body("UNAVAILABLE", "try later")),  # still refused after every retry
    ],
    ids=["refused", "unavailable"],
)
def test_a_refused_tag_write_after_the_uploads_is_reported_as_such(
    refusal: Action,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = push_image(source_registry, "lib/tw", oci_index(seed="tw", attestations=False), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(lambda seen: refusal if is_tag_put(seen) else None)

    result = one(run([job(f"{source_registry.host}/lib/tw:1", f"{target.host}/m/tw:1")]))

    assert result.status is Status.FAILED, result
    assert "PUT manifest" in (result.error or "") and ":1" in (result.error or ""), result.error
    assert "the tag was not written" in (result.detail or ""), result.detail
    assert f"{len(desc.blobs)} copied" in (result.detail or ""), result.detail
    assert result.bytes == desc.blob_bytes
    assert tag_digest(target_registry.host, "m/tw", "1") is None
    for child in desc.manifests[:-1]:  # the content is all there, by digest
        assert tag_digest(target_registry.host, "m/tw", child.digest) == child.digest
    for blob in desc.blobs:
        assert httpx.head(f"{target_registry.url}/v2/m/tw/blobs/{blob.digest}").status_code == 200


def test_a_failure_before_the_uploads_finish_does_not_claim_them(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/tb", oci_index(seed="tb", attestations=False), tags=["1"])
    target = proxy_factory(target_registry.host)
    refused = Action(status=400, body=error_body("BLOB_UPLOAD_INVALID", "no"))
    target.rules.append(lambda seen: refused if seen.method == "POST" and "/blobs/uploads/" in seen.path else None)

    result = one(run([job(f"{source_registry.host}/lib/tb:1", f"{target.host}/m/tb:1")]))

    assert result.status is Status.FAILED, result
    assert "the tag was not written" not in (result.detail or "")
    assert tag_digest(target_registry.host, "m/tb", "1") is None
