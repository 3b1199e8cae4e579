"""A local Sigstore for offline tests: a CA standing in for Fulcio, a CT log, a transparency log, a trust root.

    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")      # names the CA, the CT key, the log key
    bundle = world.message_bundle(digest, identity="a@example.com")      # Sigstore bundle v0.3, message signature
    bundle = world.dsse_bundle(digest, predicate_type=SLSA)              # Sigstore bundle v0.3, DSSE in-toto
    payload, annotations = world.cosign_signature(digest)                # cosign tag scheme `.sig` layer
    envelope, annotations = world.cosign_attestation(digest, SLSA)       # cosign tag scheme `.att` layer

Everything Sigstore's verifiers check is real here: the leaf certificate (sigstore_ca.py) carries an embedded SCT
signed by the CT key, the OIDC issuer extensions and the identity as SAN; the log (sigstore_log.py) signs a signed
entry timestamp (SET) over each entry and a checkpoint over an RFC 6962 Merkle tree, with an inclusion proof.
Knobs reproduce the failure paths: `signed_at` and `lifetime` for the certificate, `integrated_at` for the log
time, `signer` for another key than the certificate's, `with_sct=False` for a certificate the CT log never saw.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

from tests.support.sigstore_ca import GOOGLE_ISSUER, FulcioCA, Signer, SigningKey
from tests.support.sigstore_log import LogEntry, TransparencyLog, b64, key_id, sign, spki

__all__ = ["GITHUB_ISSUER", "GOOGLE_ISSUER", "Signer", "SigstoreWorld", "simple_signing_payload"]

GITHUB_ISSUER = "https://token.actions.githubusercontent.com"
IN_TOTO = "application/vnd.in-toto+json"
EPOCH = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # "now" in the world: certificates and log times centre on it


class SigstoreWorld(FulcioCA):
    """A Fulcio-like CA (root and intermediate) with its CT log key, a transparency log, and their trust root."""

    def __init__(self, *, now: datetime = EPOCH) -> None:
        super().__init__(now)
        self.log = TransparencyLog()

    # -- the trust root ---------------------------------------------------------------------------------------
    def trusted_root(self, *, with_intermediate: bool = True, keys_ended: bool = False) -> dict[str, Any]:
        """The trust root: without the intermediate CA (`with_intermediate=False`, signatures then bring it in their
        chain), or with the log and CT keys' validity ended (`keys_ended`: retired keys still verify old entries)."""
        start = (self.now - timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
        ended = {"end": (self.now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")} if keys_ended else {}

        def tlog(key: ec.EllipticCurvePrivateKey, url: str) -> dict[str, Any]:
            return {
                "baseUrl": url,
                "hashAlgorithm": "SHA2_256",
                "publicKey": {
                    "rawBytes": b64(spki(key.public_key())),
                    "keyDetails": "PKIX_ECDSA_P256_SHA_256",
                    "validFor": {"start": start, **ended},
                },
                "logId": {"keyId": b64(key_id(key.public_key()))},
            }

        chain = [self.intermediate, self.root] if with_intermediate else [self.root]
        return {
            "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
            "tlogs": [tlog(self.log.key, "https://rekor.test.invalid")],
            "certificateAuthorities": [
                {
                    "subject": {"organization": "test.invalid", "commonName": "test-fulcio"},
                    "uri": "https://fulcio.test.invalid",
                    "certChain": {
                        "certificates": [{"rawBytes": b64(c.public_bytes(serialization.Encoding.DER))} for c in chain]
                    },
                    "validFor": {"start": start},
                }
            ],
            "ctlogs": [tlog(self.ct_key, "https://ctfe.test.invalid")],
            "timestampAuthorities": [],
        }

    def write_trusted_root(self, path: Path, **knobs: bool) -> Path:
        path.write_text(json.dumps(self.trusted_root(**knobs), indent=2), encoding="utf-8")
        return path

    # -- signatures -------------------------------------------------------------------------------------------
    def _signer(self, signer: Signer | None, identity: str, issuer: str) -> Signer:
        return signer or self.issue(identity, issuer)

    def _logged_at(self, signer: Signer, integrated_at: datetime | None) -> datetime:
        return integrated_at or signer.certificate.not_valid_before_utc + timedelta(minutes=1)

    def message_bundle(
        self,
        subject_digest: str,
        identity: str = "releaser@example.com",
        issuer: str = GOOGLE_ISSUER,
        *,
        signer: Signer | None = None,
        integrated_at: datetime | None = None,
    ) -> bytes:
        """A bundle v0.3 whose message signature is over the image digest itself (a hashedrekord entry)."""
        signer = self._signer(signer, identity, issuer)
        digest = bytes.fromhex(subject_digest.removeprefix("sha256:"))
        assert isinstance(signer.key, ec.EllipticCurvePrivateKey), "message bundles are ECDSA here"
        signature = signer.key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        body = _hashedrekord(signature, signer.pem, digest.hex())
        entry = self.log.append(body, self._logged_at(signer, integrated_at))
        return _bundle(
            signer,
            entry.bundle_json(self.log.log_id, "hashedrekord"),
            {
                "messageSignature": {
                    "messageDigest": {"algorithm": "SHA2_256", "digest": b64(digest)},
                    "signature": b64(signature),
                }
            },
        )

    def dsse_bundle(
        self,
        subject_digest: str,
        predicate_type: str = "https://slsa.dev/provenance/v1",
        identity: str = "releaser@example.com",
        issuer: str = GOOGLE_ISSUER,
        *,
        signer: Signer | None = None,
        integrated_at: datetime | None = None,
        statement: dict[str, Any] | None = None,
        payload: bytes | None = None,
        payload_type: str = IN_TOTO,
    ) -> bytes:
        """A bundle v0.3 with a DSSE envelope around an in-toto statement naming `subject_digest` (a dsse entry),
        or around other bytes (`payload`) of another type (`payload_type`), signed and logged all the same."""
        signer = self._signer(signer, identity, issuer)
        payload = payload or in_toto_statement(subject_digest, predicate_type, statement)
        pae = b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type.encode(), len(payload), payload)
        assert isinstance(signer.key, ec.EllipticCurvePrivateKey), "DSSE bundles are ECDSA here"
        signature = sign(signer.key, pae)
        envelope = {"payload": b64(payload), "payloadType": payload_type, "signatures": [{"sig": b64(signature)}]}
        body = json.dumps(
            {
                "apiVersion": "0.0.1",
                "kind": "dsse",
                "spec": {
                    "envelopeHash": {
                        "algorithm": "sha256",
                        "value": hashlib.sha256(json.dumps(envelope).encode()).hexdigest(),
                    },
                    "payloadHash": {"algorithm": "sha256", "value": hashlib.sha256(payload).hexdigest()},
                    "signatures": [{"signature": b64(signature), "verifier": b64(signer.pem)}],
                },
            },
            sort_keys=True,
            separators=(",", ":"),
        ).encode()
        entry = self.log.append(body, self._logged_at(signer, integrated_at))
        return _bundle(signer, entry.bundle_json(self.log.log_id, "dsse"), {"dsseEnvelope": envelope})

    def cosign_signature(
        self,
        subject_digest: str,
        identity: str = "releaser@example.com",
        issuer: str = GOOGLE_ISSUER,
        *,
        signer: Signer | None = None,
        integrated_at: datetime | None = None,
        payload: bytes | None = None,
        edit_entry: Callable[[dict[str, Any]], None] | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """A cosign `.sig` layer: the simple-signing payload and its annotations (signature, certificate, chain,
        bundle with the SET). `edit_entry` changes the hashedrekord entry before the log signs it (a log entry
        that records something other than this signature, certificate or payload)."""
        signer = self._signer(signer, identity, issuer)
        payload = payload or simple_signing_payload(subject_digest)
        signature = _sign_payload(signer.key, payload)
        body = _hashedrekord(signature, signer.pem, hashlib.sha256(payload).hexdigest(), edit_entry)
        entry = self.log.append(body, self._logged_at(signer, integrated_at))
        return payload, {"dev.cosignproject.cosign/signature": b64(signature), **self._cosign_notes(signer, entry)}

    def cosign_attestation(
        self,
        subject_digest: str,
        predicate_type: str = "https://slsa.dev/provenance/v1",
        identity: str = "releaser@example.com",
        issuer: str = GOOGLE_ISSUER,
        *,
        signer: Signer | None = None,
        entry_kind: str = "dsse",
        intoto_version: str = "0.0.2",
        statement: dict[str, Any] | None = None,
        payload: bytes | None = None,
        payload_type: str = IN_TOTO,
        raw_envelope: bytes | None = None,
        edit_entry: Callable[[dict[str, Any]], None] | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """A cosign `.att` layer as `cosign attest` makes it keyless: the DSSE envelope (the layer's bytes) and its
        annotations (an empty signature, certificate, chain, the Rekor bundle with the SET, the predicate type).
        `entry_kind`: the log entry `cosign attest --rekor-entry-type` chose, `dsse` (0.0.1) or `intoto` (0.0.2).
        `intoto_version` 0.0.1: the intoto entry older cosign wrote (the certificate as the entry's public key).
        `payload` (signed instead of the statement), `payload_type` and `raw_envelope` (logged as the layer's bytes
        instead of the envelope) make bad layers; `edit_entry` changes the log entry before the log signs it."""
        signer = self._signer(signer, identity, issuer)
        payload = payload or in_toto_statement(subject_digest, predicate_type, statement)
        pae = b"DSSEv1 %d %s %d %s" % (len(payload_type), payload_type.encode(), len(payload), payload)
        signature = _sign_payload(signer.key, pae)
        envelope = (
            raw_envelope
            or json.dumps(
                {
                    "payloadType": payload_type,
                    "payload": b64(payload),
                    "signatures": [{"keyid": "", "sig": b64(signature)}],
                }
            ).encode()
        )
        envelope_hash = {"algorithm": "sha256", "value": hashlib.sha256(envelope).hexdigest()}
        payload_hash = {"algorithm": "sha256", "value": hashlib.sha256(payload).hexdigest()}
        if entry_kind == "dsse":
            spec: dict[str, Any] = {
                "envelopeHash": envelope_hash,
                "payloadHash": payload_hash,
                "signatures": [{"signature": b64(signature), "verifier": b64(signer.pem)}],
            }
            version = "0.0.1"
        elif intoto_version == "0.0.1":
            spec = {"content": {"hash": envelope_hash, "payloadHash": payload_hash}, "publicKey": b64(signer.pem)}
            version = "0.0.1"
        else:  # intoto 0.0.2: the signature is stored base64 of its base64 form, as Rekor does
            signed = [{"sig": b64(b64(signature).encode()), "publicKey": b64(signer.pem)}]
            spec = {
                "content": {
                    "envelope": {"payloadType": payload_type, "signatures": signed},
                    "hash": envelope_hash,
                    "payloadHash": payload_hash,
                }
            }
            version = "0.0.2"
        logged = {"apiVersion": version, "kind": entry_kind, "spec": spec}
        if edit_entry:
            edit_entry(logged)
        body = json.dumps(logged, sort_keys=True).encode()
        entry = self.log.append(body, self._logged_at(signer, None))
        notes = self._cosign_notes(signer, entry)
        return envelope, {"dev.cosignproject.cosign/signature": "", **notes, "predicateType": predicate_type}

    def _cosign_notes(self, signer: Signer, entry: LogEntry) -> dict[str, str]:
        """A cosign layer's keyless annotations: certificate, chain, and the Rekor bundle (the entry with its SET)."""
        rekor_bundle = {
            "SignedEntryTimestamp": b64(entry.set_signature),
            "Payload": {
                "body": b64(entry.body),
                "integratedTime": entry.integrated_time,
                "logIndex": entry.index,
                "logID": self.log.log_id.hex(),
            },
        }
        chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (self.intermediate, self.root))
        return {
            "dev.sigstore.cosign/certificate": signer.pem.decode(),
            "dev.sigstore.cosign/chain": chain.decode(),
            "dev.sigstore.cosign/bundle": json.dumps(rekor_bundle),
        }


def _sign_payload(key: SigningKey, payload: bytes) -> bytes:
    """As cosign signs a payload: ECDSA with the hash of the curve's size, RSA PKCS#1 v1.5 SHA-256, or Ed25519."""
    if isinstance(key, ec.EllipticCurvePrivateKey):
        hash_ = {384: hashes.SHA384(), 521: hashes.SHA512()}.get(key.curve.key_size, hashes.SHA256())
        return key.sign(payload, ec.ECDSA(hash_))
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
    return key.sign(payload)


def in_toto_statement(subject_digest: str, predicate_type: str, statement: dict[str, Any] | None = None) -> bytes:
    """An in-toto statement about `subject_digest` of `predicate_type` (or `statement` as given), as JSON bytes."""
    algorithm, _, hexdigest = subject_digest.partition(":")
    return json.dumps(
        statement
        or {
            "_type": "https://in-toto.io/Statement/v1",
            "subject": [{"name": "registry.test/app", "digest": {algorithm: hexdigest}}],
            "predicateType": predicate_type,
            "predicate": {"builder": {"id": "https://example.com/builder"}},
        }
    ).encode()


def simple_signing_payload(subject_digest: str, reference: str = "registry.test/app") -> bytes:
    """cosign's simple-signing payload for an image digest."""
    return json.dumps(
        {
            "critical": {
                "identity": {"docker-reference": reference},
                "image": {"docker-manifest-digest": subject_digest},
                "type": "cosign container image signature",
            },
            "optional": None,
        }
    ).encode()


def _hashedrekord(
    signature: bytes, pem: bytes, sha256_hex: str, edit: Callable[[dict[str, Any]], None] | None = None
) -> bytes:
    body = {
        "apiVersion": "0.0.1",
        "kind": "hashedrekord",
        "spec": {
            "data": {"hash": {"algorithm": "sha256", "value": sha256_hex}},
            "signature": {"content": b64(signature), "publicKey": {"content": b64(pem)}},
        },
    }
    if edit is not None:
        edit(body)
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _bundle(signer: Signer, tlog_entry: dict[str, Any], content: dict[str, Any]) -> bytes:
    bundle = {
        "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
        "verificationMaterial": {
            "certificate": {"rawBytes": b64(signer.certificate.public_bytes(serialization.Encoding.DER))},
            "tlogEntries": [tlog_entry],
        },
        **content,
    }
    return json.dumps(bundle).encode()
