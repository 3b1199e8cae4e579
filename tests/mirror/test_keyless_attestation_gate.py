"""A keyless policy that asks for an attestation, through real registries and the local Sigstore: `cosign attest`'s
`.att` tag (a DSSE envelope with the Fulcio certificate and Rekor entry in its annotations) passes the image;
one by another identity rejects it; none holds it."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path

from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.lab.artifacts import COSIGN_SIGNATURE_LAYER, cosign_tag
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.signing import DSSE_ENVELOPE, SignedPayload, cosign_manifest
from ecr_mirror.mirror.report import Status
from ecr_mirror.mirror.run import MirrorOptions, mirror_list
from ecr_mirror.oci.credentials import CredentialStore
from ecr_mirror.trust.judge import TrustContext
from tests.faults.helpers import tag_digest
from tests.support.sigstore_world import GOOGLE_ISSUER, SigstoreWorld

SLSA = "https://slsa.dev/provenance/v1"
SIGNATURE = "dev.cosignproject.cosign/signature"


def _push_signed(world: SigstoreWorld, registry: LocalRegistry, repository: str, seed: str) -> str:
    """An image with a keyless `.sig` by the releaser."""
    image = push_image(registry, repository, oci_image(seed=seed), tags=["1"])
    payload, notes = world.cosign_signature(image.digest)
    signature = base64.b64decode(notes.pop(SIGNATURE))
    content = cosign_manifest([SignedPayload(COSIGN_SIGNATURE_LAYER, payload, signature, tuple(notes.items()))])
    push_image(registry, repository, content, [cosign_tag(image.digest)])
    return image.digest


def _push_attestation(
    world: SigstoreWorld, registry: LocalRegistry, repository: str, digest: str, identity: str, entry_kind: str
) -> None:
    envelope, notes = world.cosign_attestation(digest, SLSA, identity, entry_kind=entry_kind)
    notes.pop(SIGNATURE)  # empty for an attestation; cosign_manifest writes it from the (empty) signature
    content = cosign_manifest([SignedPayload(DSSE_ENVELOPE, envelope, b"", tuple(notes.items()))])
    push_image(registry, repository, content, [cosign_tag(digest, ".att")])


def test_keyless_att_tags_pass_reject_and_hold_an_image_under_an_attestation_policy(
    source_registry: LocalRegistry, target_registry: LocalRegistry, tmp_path: Path
) -> None:
    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")
    host = source_registry.host
    attested = _push_signed(world, source_registry, "team/attested", "a1")
    _push_attestation(world, source_registry, "team/attested", attested, "releaser@example.com", "dsse")
    legacy = _push_signed(world, source_registry, "team/legacy", "a2")  # an intoto 0.0.2 log entry
    _push_attestation(world, source_registry, "team/legacy", legacy, "releaser@example.com", "intoto")
    forged = _push_signed(world, source_registry, "team/forged", "a3")
    _push_attestation(world, source_registry, "team/forged", forged, "intruder@example.com", "dsse")
    _push_signed(world, source_registry, "team/bare", "a4")
    text = (
        "policies:\n"
        f"  att: {{identity: releaser@example.com, issuer: '{GOOGLE_ISSUER}', attestations: ['{SLSA}']}}\n"
        "defaultPolicy: att\n"
        "images:\n" + "".join(f"  - {host}/team/{name}:1\n" for name in ("attested", "legacy", "forged", "bare"))
    )
    images = parse_image_list(text)
    assert not images.errors, images.errors
    options = MirrorOptions(plain_http=True, trust=TrustContext(trusted_root=str(root)))
    report = asyncio.run(mirror_list(images, f"{target_registry.host}/m", CredentialStore(), options))

    by_repo = {r.source.rsplit("/", 1)[-1]: r for r in report.images}
    assert by_repo["attested:1"].status == Status.COPIED, by_repo["attested:1"]
    assert by_repo["legacy:1"].status == Status.COPIED, by_repo["legacy:1"]
    assert by_repo["forged:1"].status == Status.REJECTED, by_repo["forged:1"]
    assert "intruder@example.com" in (by_repo["forged:1"].error or "")
    assert by_repo["bare:1"].status == Status.HELD, by_repo["bare:1"]
    assert SLSA in (by_repo["bare:1"].held_reason or "")
    prefix = f"m/{host.replace(':', '-').replace('.', '-')}/team"
    target = target_registry.host
    assert tag_digest(target, f"{prefix}/attested", "1") == attested
    assert tag_digest(target, f"{prefix}/legacy", "1") == legacy
    assert tag_digest(target, f"{prefix}/forged", "1") is None  # rejected: nothing written
    assert tag_digest(target, f"{prefix}/bare", "1") is None  # held: the tag does not move
