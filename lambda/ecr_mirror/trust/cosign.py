"""Key-based cosign signatures (the tag `sha256-<hex>.sig`): each layer a simple-signing payload naming the image
digest, its signature (base64) in the `dev.cosignproject.cosign/signature` annotation."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence

from ecr_mirror.trust.evidence import SIGNATURE_ANNOTATION, SIMPLE_SIGNING, SignedLayer
from ecr_mirror.trust.keys import PublicKey, verify_signature
from ecr_mirror.trust.verdict import PASS, Verdict, held, rejected

SIMPLE_SIGNING_TYPE = "cosign container image signature"


def decode_signature(text: str | None) -> bytes | None:
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def signed_digest(payload: bytes) -> str | None:
    """The image digest a simple-signing payload names, or None when it is not one."""
    try:
        doc = json.loads(payload)
        critical = doc["critical"]
        if critical.get("type") != SIMPLE_SIGNING_TYPE:
            return None
        digest = critical["image"]["docker-manifest-digest"]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return digest if isinstance(digest, str) else None


def verify_cosign_signatures(
    layers: Sequence[SignedLayer] | None, key: PublicKey, key_name: str, digest: str
) -> Verdict:
    """Pass when one signature verifies with `key` and names `digest`. No signature tag (or one without a
    signature): held, it may be published later. Signatures that do not verify, or that sign another digest:
    rejected."""
    if layers is None:
        return held(f"no cosign signature for {digest} (tag {digest.replace(':', '-')}.sig absent)")
    signed = [(layer, decode_signature(layer.annotations.get(SIGNATURE_ANNOTATION))) for layer in layers]
    candidates = [(layer, sig) for layer, sig in signed if layer.media_type == SIMPLE_SIGNING and sig]
    if not candidates:
        return held(f"the cosign signature tag of {digest} holds no simple-signing signature")
    other: str | None = None
    for layer, signature in candidates:
        assert signature is not None
        if not verify_signature(key, signature, layer.payload):
            continue
        named = signed_digest(layer.payload)
        if named == digest:
            return PASS
        other = named or "no image digest"
    if other is not None:
        return rejected(f"a signature by {key_name} signs {other}, not {digest}: digest mismatch")
    return rejected(f"none of the {len(candidates)} cosign signature(s) of {digest} verifies with {key_name}")
