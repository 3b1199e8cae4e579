"""AWS errors told in one line: ClientError for a report (never the request, which may carry credentials), and
`explain` for the command line, which adds what the user can do about it."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    HTTPClientError,
    NoCredentialsError,
    PartialCredentialsError,
    ProfileNotFound,
    SSOError,
    TokenRetrievalError,
)
from botocore.exceptions import (
    ConnectionError as AwsConnectionError,
)

# Where boto3 looks for credentials: environment, profile (config and credentials files, SSO), then a role
# (https://boto3.amazonaws.com/v1/documentation/api/latest/guide/credentials.html).
_WHERE_CREDENTIALS = (
    "set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), run `aws configure` or `aws sso login`, "
    "or run where a role provides them"
)
_REFUSED = frozenset(
    {
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "IncompleteSignature",
        "MissingAuthenticationToken",
        "AuthFailure",
    }
)
_EXPIRED = frozenset({"ExpiredTokenException", "ExpiredToken", "RequestExpired", "TokenRefreshRequired"})
_DENIED = frozenset({"AccessDeniedException", "AccessDenied", "UnauthorizedOperation"})


def error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def aws_error(exc: ClientError) -> str:
    error = exc.response.get("Error", {})
    told = f"{error.get('Code', 'error')}: {error.get('Message', '')}".rstrip(": ")
    return " ".join(told.split())  # one line, whatever the service answered


def explain(exc: BotoCoreError | ClientError, *, region: str, needs: str) -> str:
    """What went wrong and what to do, in one line. `needs`: the IAM action the call was for."""
    if isinstance(exc, ClientError):
        code = error_code(exc)
        if code in _REFUSED:
            return f"AWS refused the credentials ({aws_error(exc)}): check AWS_PROFILE or AWS_ACCESS_KEY_ID"
        if code in _EXPIRED:
            return f"the AWS credentials have expired ({aws_error(exc)}): refresh them (e.g. `aws sso login`)"
        if code in _DENIED:
            return f"not allowed ({aws_error(exc)}): the AWS identity needs {needs}"
        return aws_error(exc)
    if isinstance(exc, NoCredentialsError):
        return f"no AWS credentials found: {_WHERE_CREDENTIALS}"
    if isinstance(exc, PartialCredentialsError):
        return f"incomplete AWS credentials ({exc}): set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
    if isinstance(exc, ProfileNotFound):
        return f"{exc}: check AWS_PROFILE and the profiles in ~/.aws/config"
    if isinstance(exc, SSOError | TokenRetrievalError):
        return f"{exc}: run `aws sso login`"
    if isinstance(exc, AwsConnectionError | HTTPClientError):
        return (
            f"cannot reach the ECR API ({exc}): check the network, the region ({region}, from the registry host) "
            "and any AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_ECR setting"
        )
    return f"{type(exc).__name__}: {exc}"
