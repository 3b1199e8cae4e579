"""Registries that serve the OCI referrers API (a proxy answers it in front of distribution 2.8), and hostile ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ecr_mirror.choose.referrer_index import MAX_REFERRERS
from ecr_mirror.errors import RegistryError, TagConflictError, UnsupportedError
from ecr_mirror.lab import artifacts
from ecr_mirror.lab.image_types import ImageContent, ImageDescription
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest, list_tags
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.oci import mediatypes
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import copy_refs, index_entries, mirror_image, push

SRC, DST = "app/img", "mirror/img"
Proxy = Callable[..., InterposingProxy]


class ReferrersApi:
    """Answers GET /v2/<repo>/referrers/<digest> as an OCI 1.1 registry does: an index, in pages via Link."""

    def __init__(self, repository: str) -> None:
        self.prefix = f"/v2/{repository}/referrers/"
        self.pages: dict[str, list[list[dict[str, Any]]]] = {}

    def list(self, subject: str, *pages: list[dict[str, Any]]) -> None:
        self.pages[subject] = list(pages)

    def __call__(self, seen: Seen) -> Action | None:
        if seen.method != "GET" or not seen.path.startswith(self.prefix):
            return None
        path, _, query = seen.path.partition("?")
        pages = self.pages.get(path.removeprefix(self.prefix), [[]])
        number = int(query.removeprefix("page=")) if query.startswith("page=") else 0
        headers = {"Content-Type": mediatypes.OCI_INDEX}
        if number + 1 < len(pages):
            headers["Link"] = f'<{path}?page={number + 1}>; rel="next"'
        return Action(status=200, body=artifacts.referrers_index(pages[number]).body, headers=headers)


def _source_with_api(
    source_registry: LocalRegistry, proxy_factory: Proxy, seed: str
) -> tuple[InterposingProxy, ReferrersApi, ImageDescription]:
    proxy = proxy_factory(source_registry.host)
    api = ReferrersApi(SRC)
    proxy.rules.append(api)
    return proxy, api, push(source_registry, SRC, oci_image(seed=seed))


def _attach(registry: LocalRegistry, image: ImageDescription, seed: str) -> ImageContent:
    """An SBOM pushed by digest only (no fallback tag), as a client does against a registry with the API."""
    sbom = artifacts.artifact(image.manifests[-1], seed=seed)
    artifacts.push_referrer(registry, SRC, sbom, fallback=False)
    return sbom


def test_source_api_pages_are_followed_and_target_without_api_gets_a_fallback_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    proxy, api, image = _source_with_api(source_registry, proxy_factory, "api-source")
    sboms = [_attach(source_registry, image, f"api-sbom-{i}") for i in range(2)]
    api.list(image.digest, *([artifacts.referrer_descriptor(s)] for s in sboms))
    mirror_image(image, target_registry.host, DST, via=proxy.host)

    first = copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    assert (first.stats.found, first.stats.copied, first.stats.tags_written) == (2, 2, 1)
    for sbom in sboms:
        assert inspect_digest(target_registry.ref(DST, sbom.digest)) == sbom.digest
    wanted = [artifacts.referrer_descriptor(s) for s in sboms]
    assert index_entries(target_registry.ref(DST, fallback_tag(image.digest))) == wanted
    assert len(proxy.requests("GET", f"/referrers/{image.digest}")) == 2  # two pages
    assert not proxy.requests("HEAD", f"/manifests/{fallback_tag(image.digest)}?"), "API answered: no fallback"

    source_registry.reset_counts()
    again = copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    assert (again.stats.copied, again.stats.present, again.stats.tags_written) == (0, 2, 0)
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 0


def test_target_with_api_gets_referrers_by_digest_and_no_fallback_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    proxy, api, image = _source_with_api(source_registry, proxy_factory, "api-both")
    sbom = _attach(source_registry, image, "api-both-sbom")
    api.list(image.digest, [artifacts.referrer_descriptor(sbom)])
    signature = artifacts.push_signature(source_registry, SRC, image.manifests[-1])
    target = proxy_factory(target_registry.host)
    target.rules.append(ReferrersApi(DST))
    mirror_image(image, target.host, DST, via=proxy.host)

    outcome = copy_refs(proxy.host, target.host, SRC, DST, [image.digest])
    assert (outcome.stats.found, outcome.stats.copied, outcome.stats.tags_written) == (2, 2, 1)
    assert inspect_digest(target_registry.ref(DST, sbom.digest)) == sbom.digest
    assert list_tags(f"{target_registry.host}/{DST}") == ["v1", artifacts.cosign_tag(image.digest)]
    assert inspect_digest(target_registry.ref(DST, artifacts.cosign_tag(image.digest))) == signature.digest


def test_source_fallback_tag_is_mirrored_even_to_a_target_with_api(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """The mirrored tag lets the next run compare two HEADs instead of spending a source pull on the index."""
    image = oci_image(seed="fallback-to-api")
    pushed = push(source_registry, SRC, image)
    sbom = artifacts.artifact(image.top, seed="fallback-to-api-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    target = proxy_factory(target_registry.host)
    target.rules.append(ReferrersApi(DST))
    mirror_image(pushed, target.host, DST)

    copy_refs(source_registry.host, target.host, SRC, DST, [image.digest])
    tag = fallback_tag(image.digest)
    assert inspect_digest(target_registry.ref(DST, tag)) == inspect_digest(source_registry.ref(SRC, tag))
    source_registry.reset_counts()
    copy_refs(source_registry.host, target.host, SRC, DST, [image.digest])
    assert source_registry.request_counts().get(("GET", "manifest"), 0) == 0


def test_too_many_referrers_are_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    proxy, api, image = _source_with_api(source_registry, proxy_factory, "api-flood")
    flood = [
        {"mediaType": mediatypes.OCI_MANIFEST, "digest": f"sha256:{i:064x}", "size": 100}
        for i in range(MAX_REFERRERS + 1)
    ]
    api.list(image.digest, flood)
    with pytest.raises(UnsupportedError) as caught:
        copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    assert image.digest in str(caught.value)
    assert f"limit {MAX_REFERRERS}" in str(caught.value)
    assert target_registry.request_counts().get(("PUT", "manifest"), 0) == 0


def test_missing_referrer_names_subject_and_referrer(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    proxy, api, image = _source_with_api(source_registry, proxy_factory, "api-missing")
    ghost = {
        "mediaType": mediatypes.OCI_MANIFEST,
        "digest": "sha256:" + "b" * 64,
        "size": 321,
        "artifactType": artifacts.SPDX,
    }
    api.list(image.digest, [ghost])
    with pytest.raises(RegistryError) as caught:
        copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    message = str(caught.value)
    assert f"referrers of {proxy.host}/{SRC}@{image.digest}" in message
    assert f"referrer {ghost['digest']} ({artifacts.SPDX})" in message
    assert caught.value.status == 404
    assert "MANIFEST_UNKNOWN" in caught.value.codes
    assert caught.value.url == f"http://{proxy.host}/v2/{SRC}/manifests/{ghost['digest']}"  # kept through the context


def test_rate_limited_referrer_stays_a_429(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """The engine defers an image on a 429: wrapping the error with context must keep its status."""
    proxy, api, image = _source_with_api(source_registry, proxy_factory, "api-429")
    sbom = _attach(source_registry, image, "api-429-sbom")
    api.list(image.digest, [artifacts.referrer_descriptor(sbom)])
    proxy.rules.append(
        lambda seen: (
            Action(status=429, body=b"{}")
            if seen.path.endswith(f"/manifests/{sbom.digest}") and seen.method == "GET"
            else None
        )
    )
    with pytest.raises(RegistryError) as caught:
        copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    assert caught.value.status == 429
    assert sbom.digest in str(caught.value)


def test_next_page_on_another_host_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    proxy, _, image = _source_with_api(source_registry, proxy_factory, "api-hop")
    proxy.rules.insert(
        0,
        lambda seen: (
            Action(
                status=200,
                body=artifacts.referrers_index([]).body,
                headers={"Content-Type": mediatypes.OCI_INDEX, "Link": '<http://127.0.0.2:9/steal>; rel="next"'},
            )
            if "/referrers/" in seen.path
            else None
        ),
    )
    with pytest.raises(RegistryError, match="another host"):
        copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])


def test_immutable_target_tag_is_a_conflict_naming_the_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    image = oci_image(seed="immutable")
    pushed = push(source_registry, SRC, image)
    artifacts.push_signature(source_registry, SRC, image.top)
    mirror_image(pushed, target_registry.host, DST)
    target = proxy_factory(target_registry.host)
    tag = artifacts.cosign_tag(image.digest)
    refusal = b'{"errors":[{"code":"TAG_INVALID","message":"the tag cannot be overwritten because it is immutable"}]}'
    target.rules.append(
        lambda seen: (
            Action(status=400, body=refusal, headers={"Content-Type": "application/json"})
            if seen.method == "PUT" and seen.path.endswith(f"/manifests/{tag}")
            else None
        )
    )
    with pytest.raises(TagConflictError) as caught:
        copy_refs(source_registry.host, target.host, SRC, DST, [image.digest])
    assert f"cosign tag {tag}" in str(caught.value)
    assert "immutable" in str(caught.value)


def test_immutable_fallback_tag_on_a_target_with_api_is_a_warning(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """The target lists the referrer through its API; the refused tag only costs a source pull next run."""
    image = oci_image(seed="immutable-index")
    pushed = push(source_registry, SRC, image)
    sbom = artifacts.artifact(image.top, seed="immutable-index-sbom")
    artifacts.push_referrer(source_registry, SRC, sbom)
    mirror_image(pushed, target_registry.host, DST)
    target = proxy_factory(target_registry.host)
    target.rules.append(ReferrersApi(DST))
    tag = fallback_tag(image.digest)
    refusal = b'{"errors":[{"code":"TAG_INVALID","message":"the tag cannot be overwritten because it is immutable"}]}'
    target.rules.append(
        lambda seen: (
            Action(status=400, body=refusal, headers={"Content-Type": "application/json"})
            if seen.method == "PUT" and seen.path.endswith(f"/manifests/{tag}")
            else None
        )
    )
    outcome = copy_refs(source_registry.host, target.host, SRC, DST, [image.digest])
    assert (outcome.stats.copied, outcome.stats.tags_written) == (1, 0)
    assert inspect_digest(target_registry.ref(DST, sbom.digest)) == sbom.digest
    assert f"fallback tag {tag} not updated" in outcome.stats.describe()


@pytest.mark.parametrize("status", [400, 501])
def test_a_referrers_route_answering_unsupported_falls_back_to_tags(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, status: int
) -> None:
    """Registries without the API answer its route in several ways; all of them mean: use the tag scheme."""
    proxy = proxy_factory(source_registry.host)
    proxy.rules.append(lambda s: Action(status=status) if "/referrers/" in s.path else None)
    image = push(source_registry, SRC, oci_image(seed=f"api-unsupported-{status}"))
    signature = artifacts.push_signature(source_registry, SRC, image.manifests[-1])
    mirror_image(image, target_registry.host, DST, via=proxy.host)
    outcome = copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    assert (outcome.stats.found, outcome.stats.copied) == (1, 1)
    assert inspect_digest(target_registry.ref(DST, artifacts.cosign_tag(image.digest))) == signature.digest
    assert len(proxy.requests("GET", "/referrers/")) == 1  # asked once, then remembered for the run
