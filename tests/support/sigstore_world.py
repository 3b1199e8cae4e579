"""A local Sigstore for offline tests: a CA standing in for Fulcio, a CT log, a transparency log, a trust root.

    world = SigstoreWorld()
    root = world.write_trusted_root(tmp_path / "trusted_root.json")      # names the CA, the CT key, the log key
    bundle = world.message_bundle(digest, identity="a@example.com")      # Sigstore bundle v0.3, message signature
    bundle = world.dsse_bundle(digest, predicate_type=SLSA)              # Sigstore bundle v0.3, DSSE in-toto
    payload, annotations = world.cosign_signature(digest)                # cosign tag scheme `.sig` layer

Everything Sigstore's verifiers check is real here: the leaf certificate carries an embedded SCT signed by the CT
key, the OIDC issuer extensions (1.3.6.1.4.1.57264.1.1 and .1.8) and the identity as SAN; the log signs a signed
entry timestamp (SET) over the entry and a checkpoint over an RFC 6962 Merkle tree, with an inclusion proof. Only
the signing is done with `cryptography`; the structures (TLS-encoded SCT list, checkpoint note, Merkle tree) are
assembled here because no library builds them offline. Knobs reproduce the failure paths: `signed_at` and
`lifetime` for the certificate, `integrated_at` for the log time, `signer` for another key than the certificate's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

GITHUB_ISSUER = "https://token.actions.githubusercontent.com"
GOOGLE_ISSUER = "https://accounts.google.com"
IN_TOTO = "application/vnd.in-toto+json"
OIDC_ISSUER_V1 = ObjectIdentifier("1.3.6.1.4.1.57264.1.1")
OIDC_ISSUER_V2 = ObjectIdentifier("1.3.6.1.4.1.57264.1.8")
SCT_LIST = ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2")
EPOCH = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # "now" in the world: certificates and log times centre on it


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _spki(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _key_id(key: ec.EllipticCurvePublicKey) -> bytes:
    """RFC 6962 key ID: SHA-256 of the SubjectPublicKeyInfo (what Sigstore calls a log ID)."""
    return hashlib.sha256(_spki(key)).digest()


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _der_utf8(text: str) -> bytes:
    raw = text.encode()
    return b"\x0c" + _der_length(len(raw)) + raw


def _sign(key: ec.EllipticCurvePrivateKey, data: bytes) -> bytes:
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
            "logId": {"keyId": _b64(log_id)},
            "kindVersion": {"kind": kind, "version": "0.0.1"},
            "integratedTime": str(self.integrated_time),
            "inclusionPromise": {"signedEntryTimestamp": _b64(self.set_signature)},
            "inclusionProof": {
                "logIndex": str(self.index),
                "rootHash": _b64(self.root_hash),
                "treeSize": str(self.tree_size),
                "hashes": [_b64(h) for h in self.hashes],
                "checkpoint": {"envelope": self.checkpoint},
            },
            "canonicalizedBody": _b64(self.body),
        }


@dataclass
class TransparencyLog:
    """A Rekor stand-in: appends bodies, signs SETs and checkpoints with its key."""

    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    origin: str = "rekor.test - 1"
    leaves: list[bytes] = field(default_factory=list)

    @property
    def log_id(self) -> bytes:
        return _key_id(self.key.public_key())

    def append(self, body: bytes, integrated_at: datetime) -> LogEntry:
        index = len(self.leaves)
        self.leaves.append(_leaf_hash(body))
        integrated = int(integrated_at.timestamp())
        promise = {  # RFC 8785 canonical form of the SET payload: keys sorted, no spaces
            "body": _b64(body),
            "integratedTime": integrated,
            "logID": self.log_id.hex(),
            "logIndex": index,
        }
        canonical = json.dumps(promise, sort_keys=True, separators=(",", ":")).encode()
        root = _tree_hash(self.leaves)
        note = f"{self.origin}\n{len(self.leaves)}\n{_b64(root)}\n"
        signature = self.log_id[:4] + _sign(self.key, note.encode())
        checkpoint = f"{note}\n\u2014 {self.origin.split()[0]} {_b64(signature)}\n"
        return LogEntry(
            index=index,
            integrated_time=integrated,
            body=body,
            set_signature=_sign(self.key, canonical),
            root_hash=root,
            tree_size=len(self.leaves),
            hashes=_inclusion_path(index, self.leaves),
            checkpoint=checkpoint,
        )


def _name(common: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.ORGANIZATION_NAME, "test.invalid"), x509.NameAttribute(NameOID.COMMON_NAME, common)]
    )


@dataclass
class Signer:
    """A short-lived key and the certificate the CA issued for it."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


