"""A Fulcio stand-in for tests/support/sigstore_world.py: a root and an intermediate CA issuing short-lived
code-signing certificates for an OIDC identity, with an embedded SCT from a CT log key.

The leaf carries what Sigstore's verifiers check: empty subject, critical SAN (the identity), the OIDC issuer
extensions (1.3.6.1.4.1.57264.1.1 and .1.8), code-signing EKU, and one precertificate SCT (RFC 6962 section 3.2)
signed by the CT key; the TLS-encoded SCT list is assembled here (no library builds one).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

from tests.support.sigstore_log import key_id, sign

GOOGLE_ISSUER = "https://accounts.google.com"
OIDC_ISSUER_V1 = ObjectIdentifier("1.3.6.1.4.1.57264.1.1")
OIDC_ISSUER_V2 = ObjectIdentifier("1.3.6.1.4.1.57264.1.8")
SCT_LIST = ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2")


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _der_utf8(text: str) -> bytes:
    raw = text.encode()
    return b"\x0c" + _der_length(len(raw)) + raw


def _name(common: str) -> x509.Name:
    return x509.Name(
        [x509.NameAttribute(NameOID.ORGANIZATION_NAME, "test.invalid"), x509.NameAttribute(NameOID.COMMON_NAME, common)]
    )


SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey | ed448.Ed448PrivateKey


@dataclass
class Signer:
    """A short-lived key and the certificate the CA issued for it (ECDSA as Fulcio's usual; RSA and Ed25519 too)."""

    key: SigningKey
    certificate: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


class FulcioCA:
    """A root and an intermediate CA (P-384) and a CT log key (P-256), valid a year either side of `now`."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.root_key = ec.generate_private_key(ec.SECP384R1())
        self.intermediate_key = ec.generate_private_key(ec.SECP384R1())
        self.ct_key = ec.generate_private_key(ec.SECP256R1())
        start, end = now - timedelta(days=365), now + timedelta(days=365)
        self.root = self._ca(_name("test-fulcio-root"), self.root_key, self.root_key, None, start, end)
        self.intermediate = self._ca(
            _name("test-fulcio-intermediate"), self.intermediate_key, self.root_key, self.root, start, end
        )

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
        key: SigningKey | None = None,
        digital_signature: bool = True,
        usages: Sequence[ObjectIdentifier] | None = (ExtendedKeyUsageOID.CODE_SIGNING,),
        issuer_extensions: Sequence[ObjectIdentifier] = (OIDC_ISSUER_V1, OIDC_ISSUER_V2),
        names: Sequence[x509.GeneralName] | None = None,
    ) -> Signer:
        """A Fulcio-style leaf: empty subject, critical SAN (email, or URI for a URL identity), issuer extensions.
        The knobs make leaves Fulcio would not issue: no digitalSignature key usage, other extended key usages
        (None: no such extension), only one of the two issuer extensions, other SAN entries (`names`)."""
        key = key or ec.generate_private_key(curve or ec.SECP256R1())
        start = signed_at or self.now
        san: x509.GeneralName = (
            x509.UniformResourceIdentifier(identity) if "://" in identity else x509.RFC822Name(identity)
        )
        encoders = {OIDC_ISSUER_V1: issuer.encode(), OIDC_ISSUER_V2: _der_utf8(issuer)}
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
                    digital_signature=digital_signature,
                    content_commitment=not digital_signature,  # a key usage needs one bit set
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
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.intermediate_key.public_key()), critical=False
            )
            .add_extension(x509.SubjectAlternativeName(list(names or [san])), critical=True)
        )
        if usages is not None:
            builder = builder.add_extension(x509.ExtendedKeyUsage(list(usages)), critical=False)
        for oid in issuer_extensions:
            builder = builder.add_extension(x509.UnrecognizedExtension(oid, encoders[oid]), critical=False)
        if with_sct:
            builder = builder.add_extension(self._sct_extension(builder, start), critical=False)
        certificate = builder.sign(self.intermediate_key, hashes.SHA384())
        return Signer(key=key, certificate=certificate)

    def _sct_extension(self, builder: x509.CertificateBuilder, when: datetime) -> x509.UnrecognizedExtension:
        """An embedded SCT (RFC 6962 section 3.2) over the precertificate: the final TBS without this extension."""
        tbs = builder.sign(self.intermediate_key, hashes.SHA384()).tbs_certificate_bytes
        timestamp = int(when.timestamp() * 1000)
        issuer_key_hash = key_id(self.intermediate_key.public_key())
        signed = (
            struct.pack("!BBQH", 0, 0, timestamp, 1)  # v1, certificate_timestamp, time, precert_entry
            + issuer_key_hash
            + len(tbs).to_bytes(3, "big")
            + tbs
            + struct.pack("!H", 0)  # no extensions
        )
        signature = sign(self.ct_key, signed)
        sct = (
            struct.pack("!B", 0)
            + key_id(self.ct_key.public_key())
            + struct.pack("!QH", timestamp, 0)
            + struct.pack("!BBH", 4, 3, len(signature))  # sha256, ecdsa
            + signature
        )
        sct_list = struct.pack("!HH", len(sct) + 2, len(sct)) + sct
        return x509.UnrecognizedExtension(SCT_LIST, b"\x04" + _der_length(len(sct_list)) + sct_list)
