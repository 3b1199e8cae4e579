"""Keyless policies through real registries and the local Sigstore (tests/support/sigstore_world.py): a cosign
keyless `.sig`, Sigstore bundles attached as referrers (a message signature and an SLSA attestation), no signature
at all, a signature by an identity the policy does not name, and cosign 3's DSSE signature bundle."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.artifacts import COSIGN_SIGNATURE_LAYER, artifact, cosign_tag, push_referrer
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import SignedPayload, cosign_manifest
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.trust.judge import TrustContext
from ecr_mirror.trust.keyless import COSIGN_SIGN_PREDICATE
from tests.faults.helpers import tag_digest
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

BUNDLE = "application/vnd.dev.sigstore.bundle.v0.3+json"
SLSA = "https://slsa.dev/provenance/v1"


def _push_keyless_sig(world: SigstoreWorld, registry: LocalRegistry, repository: str, seed: str) -> str:
    image = push_image(registry, repository, oci_image(seed=seed), tags=["1"])
    payload, notes = world.cosign_signature(image.digest)
    signature = base64.b64decode(notes.pop("dev.cosignproject.cosign/signature"))
    content = cosign_manifest([SignedPayload(COSIGN_SIGNATURE_LAYER, payload, signature, tuple(notes.items()))])
    push_image(registry, repository, content, [cosign_tag(image.digest)])
    return image.digest


def test_keyless_signatures_pass_held_and_rejected(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")
    host = source_registry.host
    signed = _push_keyless_sig(world, source_registry, "team/sig", "k1")
    other = _push_keyless_sig(world, source_registry, "team/other", "k4")
    bundled = push_image(source_registry, "team/bundle", oci_image(seed="k2"), tags=["1"])
    top = oci_image(seed="k2").top
    push_referrer(source_registry, "team/bundle", artifact(top, BUNDLE, payload=world.message_bundle(bundled.digest)))
    attestation = world.dsse_bundle(bundled.digest, SLSA)
    push_referrer(source_registry, "team/bundle", artifact(top, BUNDLE, payload=attestation, seed="att"))
    push_image(source_registry, "team/none", oci_image(seed="k3"), tags=["1"])
    cosign3 = push_image(source_registry, "team/cosign3", oci_image(seed="k5"), tags=["1"])  # cosign 3: DSSE bundle
    statement = world.dsse_bundle(cosign3.digest, COSIGN_SIGN_PREDICATE)
    push_referrer(source_registry, "team/cosign3", artifact(oci_image(seed="k5").top, BUNDLE, payload=statement))
    text = (
        "policies:\n"
        f"  rel: {{identity: releaser@example.com, issuer: '{GOOGLE_ISSUER}'}}\n"
        f"  att: {{identity: releaser@example.com, issuer: '{GOOGLE_ISSUER}', attestations: ['{SLSA}']}}\n"
        f"  evil: {{identityRegex: '.*@evil[.]example', issuer: '{GOOGLE_ISSUER}'}}\n"
        "images:\n"
        f"  - {{source: {host}/team/sig:1, policy: rel}}\n"
        f"  - {{source: {host}/team/bundle:1, policy: att}}\n"
        f"  - {{source: {host}/team/none:1, policy: rel}}\n"
        f"  - {{source: {host}/team/other:1, policy: evil}}\n"
        f"  - {{source: {host}/team/cosign3:1, policy: rel}}\n"
    )
    images = parse_image_list(text)
    assert not images.errors, images.errors
    options = MirrorOptions(plain_http=True, trust=TrustContext(trusted_root=str(root)))
    report = asyncio.run(mirror_list(images, f"{target_registry.host}/m", CredentialStore(), options))
    by_repo = {r.source.rsplit("/", 1)[-1]: r for r in report.images}
    assert by_repo["sig:1"].status == Status.COPIED, by_repo["sig:1"]
    assert by_repo["bundle:1"].status == Status.COPIED, by_repo["bundle:1"]
    assert by_repo["none:1"].status == Status.HELD, by_repo["none:1"]
    assert by_repo["other:1"].status == Status.REJECTED, by_repo["other:1"]
    assert by_repo["other:1"].error or by_repo["other:1"].held_reason
    assert by_repo["cosign3:1"].status == Status.COPIED, by_repo["cosign3:1"]
    target = target_registry.host
    prefix = f"m/{host.replace(':', '-').replace('.', '-')}/team"
    assert tag_digest(target, f"{prefix}/sig", "1") == signed
    assert tag_digest(target, f"{prefix}/sig", cosign_tag(signed)) is not None  # the signature follows the image
    assert tag_digest(target, f"{prefix}/bundle", "1") == bundled.digest
    assert tag_digest(target, f"{prefix}/none", "1") is None  # held: no tag until it passes
    assert tag_digest(target, f"{prefix}/other", "1") is None  # rejected: nothing written
    assert other != signed