class SigstoreWorld:
    """A Fulcio-like CA (root and intermediate), a CT log key, a transparency log, and their trust root."""

    def __init__(self, *, now: datetime = EPOCH) -> None:
        self.now = now
        self.root_key = ec.generate_private_key(ec.SECP384R1())
        self.intermediate_key = ec.generate_private_key(ec.SECP384R1())
        self.ct_key = ec.generate_private_key(ec.SECP256R1())
        self.log = TransparencyLog()
        start, end = now - timedelta(days=365), now + timedelta(days=365)
        self.root = self._ca(_name("test-fulcio-root"), self.root_key, self.root_key, None, start, end)
        self.intermediate = self._ca(
            _name("test-fulcio-intermediate"), self.intermediate_key, self.root_key, self.root, start, end
        )

    # -- the CA -----------------------------------------------------------------------------------------------
    def _ca(
        self,
        subject: x509.Name,
        key: ec.EllipticCurvePrivateKey,
        issuer_key: ec.EllipticCurvePrivateKey,
        issuer: x509.Certificate | None,
        start: datetime,
        end: datetime,
    ) -> x509.Certificate:
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer.subject if issuer else subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
        )
        return builder.sign(issuer_key, hashes.SHA384())

    def issue(
        self,
        identity: str = "releaser@example.com",
        issuer: str = GOOGLE_ISSUER,
        *,
        signed_at: datetime | None = None,
        lifetime: timedelta = timedelta(minutes=10),
        with_sct: bool = True,
        curve: ec.EllipticCurve | None = None,
    ) -> Signer:
        """A Fulcio-style leaf: empty subject, critical SAN (email, or URI for a URL identity), issuer extensions."""
        key = ec.generate_private_key(curve or ec.SECP256R1())
        start = signed_at or self.now
        san: x509.GeneralName = (
            x509.UniformResourceIdentifier(identity) if "://" in identity else x509.RFC822Name(identity)
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([]))
            .issuer_name(self.intermediate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + lifetime)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.intermediate_key.public_key()), critical=False
            )
            .add_extension(x509.SubjectAlternativeName([san]), critical=True)
            .add_extension(x509.UnrecognizedExtension(OIDC_ISSUER_V1, issuer.encode()), critical=False)
            .add_extension(x509.UnrecognizedExtension(OIDC_ISSUER_V2, _der_utf8(issuer)), critical=False)
        )
        if with_sct:
            builder = builder.add_extension(self._sct_extension(builder, start), critical=False)
        certificate = builder.sign(self.intermediate_key, hashes.SHA384())
        return Signer(key=key, certificate=certificate)

    def _sct_extension(self, builder: x509.CertificateBuilder, when: datetime) -> x509.UnrecognizedExtension:
        """An embedded SCT (RFC 6962 section 3.2) over the precertificate: the final TBS without this extension."""
        tbs = builder.sign(self.intermediate_key, hashes.SHA384()).tbs_certificate_bytes
        timestamp = int(when.timestamp() * 1000)
        issuer_key_hash = _key_id(self.intermediate_key.public_key())
        signed = (
            struct.pack("!BBQH", 0, 0, timestamp, 1)  # v1, certificate_timestamp, time, precert_entry
            + issuer_key_hash
            + len(tbs).to_bytes(3, "big")
            + tbs
            + struct.pack("!H", 0)  # no extensions
        )
        signature = _sign(self.ct_key, signed)
        sct = (
            struct.pack("!B", 0)
            + _key_id(self.ct_key.public_key())
            + struct.pack("!QH", timestamp, 0)
            + struct.pack("!BBH", 4, 3, len(signature))  # sha256, ecdsa
            + signature
        )
        sct_list = struct.pack("!HH", len(sct) + 2, len(sct)) + sct
        return x509.UnrecognizedExtension(SCT_LIST, b"\x04" + _der_length(len(sct_list)) + sct_list)

    # -- the trust root ---------------------------------------------------------------------------------------
    def trusted_root(self) -> dict[str, Any]:
        start = (self.now - timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")

        def tlog(key: ec.EllipticCurvePrivateKey, url: str) -> dict[str, Any]:
            return {
                "baseUrl": url,
                "hashAlgorithm": "SHA2_256",
                "publicKey": {
                    "rawBytes": _b64(_spki(key.public_key())),
                    "keyDetails": "PKIX_ECDSA_P256_SHA_256",
                    "validFor": {"start": start},
                },
                "logId": {"keyId": _b64(_key_id(key.public_key()))},
            }

        chain = [self.intermediate, self.root]
        return {
            "mediaType": "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
            "tlogs": [tlog(self.log.key, "https://rekor.test.invalid")],
            "certificateAuthorities": [
                {
                    "subject": {"organization": "test.invalid", "commonName": "test-fulcio"},
                    "uri": "https://fulcio.test.invalid",
                    "certChain": {
                        "certificates": [{"rawBytes": _b64(c.public_bytes(serialization.Encoding.DER))} for c in chain]
                    },
                    "validFor": {"start": start},
                }
            ],
            "ctlogs": [tlog(self.ct_key, "https://ctfe.test.invalid")],
            "timestampAuthorities": [],
        }

    def write_trusted_root(self, path: Path) -> Path:
        path.write_text(json.dumps(self.trusted_root(), indent=2), encoding="utf-8")
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
        signature = signer.key.sign(digest, ec.ECDSA(Prehashed(hashes.SHA256())))
        body = _hashedrekord(signature, signer.pem, digest.hex())
        entry = self.log.append(body, self._logged_at(signer, integrated_at))
        return _bundle(
            signer,
            entry.bundle_json(self.log.log_id, "hashedrekord"),
            {
                "messageSignature": {
                    "messageDigest": {"algorithm": "SHA2_256", "digest": _b64(digest)},
                    "signature": _b64(signature),
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
    ) -> bytes:
        """A bundle v0.3 with a DSSE envelope around an in-toto statement naming `subject_digest` (a dsse entry)."""
        signer = self._signer(signer, identity, issuer)
        algorithm, _, hexdigest = subject_digest.partition(":")
        payload = json.dumps(
            statement
            or {
                "_type": "https://in-toto.io/Statement/v1",
                "subject": [{"name": "registry.test/app", "digest": {algorithm: hexdigest}}],
                "predicateType": predicate_type,
                "predicate": {"builder": {"id": "https://example.com/builder"}},
            }
        ).encode()
        pae = b"DSSEv1 %d %s %d %s" % (len(IN_TOTO), IN_TOTO.encode(), len(payload), payload)
        signature = _sign(signer.key, pae)
        envelope = {"payload": _b64(payload), "payloadType": IN_TOTO, "signatures": [{"sig": _b64(signature)}]}
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
                    "signatures": [{"signature": _b64(signature), "verifier": _b64(signer.pem)}],
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
    ) -> tuple[bytes, dict[str, str]]:
        """A cosign `.sig` layer: the simple-signing payload and its annotations (signature, certificate, chain,
        bundle with the SET)."""
        signer = self._signer(signer, identity, issuer)
        payload = payload or simple_signing_payload(subject_digest)
        hash_ = hashes.SHA384() if signer.key.curve.key_size == 384 else hashes.SHA256()
        signature = signer.key.sign(payload, ec.ECDSA(hash_))
        body = _hashedrekord(signature, signer.pem, hashlib.sha256(payload).hexdigest())
        entry = self.log.append(body, self._logged_at(signer, integrated_at))
        rekor_bundle = {
            "SignedEntryTimestamp": _b64(entry.set_signature),
            "Payload": {
                "body": _b64(entry.body),
                "integratedTime": entry.integrated_time,
                "logIndex": entry.index,
                "logID": self.log.log_id.hex(),
            },
        }
        chain = b"".join(c.public_bytes(serialization.Encoding.PEM) for c in (self.intermediate, self.root))
        return payload, {
            "dev.cosignproject.cosign/signature": _b64(signature),
            "dev.sigstore.cosign/certificate": signer.pem.decode(),
            "dev.sigstore.cosign/chain": chain.decode(),
            "dev.sigstore.cosign/bundle": json.dumps(rekor_bundle),
        }


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


def _hashedrekord(signature: bytes, pem: bytes, sha256_hex: str) -> bytes:
    body = {
        "apiVersion": "0.0.1",
        "kind": "hashedrekord",
        "spec": {
            "data": {"hash": {"algorithm": "sha256", "value": sha256_hex}},
            "signature": {"content": _b64(signature), "publicKey": {"content": _b64(pem)}},
        },
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _bundle(signer: Signer, tlog_entry: dict[str, Any], content: dict[str, Any]) -> bytes:
    bundle = {
        "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
        "verificationMaterial": {
            "certificate": {"rawBytes": _b64(signer.certificate.public_bytes(serialization.Encoding.DER))},
            "tlogEntries": [tlog_entry],
        },
        **content,
    }
    return json.dumps(bundle).encode()
