"""Real key-based signatures for tests: keys, cosign `.sig` manifests and DSSE `.att` attestations, as `cosign
sign --key` and `cosign attest --key` write them, signed with `cryptography`.

    key = generate_key("p256")                          also "p384", "rsa", "ed25519"
    public_pem(key)                                     the cosign.pub a policy names
    push_cosign_signature(registry, repo, digest, key)  `sha256-<hex>.sig` with a simple-signing payload
    push_attestation(registry, repo, digest, key, predicate_type)   `sha256-<hex>.att` with a DSSE envelope
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from ecr_mirror.lab.artifacts import COSIGN_SIGNATURE_ANNOTATION, COSIGN_SIGNATURE_LAYER, cosign_tag
from ecr_mirror.lab.image_types import Blob, ImageContent, ImageDescription, Manifest
from ecr_mirror.lab.images import OCI_CONFIG
from ecr_mirror.lab.push import Endpoint, PushClient, push_image
from ecr_mirror.oci import mediatypes as mt

KeyKind = Literal["p256", "p384", "rsa", "ed25519"]
PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey
DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json"
IN_TOTO = "application/vnd.in-toto+json"
SLSA_PROVENANCE = "https://slsa.dev/provenance/v1"


def generate_key(kind: KeyKind = "p256") -> PrivateKey:
    if kind == "p256":
        return ec.generate_private_key(ec.SECP256R1())
    if kind == "p384":
        return ec.generate_private_key(ec.SECP384R1())
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ed25519.Ed25519PrivateKey.generate()


def public_pem(key: PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def sign(key: PrivateKey, data: bytes) -> bytes:
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    hash_: hashes.HashAlgorithm = hashes.SHA384() if key.curve.name == "secp384r1" else hashes.SHA256()
    return key.sign(data, ec.ECDSA(hash_))


def _compact(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, separators=(",", ":")).encode()


def simple_signing_payload(digest: str, identity: str = "lab/image") -> bytes:
    return _compact(
        {
            "critical": {
                "identity": {"docker-reference": identity},
                "image": {"docker-manifest-digest": digest},
                "type": "cosign container image signature",
            },
            "optional": None,
        }
    )


@dataclass(frozen=True)
class SignedPayload:
    """One layer of a cosign tag: the payload and its (base64) signature annotation."""

    media_type: str
    payload: bytes
    signature: bytes
    annotations: tuple[tuple[str, str], ...] = ()


def signed_signature(digest: str, key: PrivateKey, *, signs: str | None = None) -> SignedPayload:
    """A simple-signing layer for `digest` (or, to test mismatches, naming `signs` instead)."""
    payload = simple_signing_payload(signs or digest)
    return SignedPayload(COSIGN_SIGNATURE_LAYER, payload, sign(key, payload))


def cosign_manifest(layers: Sequence[SignedPayload]) -> ImageContent:
    """A cosign tag's manifest: an OCI image whose layers are the payloads, signatures in annotations."""
    blobs = [Blob.of(layer.payload) for layer in layers]
    config = Blob.of(
        _compact(
            {
                "architecture": "",
                "config": {},
                "created": "0001-01-01T00:00:00Z",
                "os": "",
                "rootfs": {"type": "layers", "diff_ids": [b.digest for b in blobs]},
            }
        )
    )
    descriptors = []
    for layer, blob in zip(layers, blobs, strict=True):
        notes = {COSIGN_SIGNATURE_ANNOTATION: base64.b64encode(layer.signature).decode(), **dict(layer.annotations)}
        descriptors.append(
            {"mediaType": layer.media_type, "digest": blob.digest, "size": blob.size, "annotations": notes}
        )
    doc = {
        "schemaVersion": 2,
        "mediaType": mt.OCI_MANIFEST,
        "config": {"mediaType": OCI_CONFIG, "digest": config.digest, "size": config.size},
        "layers": descriptors,
    }
    body = _compact(doc)
    return ImageContent(manifests=(Manifest(mt.OCI_MANIFEST, body, Blob.of(body).digest),), blobs=(config, *blobs))


def push_cosign_signature(
    target: PushClient | Endpoint, repo: str, digest: str, key: PrivateKey, *, signs: str | None = None
) -> ImageDescription:
    """Push `sha256-<hex>.sig` holding one signature by `key` over a payload naming `digest` (or `signs`)."""
    return push_image(target, repo, cosign_manifest([signed_signature(digest, key, signs=signs)]), [cosign_tag(digest)])


def pae(payload_type: str, body: bytes) -> bytes:
    kind = payload_type.encode()
    return b"DSSEv1 %d %b %d %b" % (len(kind), kind, len(body), body)


def dsse_attestation(digest: str, key: PrivateKey, predicate_type: str = SLSA_PROVENANCE) -> SignedPayload:
    """A DSSE envelope over an in-toto statement about `digest`, as a `.att` layer."""
    algorithm, _, hex_ = digest.partition(":")
    statement = _compact(
        {
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [{"name": "lab/image", "digest": {algorithm: hex_}}],
            "predicateType": predicate_type,
            "predicate": {"buildDefinition": {"buildType": "lab"}},
        }
    )
    signature = sign(key, pae(IN_TOTO, statement))
    envelope = _compact(
        {
            "payloadType": IN_TOTO,
            "payload": base64.b64encode(statement).decode(),
            "signatures": [{"keyid": "", "sig": base64.b64encode(signature).decode()}],
        }
    )
    return SignedPayload(DSSE_ENVELOPE, envelope, b"", (("predicateType", predicate_type),))


def push_attestation(
    target: PushClient | Endpoint, repo: str, digest: str, key: PrivateKey, predicate_type: str = SLSA_PROVENANCE
) -> ImageDescription:
    content = cosign_manifest([dsse_attestation(digest, key, predicate_type)])
    return push_image(target, repo, content, [cosign_tag(digest, ".att")])
