"""What the policy gate asks the source for, counted at a proxy: a key policy without attestations never looks
at the `.att` tag, and one that wants an attestation type reads only the `.att` layers of that type."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.artifacts import cosign_tag
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import (
    SLSA_PROVENANCE,
    PrivateKey,
    cosign_manifest,
    dsse_attestation,
    generate_key,
    public_pem,
    push_cosign_signature,
)
from ecr_mirror.mirror.referrers import fallback_tag
from ecr_mirror.mirror.report import Report
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.oci.manifest import sha256_digest
from ecr_mirror.oci.mediatypes import OCI_MANIFEST
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.keys import load_public_key
from ecr_mirror.trust.policy import KeyRef
from tests.support.proxy import Action, InterposingProxy

SPDX = "https://spdx.dev/Document"


@pytest.fixture
def source(source_registry: LocalRegistry) -> Iterator[InterposingProxy]:
    proxy = InterposingProxy(source_registry.host).start()
    yield proxy
    proxy.stop()


def _sync(proxy: InterposingProxy, target: LocalRegistry, name: str, policy: str, context: TrustContext) -> Report:
    text = f"policies:\n  p: {policy}\nimages:\n  - {{source: {proxy.host}/team/{name}:1, policy: p}}\n"
    images = parse_image_list(text)
    assert not images.errors, images.errors
    options = MirrorOptions(plain_http=True, trust=context)
    return asyncio.run(mirror_list(images, f"{target.host}/m", CredentialStore(), options))


def _signed_and_attested(registry: LocalRegistry, name: str, signer: PrivateKey) -> tuple[str, str, str]:
    """An image with a signature and one `.att` tag holding an SLSA and an SPDX attestation: (digest, blobs)."""
    digest = push_image(registry, f"team/{name}", oci_image(seed=name), tags=["1"]).digest
    push_cosign_signature(registry, f"team/{name}", digest, signer)
    content = cosign_manifest(
        [dsse_attestation(digest, signer, SLSA_PROVENANCE), dsse_attestation(digest, signer, SPDX)]
    )
    push_image(registry, f"team/{name}", content, [cosign_tag(digest, ".att")])
    slsa, spdx = (blob.digest for blob in content.blobs[1:])
    return digest, slsa, spdx


def test_the_gate_reads_only_the_attestations_its_policy_wants(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source: InterposingProxy
) -> None:
    signer = generate_key()
    context = TrustContext(keys={KeyRef("file", "k.pub"): load_public_key(public_pem(signer), "key k.pub")})
    _signed_and_attested(source_registry, "plain", signer)
    _, slsa, spdx = _signed_and_attested(source_registry, "attested", signer)

    (plain,) = _sync(source, target_registry, "plain", "{key: k.pub}", context).images
    assert plain.status == "copied", plain
    # One HEAD: the copy looking for the `.att` tag to carry along; the gate itself never asks for it.
    assert [s.method for s in source.seen if ".att" in s.path] == ["HEAD"]

    source.seen.clear()
    (attested,) = _sync(
        source, target_registry, "attested", f"{{key: k.pub, attestations: [{SLSA_PROVENANCE}]}}", context
    ).images
    assert attested.status == "copied", attested
    blobs = [s.path for s in source.seen if s.method == "GET" and "/blobs/" in s.path]
    # The gate reads the SLSA layer; the copy carries both layers of the `.att` tag: SPDX is read once, by the copy.
    assert (sum(p.endswith(slsa) for p in blobs), sum(p.endswith(spdx) for p in blobs)) == (2, 1), blobs


def _key_context(signer: PrivateKey) -> TrustContext:
    return TrustContext(keys={KeyRef("file", "k.pub"): load_public_key(public_pem(signer), "key k.pub")})


def test_a_key_policy_never_asks_for_sigstore_bundles(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source: InterposingProxy
) -> None:
    """Rejected (signed by another key), so nothing is copied: every request the source saw is the gate's, and
    none of them looks for referrers (the referrers API or the fallback tag)."""
    digest = push_image(source_registry, "team/stranger", oci_image(seed="stranger"), tags=["1"]).digest
    push_cosign_signature(source_registry, "team/stranger", digest, generate_key())

    (result,) = _sync(source, target_registry, "stranger", "{key: k.pub}", _key_context(generate_key())).images

    assert result.status == "rejected", result
    assert [s.path for s in source.seen if "/referrers/" in s.path or s.path.endswith(fallback_tag(digest))] == []
    assert any(s.path.endswith(cosign_tag(digest)) for s in source.seen)  # the signature was looked at


def test_a_signature_tag_whose_head_gives_no_digest_is_read_by_its_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source: InterposingProxy
) -> None:
    signer = generate_key()
    digest = push_image(source_registry, "team/bare", oci_image(seed="bare"), tags=["1"]).digest
    push_cosign_signature(source_registry, "team/bare", digest, signer)
    sig_path = f"/v2/team/bare/manifests/{cosign_tag(digest)}"
    bare = Action(status=200, headers={"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    source.rules.append(lambda seen: bare if seen.method == "HEAD" and seen.path == sig_path else None)

    (result,) = _sync(source, target_registry, "bare", "{key: k.pub}", _key_context(signer)).images

    assert result.status == "copied", result
    assert sig_path in [s.path for s in source.seen if s.method == "GET"]


def test_a_signature_manifest_without_a_layers_list_fails_the_image_naming_the_tag(
    source_registry: LocalRegistry, target_registry: LocalRegistry, source: InterposingProxy
) -> None:
    digest = push_image(source_registry, "team/nolayers", oci_image(seed="nolayers"), tags=["1"]).digest
    body = json.dumps({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "layers": {}}).encode()
    headers = {"Content-Type": OCI_MANIFEST, "Docker-Content-Digest": sha256_digest(body)}
    paths = {f"/v2/team/nolayers/manifests/{ref}" for ref in (cosign_tag(digest), sha256_digest(body))}
    source.rules.append(
        lambda seen: (
            Action(status=200, body=b"" if seen.method == "HEAD" else body, headers=headers)
            if seen.path in paths
            else None
        )
    )

    (result,) = _sync(source, target_registry, "nolayers", "{key: k.pub}", _key_context(generate_key())).images

    assert result.status == "failed", result
    assert result.error == f"{source.host}/team/nolayers:{cosign_tag(digest)} has no layers list", result
