"""What the policy gate asks the source for, counted at a proxy: a key policy without attestations never looks
at the `.att` tag, and one that wants an attestation type reads only the `.att` layers of that type."""

from __future__ import annotations

import asyncio
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
from ecr_mirror.mirror.report import Report
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.keys import load_public_key
from ecr_mirror.trust.policy import KeyRef
from tests.support.proxy import InterposingProxy

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
