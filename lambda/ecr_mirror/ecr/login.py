"""Log in to the account's ECR registry with GetAuthorizationToken (Basic credentials valid for 12 hours)."""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlsplit

from botocore.exceptions import ClientError

from ecr_mirror.ecr.aws_errors import aws_error
from ecr_mirror.errors import AuthError
from ecr_mirror.oci.credentials import Credentials


def registry_login(ecr_client: Any) -> tuple[str, Credentials]:
    """GetAuthorizationToken -> (registry host, Basic credentials `AWS:<password>`), valid for 12 hours."""
    try:
        data = ecr_client.get_authorization_token()["authorizationData"][0]
    except ClientError as exc:
        raise AuthError(f"ECR GetAuthorizationToken failed: {aws_error(exc)}", status=401) from exc
    host = urlsplit(data["proxyEndpoint"]).netloc
    try:
        user, sep, password = base64.b64decode(data["authorizationToken"]).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        sep, user, password = "", "", ""
    if not host or not sep or not user or not password:
        # Never quote the token itself: it is a credential.
        raise AuthError("ECR GetAuthorizationToken answered a token that is not base64 'user:password'", status=401)
    return host, Credentials(user, password)
