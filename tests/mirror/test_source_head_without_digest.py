"""A source registry whose HEAD sends no Docker-Content-Digest: the check GETs the manifest to learn its digest, and
the copy uses that GET (one pull, not two)."""

from __future__ import annotations

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.skopeo import inspect_digest
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import job, run


def _head_without_digest(seen: Seen) -> Action | None:
    if seen.method == "HEAD" and "/manifests/" in seen.path:
        return Action(status=200, headers={"Content-Type": mediatypes.OCI_MANIFEST})
    return None


def test_the_digest_is_learnt_by_one_get_that_the_copy_reuses(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source_proxy: InterposingProxy
) -> None:
    desc = push_image(source_registry, "lib/app", oci_image(seed="head-no-digest"), tags=["1"])
    source_proxy.rules.append(_head_without_digest)

    (result,) = run([job(f"{source_proxy.host}/lib/app:1", f"{target_registry.host}/m/app:1")]).images

    assert result.status is Status.COPIED, result
    assert result.digest == result.upstream_digest == desc.digest
    assert inspect_digest(f"{target_registry.host}/m/app:1") == desc.digest
    gets = [s.path for s in source_proxy.seen if s.method == "GET" and "/manifests/" in s.path]
    assert gets == ["/v2/lib/app/manifests/1"]
    assert result.pulls == 1
