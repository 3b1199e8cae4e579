"""Whether a registry has the referrers API is learned per client, and only an OCI index counts as the API."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ecr_mirror.lab import artifacts
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror import referrers
from ecr_mirror.mirror.referrers import fallback_tag
from tests.support.proxy import Action, InterposingProxy

from .helpers import copy_refs, index_entries, mirror_image, push

SRC, DST = "app/img", "mirror/img"
Proxy = Callable[..., InterposingProxy]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html", b"<html><body>Welcome to our registry</body></html>"),
        ("application/json", b'{"repositories": []}'),
    ],
    ids=["html-page", "other-json"],
)
def test_a_200_that_is_not_an_oci_index_means_no_api(
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Proxy,
    content_type: str,
    body: bytes,
) -> None:
    """As go-containerregistry does: only an OCI index answer is the API; anything else falls back to the tags."""
    proxy = proxy_factory(source_registry.host)
    answer = Action(status=200, body=body, headers={"Content-Type": content_type})
    proxy.rules.append(lambda s: answer if "/referrers/" in s.path else None)
    image = push(source_registry, SRC, oci_image(seed=f"api-200-{content_type}"))
    sbom = artifacts.artifact(image.manifests[-1], seed=f"api-200-sbom-{content_type}")
    artifacts.push_referrer(source_registry, SRC, sbom, fallback=True)
    mirror_image(image, target_registry.host, DST, via=proxy.host)

    outcome = copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])

    assert (outcome.stats.found, outcome.stats.copied) == (1, 1), outcome.stats
    assert inspect_digest(target_registry.ref(DST, sbom.digest)) == sbom.digest
    entries = index_entries(target_registry.ref(DST, fallback_tag(image.digest)))
    assert [e["digest"] for e in entries] == [sbom.digest]


def test_api_support_is_learned_per_client_not_per_process(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy
) -> None:
    """A registry found without the API in one run is asked again by the next run's client."""
    proxy = proxy_factory(source_registry.host)
    without_api = lambda s: Action(status=404) if "/referrers/" in s.path else None  # noqa: E731
    proxy.rules.append(without_api)
    image = push(source_registry, SRC, oci_image(seed="api-per-client"))
    mirror_image(image, target_registry.host, DST, via=proxy.host)
    copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])
    proxy.rules.remove(without_api)

    copy_refs(proxy.host, target_registry.host, SRC, DST, [image.digest])

    assert len(proxy.requests("GET", "/referrers/")) == 2  # the second client probed again
    assert not hasattr(referrers, "_api_support"), "API support is module-global state"
