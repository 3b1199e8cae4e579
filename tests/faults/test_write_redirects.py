"""A write is only done when the target stored it: a manifest PUT or a blob PUT answered with a redirect to another
host is never followed there (no credentials, no bytes leave), and any answer but 201 fails the image."""

from __future__ import annotations

from collections.abc import Callable

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import DIGEST_IN_PATH, failed_with, is_tag_put, job, nothing_tagged, one, run


def _accepting_everything(manifest_digest: str) -> Callable[[Seen], Action]:
    """A host that claims to store whatever it is sent, with the digest we expect (what a hostile hop answers)."""

    def rule(seen: Seen) -> Action:
        digest = DIGEST_IN_PATH.search(seen.path)
        return Action(status=201, headers={"Docker-Content-Digest": digest.group(0) if digest else manifest_digest})

    return rule


def test_manifest_put_redirected_to_another_host_fails_and_nothing_reaches_it(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/put307", oci_image(seed="put307"), tags=["1"])
    elsewhere = proxy_factory(None)
    elsewhere.rules.append(_accepting_everything(desc.digest))
    target = proxy_factory(target_registry.host)
    target.rules.append(
        lambda s: Action(status=307, headers={"Location": f"{elsewhere.url}{s.path}"}) if is_tag_put(s) else None
    )

    result = one(run([job(desc.reference, f"{target.host}/m/put307:1")]))

    failed_with(result, "PUT manifest", "another host", "m/put307")
    assert result.status is Status.FAILED
    assert elsewhere.requests() == [], "the manifest (and our credentials) went to another host"
    nothing_tagged(target_registry, "m/put307")


def test_blob_put_redirected_to_another_host_fails_and_nothing_reaches_it(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/blob307", oci_image(seed="blob307"), tags=["1"])
    elsewhere = proxy_factory(None)
    elsewhere.rules.append(_accepting_everything(desc.digest))
    target = proxy_factory(target_registry.host)
    target.rules.append(
        lambda s: (
            Action(status=307, headers={"Location": f"{elsewhere.url}{s.path}"})
            if s.method in ("PUT", "PATCH") and "/blobs/uploads/" in s.path
            else None
        )
    )

    result = one(run([job(desc.reference, f"{target.host}/m/blob307:1")]))

    failed_with(result, "upload", "another host")
    assert elsewhere.requests() == [], "blob bytes went to another host"
    assert target.requests("PUT", "/manifests/") == [], "a manifest was written over blobs never stored"
    nothing_tagged(target_registry, "m/blob307")


def test_manifest_put_answered_200_instead_of_201_is_a_failure(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """A registry that says OK without saying Created did not (by the spec) store the manifest."""
    desc = push_image(source_registry, "lib/put200", oci_image(seed="put200"), tags=["1"])
    target = proxy_factory(target_registry.host)
    target.rules.append(
        lambda s: Action(status=200, headers={"Docker-Content-Digest": desc.digest}) if is_tag_put(s) else None
    )

    result = one(run([job(desc.reference, f"{target.host}/m/put200:1")]))

    failed_with(result, "PUT manifest", "HTTP 200")
    nothing_tagged(target_registry, "m/put200")
