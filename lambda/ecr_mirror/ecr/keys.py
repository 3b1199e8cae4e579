"""Public keys that policies keep in AWS: a KMS key's public half, or PEM text in an SSM parameter."""

from __future__ import annotations

from typing import Any

from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.errors import TrustError
from ecr_mirror.trust.policy import KeyRef


def read_aws_key(ref: KeyRef, *, kms: Any = None, ssm: Any = None) -> bytes:
    """DER from KMS GetPublicKey (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html:
    `PublicKey` is a DER-encoded X.509 SubjectPublicKeyInfo), or the PEM text of an SSM parameter."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        if ref.kind == "awskms":
            answer = (kms or boto3.client("kms")).get_public_key(KeyId=ref.location)
            return bytes(answer["PublicKey"])
        if ref.kind == "ssm":
            answer = (ssm or boto3.client("ssm")).get_parameter(Name=ref.location, WithDecryption=True)
            return str(answer["Parameter"]["Value"]).encode()
    except ClientError as exc:
        raise TrustError(f"key {ref}: {aws_error(exc)}") from exc
    except BotoCoreError as exc:
        raise TrustError(f"key {ref}: {exc}") from exc
    raise TrustError(f"key {ref}: not a key kept in AWS")
