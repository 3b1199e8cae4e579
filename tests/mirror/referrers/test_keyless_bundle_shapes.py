"""What the keyless gate makes of the referrers it reads for Sigstore bundles, when they are not as expected: a
fallback tag whose HEAD gives no digest (read by its tag), a fallback index or a bundle manifest whose lists are
malformed (the image fails, the error naming what was read), a bundle manifest whose `layers` is no list (no bundle
in it: the image is held, as with no signature at all)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ecr_mirror.lab.artifacts import artifact, push_referrer
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import sha256_digest
from tests.faults.helpers import tag_digest
from tests.support.proxy import Action, InterposingProxy, Seen
from tests.support.sigstore_world import SigstoreWorld

from .test_keyless_bundles_api import BUNDLE, _listing, _mirror

Proxy = Callable[..., InterposingProxy]
EMPTY_CONFIG = {"mediaType": "application/vnd.oci.empty.v1+json", "digest": sha256_digest(b"{}"), "size": 2}


def _serve(path: str, body: bytes, media_type: str) -> Callable[[Seen], Action | None]:
    """Answer HEAD and GET of one manifest path with `body` (its digest in Docker-Content-Digest)."""
    headers = {"Content-Type": media_type, "Docker-Content-Digest": sha256_digest(body)}

    def answer(seen: Seen) -> Action | None:
        if seen.method in ("HEAD", "GET") and seen.path.partition("?")[0] == path:
            return Action(status=200, body=b"" if seen.method == "HEAD" else body, headers=headers)
        return None

    return answer


def _target_tag(proxy: InterposingProxy, target: LocalRegistry, name: str) -> str | None:
    prefix = f"m/{proxy.host.replace(':', '-').replace('.', '-')}/team"
    return tag_digest(target.host, f"{prefix}/{name}", "1")


def test_a_fallback_tag_whose_head_gives_no_digest_is_read_by_its_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")
    image = push_image(source_registry, "team/nodigest", oci_image(seed="nodigest"), tags=["1"])
    bundle = artifact(oci_image(seed="nodigest").top, BUNDLE, payload=world.message_bundle(image.digest))
    push_referrer(source_registry, "team/nodigest", bundle)  # listed by the fallback tag (no referrers API)
    proxy = proxy_factory(source_registry.host)
    tag_path = f"/v2/team/nodigest/manifests/{fallback_tag(image.digest)}"
    bare = Action(status=200, headers={"Content-Type": mediatypes.OCI_INDEX})  # no Docker-Content-Digest
    proxy.rules.append(lambda seen: bare if seen.method == "HEAD" and seen.path == tag_path else None)

    (result,) = _mirror(proxy, target_registry, root, ["team/nodigest"]).images

    assert result.status == Status.COPIED, result
    assert _target_tag(proxy, target_registry, "nodigest") == image.digest
    # Read by its tag (by the gate, then by the copy of the image's referrers: without a digest, no cache key).
    assert {s.path for s in proxy.requests("GET", "/manifests/sha256-")} == {tag_path}


def test_a_fallback_index_without_a_manifests_list_fails_the_image_naming_the_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    root = SigstoreWorld().write_trusted_root(tmp_path / "trusted_root.json")
    image = push_image(source_registry, "team/badindex", oci_image(seed="badindex"), tags=["1"])
    proxy = proxy_factory(source_registry.host)
    tag = fallback_tag(image.digest)
    index = json.dumps({"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": {}}).encode()
    proxy.rules.append(_serve(f"/v2/team/badindex/manifests/{tag}", index, mediatypes.OCI_INDEX))
    proxy.rules.append(_serve(f"/v2/team/badindex/manifests/{sha256_digest(index)}", index, mediatypes.OCI_INDEX))

    (result,) = _mirror(proxy, target_registry, root, ["team/badindex"]).images

    assert result.status == Status.FAILED, result
    assert result.error == f"fallback tag {proxy.host}/team/badindex:{tag}: `manifests` is not a list", result
    assert _target_tag(proxy, target_registry, "badindex") is None


def _listed_bundle(registry: LocalRegistry, proxy: InterposingProxy, name: str, layers: object) -> tuple[str, str]:
    """An image whose referrers API lists one bundle manifest, served by the proxy with `layers`."""
    image = push_image(registry, f"team/{name}", oci_image(seed=name), tags=["1"])
    manifest = json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": mediatypes.OCI_MANIFEST,
            "artifactType": BUNDLE,
            "config": EMPTY_CONFIG,
            "layers": layers,
            "subject": {"mediaType": mediatypes.OCI_MANIFEST, "digest": image.digest, "size": 1},
        }
    ).encode()
    digest = sha256_digest(manifest)
    proxy.rules.append(_serve(f"/v2/team/{name}/manifests/{digest}", manifest, mediatypes.OCI_MANIFEST))
    listed = {"mediaType": mediatypes.OCI_MANIFEST, "digest": digest, "size": len(manifest), "artifactType": BUNDLE}
    proxy.rules.append(_listing(f"team/{name}", image.digest, [listed]))
    return image.digest, digest


def test_a_bundle_manifest_whose_layers_are_no_list_holds_no_bundle(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    root = SigstoreWorld().write_trusted_root(tmp_path / "trusted_root.json")
    proxy = proxy_factory(source_registry.host)
    _listed_bundle(source_registry, proxy, "maplayers", {"mediaType": BUNDLE, "digest": "sha256:" + "0" * 64})

    (result,) = _mirror(proxy, target_registry, root, ["team/maplayers"]).images

    assert result.status == Status.HELD, result
    assert result.error is None, result
    assert _target_tag(proxy, target_registry, "maplayers") is None


def test_a_bundle_layer_with_a_broken_descriptor_fails_the_image_naming_the_bundle(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Proxy, tmp_path: Path
) -> None:
    root = SigstoreWorld().write_trusted_root(tmp_path / "trusted_root.json")
    proxy = proxy_factory(source_registry.host)
    _, bundle = _listed_bundle(
        source_registry, proxy, "badlayer", [{"mediaType": BUNDLE, "digest": "sha256:short", "size": 1}]
    )

    (result,) = _mirror(proxy, target_registry, root, ["team/badlayer"]).images

    assert result.status == Status.FAILED, result
    assert result.error == f"layer of bundle {bundle}: descriptor digest 'sha256:short' is not sha256:<64 hex>"
    assert _target_tag(proxy, target_registry, "badlayer") is None
