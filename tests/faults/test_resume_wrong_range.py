"""A resumed download answered with a range it did not ask for (206 from byte 0 instead of where it broke) is not
spliced in: the whole blob is asked for again, and the copy lands exact."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import is_blob_get, job, one, run, tag_digest

MiB = 1024 * 1024


def test_a_206_from_another_offset_is_not_spliced_in(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/rg", oci_image((2 * MiB,), seed="wrong-range"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size)
    whole = httpx.get(f"{source_registry.url}/v2/lib/rg/blobs/{layer.digest}").content
    source = proxy_factory(source_registry.host)
    gets: list[str | None] = []

    def rule(seen: Seen) -> Action | None:
        if not is_blob_get(seen, layer.digest):
            return None
        gets.append(seen.headers.get("range"))
        if len(gets) == 1:
            return Action(cut_after=MiB + 5)  # the first download breaks
        if seen.headers.get("range"):  # the resume: answered from byte 0 all the same
            return Action(status=206, body=whole, headers={"Content-Range": f"bytes 0-{len(whole) - 1}/{len(whole)}"})
        return None

    source.rules.append(rule)

    result = one(run([job(f"{source.host}/lib/rg:1", f"{target_registry.host}/m/rg:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/rg", "1") == desc.digest
    assert gets == [None, f"bytes={MiB + 5}-", None], gets  # broken, resumed from where it broke, then whole
