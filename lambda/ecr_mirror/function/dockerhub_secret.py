"""Docker Hub credentials from a Secrets Manager secret (the pull-through-cache shape: username + accessToken).

Error messages name the secret and the missing key, never the value.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from ecr_mirror.errors import ConfigError
from ecr_mirror.oci.credentials import Credentials

USERNAME_KEY = "username"
TOKEN_KEY = "accessToken"  # noqa: S105 - a JSON key name, not a password


def docker_hub_credentials(secrets_client: Any, secret_id: str) -> Credentials:
    """Read `secret_id` (name or ARN): a JSON object with `username` and `accessToken`."""
    what = f"Docker Hub secret {secret_id!r}"
    try:
        answer = secrets_client.get_secret_value(SecretId=secret_id)
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise ConfigError(f"cannot read the {what}: {error.get('Code', 'error')}: {error.get('Message', '')}") from exc
    text = answer.get("SecretString")
    if not isinstance(text, str):
        raise ConfigError(f"the {what} holds binary data; store JSON {{{USERNAME_KEY!r}: ..., {TOKEN_KEY!r}: ...}}")
    try:
        data = json.loads(text)
    except ValueError:
        raise ConfigError(f"the {what} is not JSON; store {{{USERNAME_KEY!r}: ..., {TOKEN_KEY!r}: ...}}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"the {what} is not a JSON object with keys {USERNAME_KEY!r} and {TOKEN_KEY!r}")
    missing = [k for k in (USERNAME_KEY, TOKEN_KEY) if not isinstance(data.get(k), str) or not data[k]]
    if missing:
        raise ConfigError(f"the {what} lacks non-empty string key(s) {', '.join(map(repr, missing))}")
    return Credentials(data[USERNAME_KEY], data[TOKEN_KEY])
