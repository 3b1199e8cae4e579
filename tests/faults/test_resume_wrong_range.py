"""A resumed download answered with a range it did not ask for (206 from byte 0 instead of where it broke, or a 206
without a Content-Range to say where it starts) is not spliced in: the whole blob is asked for again, and the copy
lands exact."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import is_blob_get, job, one, run, tag_digest

MiB = 1024 * 1024


@pytest.mark.parametrize("content_range", ["bytes 0-{last}/{size}", None], ids=["from-byte-0", "no-content-range"])
def test_a_206_from_another_offset_is_not_spliced_in(
    content_range: str | None,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
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
            shown = content_range and content_range.format(last=len(whole) - 1, size=len(whole))
            return Action(status=206, body=whole, headers={"Content-Range": shown} if shown else {})
        return None

    source.rules.append(rule)

    result = one(run([job(f"{source.host}/lib/rg:1", f"{target_registry.host}/m/rg:1")]))

    assert result.status is Status.COPIED, result
    assert tag_digest(target_registry.host, "m/rg", "1") == desc.digest
    assert gets == [None, f"bytes={MiB + 5}-", None], gets  # broken, resumed from where it broke, then whole
