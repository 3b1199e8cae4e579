"""A Rekor stand-in for tests/support/sigstore_world.py: an RFC 6962 Merkle tree, signed entry timestamps (SETs)
and signed checkpoints, with the helpers the world shares (base64, RFC 6962 key IDs, ECDSA P-256/SHA-256 signing).

Only the signing is done with `cryptography`; the Merkle tree and the checkpoint note are assembled here because no
library builds them offline.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def spki(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_id(key: ec.EllipticCurvePublicKey) -> bytes:
    """RFC 6962 key ID: SHA-256 of the SubjectPublicKeyInfo (what Sigstore calls a log ID)."""
    return hashlib.sha256(spki(key)).digest()


def sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def _leaf_hash(body: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + body).digest()


def _node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _tree_hash(leaves: list[bytes]) -> bytes:
    """RFC 6962 section 2.1 Merkle tree hash of leaf hashes."""
    if len(leaves) == 1:
        return leaves[0]
    split = 1 << ((len(leaves) - 1).bit_length() - 1)
    return _node_hash(_tree_hash(leaves[:split]), _tree_hash(leaves[split:]))


def _inclusion_path(index: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 6962 section 2.1.1 audit path for leaf `index`, lowest level first."""
    if len(leaves) == 1:
        return []
    split = 1 << ((len(leaves) - 1).bit_length() - 1)
    if index < split:
        return [*_inclusion_path(index, leaves[:split]), _tree_hash(leaves[split:])]
    return [*_inclusion_path(index - split, leaves[split:]), _tree_hash(leaves[:split])]


@dataclass
class LogEntry:
    """One integrated entry with everything a client receives for it."""

    index: int
    integrated_time: int
    body: bytes
    set_signature: bytes
    root_hash: bytes
    tree_size: int
    hashes: list[bytes]
    checkpoint: str

    def bundle_json(self, log_id: bytes, kind: str) -> dict[str, Any]:
        """The entry as a Sigstore bundle's `tlogEntries` item."""
        return {
            "logIndex": str(self.index),
            "logId": {"keyId": b64(log_id)},
            "kindVersion": {"kind": kind, "version": "0.0.1"},
            "integratedTime": str(self.integrated_time),
            "inclusionPromise": {"signedEntryTimestamp": b64(self.set_signature)},
            "inclusionProof": {
                "logIndex": str(self.index),
                "rootHash": b64(self.root_hash),
                "treeSize": str(self.tree_size),
                "hashes": [b64(h) for h in self.hashes],
                "checkpoint": {"envelope": self.checkpoint},
            },
            "canonicalizedBody": b64(self.body),
        }


@dataclass
class TransparencyLog:
    """A Rekor stand-in: appends bodies, signs SETs and checkpoints with its key."""

    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    origin: str = "rekor.test - 1"
    leaves: list[bytes] = field(default_factory=list)

    @property
    def log_id(self) -> bytes:
        return key_id(self.key.public_key())

    def append(self, body: bytes, integrated_at: datetime) -> LogEntry:
        index = len(self.leaves)
        self.leaves.append(_leaf_hash(body))
        integrated = int(integrated_at.timestamp())
        promise = {  # RFC 8785 canonical form of the SET payload: keys sorted, no spaces
            "body": b64(body),
            "integratedTime": integrated,
            "logID": self.log_id.hex(),
            "logIndex": index,
        }
        canonical = json.dumps(promise, sort_keys=True, separators=(",", ":")).encode()
        root = _tree_hash(self.leaves)
        note = f"{self.origin}\n{len(self.leaves)}\n{b64(root)}\n"
        signature = self.log_id[:4] + sign(self.key, note.encode())
        checkpoint = f"{note}\n\u2014 {self.origin.split()[0]} {b64(signature)}\n"
        return LogEntry(
            index=index,
            integrated_time=integrated,
            body=body,
            set_signature=sign(self.key, canonical),
            root_hash=root,
            tree_size=len(self.leaves),
            hashes=_inclusion_path(index, self.leaves),
            checkpoint=checkpoint,
        )
