"""Manifest size never turns into CPU time: a manifest listing 40,000 distinct layers (3.5 MB, under the 4 MiB
manifest cap) fails its image at the layer cap before any blob is asked for, and an honest image copying beside it
in the same run still finishes within the run's deadline (a blocked event loop would have deferred it)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.image import MAX_LAYERS_PER_MANIFEST
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, is_blob_get, is_manifest, job, nothing_tagged, run, tag_digest

LAYERS = 40_000
DEADLINE = 60.0  # far beyond what both images need; the quadratic de-duplication took 160 s of one core


def _many_layers(count: int) -> bytes:
    """An OCI manifest whose layers are `count` distinct (absent) blobs: only its size is hostile."""
    layers = [{"digest": "sha256:" + hashlib.sha256(b"%d" % i).hexdigest(), "size": 1} for i in range(count)]
    config = {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:" + "c" * 64, "size": 2}
    doc = {"schemaVersion": 2, "mediaType": mediatypes.OCI_MANIFEST, "config": config, "layers": layers}
    return json.dumps(doc, separators=(",", ":")).encode()


def _serving(repo: str, body: bytes) -> Callable[[Seen], Action | None]:
    digest = "sha256:" + hashlib.sha256(body).hexdigest()
    headers = {"Docker-Content-Digest": digest, "Content-Type": mediatypes.OCI_MANIFEST}

    def rule(seen: Seen) -> Action | None:
        if is_manifest(seen) and seen.path.startswith(f"/v2/{repo}/manifests/"):
            return Action(status=200, body=body, headers=headers)
        return None

    return rule


def test_a_manifest_of_40000_layers_fails_at_the_cap_and_an_honest_image_beside_it_is_copied_in_time(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    body = _many_layers(LAYERS)
    assert len(body) < mediatypes.MAX_MANIFEST_BYTES  # only the layer count is out of bounds
    honest = push_image(source_registry, "lib/honest", oci_image(seed="beside-huge"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(_serving("lib/huge", body))
    # The honest image's blobs arrive slowly, so its copy is still under way while the huge manifest is read.
    source.rules.append(
        lambda s: Action(stall_after=1024, stall=2.0) if is_blob_get(s) and "/lib/honest/" in s.path else None
    )
    target = proxy_factory(target_registry.host)

    report = run(
        [
            job(f"{source.host}/lib/huge:1", f"{target.host}/m/huge:1"),
            job(f"{source.host}/lib/honest:1", f"{target.host}/m/honest:1"),
        ],
        deadline=DEADLINE,
    )

    huge, copied = report.images
    failed_with(huge, f"{LAYERS} layers", f"limit {MAX_LAYERS_PER_MANIFEST}", "lib/huge")
    assert copied.status is Status.COPIED, copied
    assert tag_digest(target_registry.host, "m/honest", "1") == honest.digest
    assert not source.requests("GET", "/v2/lib/huge/blobs/"), "blobs of a refused manifest were fetched"
    assert len(source.requests("GET", "/v2/lib/huge/manifests/")) == 1
    assert [s.method for s in target.requests(contains="/v2/m/huge/")] == ["HEAD"], "wrote for a refused manifest"
    nothing_tagged(target_registry, "m/huge")


def test_repeated_layers_are_copied_once(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    """De-duplication by digest: a manifest listing its one layer many times moves it once."""
    desc = push_image(source_registry, "lib/repeat", oci_image(seed="repeat"), tags=["1"])
    manifest = json.loads(desc.manifests[-1].body)
    manifest["layers"] = manifest["layers"] * 500
    body = json.dumps(manifest, separators=(",", ":")).encode()
    source = proxy_factory(source_registry.host)
    source.rules.append(_serving("lib/repeat", body))
    target = proxy_factory(target_registry.host)

    report = run([job(f"{source.host}/lib/repeat:1", f"{target.host}/m/repeat:1")])

    (result,) = report.images
    assert result.status is Status.COPIED, result
    assert result.digest == "sha256:" + hashlib.sha256(body).hexdigest()
    assert len(source.requests("GET", "/blobs/")) == 2  # the config and the one layer, each once
    assert len(target.requests("PUT", "/blobs/uploads/")) == 2
