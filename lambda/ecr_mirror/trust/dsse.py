"""Key-based attestations (the cosign tag `sha256-<hex>.att`): each layer a DSSE envelope whose payload is an
in-toto statement about the image (subject digest, predicate type), signed over DSSE's pre-authentication
encoding."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ecr_mirror.trust.evidence import DSSE_ENVELOPE, SignedLayer
from ecr_mirror.trust.keys import PublicKey, verify_signature
from ecr_mirror.trust.verdict import PASS, Verdict, combine, held, rejected

IN_TOTO = "application/vnd.in-toto+json"


def pae(payload_type: str, body: bytes) -> bytes:
    """DSSE v1 pre-authentication encoding: what the signature covers."""
    kind = payload_type.encode()
    return b"DSSEv1 %d %b %d %b" % (len(kind), kind, len(body), body)


@dataclass(frozen=True)
class Envelope:
    payload_type: str
    body: bytes
    signatures: tuple[bytes, ...]

    def statement(self) -> dict[str, Any] | None:
        try:
            doc = json.loads(self.body)
        except ValueError:
            return None
        return doc if isinstance(doc, dict) else None


def parse_envelope(data: bytes) -> Envelope | None:
    try:
        doc = json.loads(data)
        body = base64.b64decode(doc["payload"], validate=True)
        sigs = tuple(base64.b64decode(s["sig"], validate=True) for s in doc.get("signatures") or [])
        kind = doc["payloadType"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    return Envelope(kind, body, sigs) if isinstance(kind, str) else None


def subject_digests(statement: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for subject in statement.get("subject") or []:
        digests = subject.get("digest") if isinstance(subject, dict) else None
        if isinstance(digests, dict):
            out.update(f"{alg}:{value}" for alg, value in digests.items() if isinstance(value, str))
    return out


def verify_attestations(
    layers: Sequence[SignedLayer] | None, required: Iterable[str], key: PublicKey, key_name: str, digest: str
) -> Verdict:
    """Each required predicate type needs an envelope signed by `key` about `digest`. Missing: held (it may be
    published later). Claimed but not verifying, or about another digest: rejected."""
    envelopes = [parse_envelope(layer.payload) for layer in layers or () if layer.media_type == DSSE_ENVELOPE]
    usable = [e for e in envelopes if e is not None and e.payload_type == IN_TOTO]
    return combine(_one(usable, predicate, key, key_name, digest) for predicate in required)


def _one(envelopes: list[Envelope], predicate: str, key: PublicKey, key_name: str, digest: str) -> Verdict:
    claimed = [e for e in envelopes if (e.statement() or {}).get("predicateType") == predicate]
    if not claimed:
        return held(f"no {predicate} attestation for {digest}")
    verified = [e for e in claimed if any(verify_signature(key, s, pae(e.payload_type, e.body)) for s in e.signatures)]
    if not verified:
        return rejected(f"the {predicate} attestation(s) of {digest} do not verify with {key_name}")
    if any(digest in subject_digests(e.statement() or {}) for e in verified):
        return PASS
    return rejected(f"the {predicate} attestation signed by {key_name} is about another digest, not {digest}")
