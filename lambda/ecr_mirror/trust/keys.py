"""Public keys for key-based signatures, and checking a signature with one (`cryptography`; nothing by hand).

Supported as cosign writes them: ECDSA P-256 (SHA-256) and P-384 (SHA-384, or SHA-256 as older cosign signs),
RSA (PKCS#1 v1.5 or PSS, SHA-256), Ed25519. Keys come as PEM (`cosign.pub`) or DER SubjectPublicKeyInfo (what
KMS GetPublicKey returns).
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from ecr_mirror.errors import TrustError

PublicKey = ec.EllipticCurvePublicKey | rsa.RSAPublicKey | ed25519.Ed25519PublicKey
MIN_RSA_BITS = 2048
MAX_KEY_BYTES = 64 * 1024
_EC_HASHES: dict[str, tuple[hashes.HashAlgorithm, ...]] = {
    "secp256r1": (hashes.SHA256(),),
    "secp384r1": (hashes.SHA384(), hashes.SHA256()),
}


def load_public_key(data: bytes, origin: str) -> PublicKey:
    """A supported public key from PEM or DER bytes, or TrustError naming `origin` and what is wrong."""
    if len(data) > MAX_KEY_BYTES:
        raise TrustError(f"{origin}: {len(data)} bytes is too large for a public key")
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            key = serialization.load_pem_public_key(data)
        else:
            key = serialization.load_der_public_key(data)
    except (ValueError, TypeError) as exc:
        raise TrustError(f"{origin}: not a PEM or DER public key ({exc})") from exc
    if isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.name not in _EC_HASHES:
            raise TrustError(f"{origin}: ECDSA curve {key.curve.name} is not supported (use P-256 or P-384)")
        return key
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise TrustError(f"{origin}: RSA key of {key.key_size} bits; at least {MIN_RSA_BITS} are required")
        return key
    if isinstance(key, ed25519.Ed25519PublicKey):
        return key
    raise TrustError(f"{origin}: a {type(key).__name__}; supported: ECDSA P-256/P-384, RSA, Ed25519")


def verify_signature(key: PublicKey, signature: bytes, data: bytes) -> bool:
    """Whether `signature` is `key`'s signature over `data`."""
    try:
        if isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, data)
            return True
        if isinstance(key, ec.EllipticCurvePublicKey):
            return any(_ec_verifies(key, signature, data, h) for h in _EC_HASHES[key.curve.name])
        return _rsa_verifies(key, signature, data)
    except InvalidSignature:
        return False


def _ec_verifies(key: ec.EllipticCurvePublicKey, signature: bytes, data: bytes, hash_: hashes.HashAlgorithm) -> bool:
    try:
        key.verify(signature, data, ec.ECDSA(hash_))
    except InvalidSignature:
        return False
    return True


def _rsa_verifies(key: rsa.RSAPublicKey, signature: bytes, data: bytes) -> bool:
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO)
    for pad in (padding.PKCS1v15(), pss):
        try:
            key.verify(signature, data, pad, hashes.SHA256())
        except InvalidSignature:
            continue
        return True
    return False
