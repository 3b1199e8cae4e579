"""Minimal JWTs the way distribution's token auth verifies them (registry/auth/token in 2.8 and 3.x).

Header {"typ": "JWT", "alg": RS256|ES256, "x5c": [base64 DER of a self-signed cert]}; the registry checks the
x5c chain against its `rootcertbundle` (the same cert, written as PEM) and the signature with the cert's key.
ES256 signatures are raw r||s (32 bytes each), not DER. Only what the lab needs: no verification here.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

Algorithm = Literal["RS256", "ES256"]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class SigningIdentity:
    alg: Algorithm
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def cert_pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def x5c(self) -> list[str]:
        return [base64.b64encode(self.cert.public_bytes(serialization.Encoding.DER)).decode()]


def new_identity(alg: Algorithm = "RS256", common_name: str = "ecr-mirror-lab-token-signer") -> SigningIdentity:
    """A fresh key and a self-signed certificate valid from yesterday for a year."""
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    if alg == "RS256":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(signing_key_usage(), critical=True)
        .sign(key, hashes.SHA256())
    )
    return SigningIdentity(alg, key, cert)


def signing_key_usage() -> x509.KeyUsage:
    """Key usage of a self-signed certificate that signs: digital signatures and certificates."""
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


def _sign(identity: SigningIdentity, data: bytes) -> bytes:
    if isinstance(identity.key, rsa.RSAPrivateKey):
        return identity.key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    r, s = decode_dss_signature(identity.key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def encode(claims: Mapping[str, Any], identity: SigningIdentity) -> str:
    header = {"typ": "JWT", "alg": identity.alg, "x5c": identity.x5c}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, dict(claims))
    )
    return signing_input + "." + b64url(_sign(identity, signing_input.encode()))


def decode_unverified(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(header, claims) of a JWT, without checking anything: for test assertions."""
    head, body, _ = token.split(".")
    header: dict[str, Any] = json.loads(b64url_decode(head))
    claims: dict[str, Any] = json.loads(b64url_decode(body))
    return header, claims
