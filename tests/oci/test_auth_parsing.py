from __future__ import annotations

import asyncio
import base64
import json
import time
from pathlib import Path

import httpx
import pytest

from ecr_mirror.errors import AuthError, SecurityError
from ecr_mirror.oci.auth import (
    EXPIRY_MARGIN,
    Challenge,
    RegistryAuth,
    _parse_token,
    _Token,
    parse_challenges,
    scope_for,
)
from ecr_mirror.oci.credentials import Credentials, CredentialStore
from ecr_mirror.oci.policy import UrlPolicy, is_loopback
from ecr_mirror.oci.transport import Transport


def test_docker_hub_challenge() -> None:
    header = (
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",'
        'scope="repository:library/nginx:pull,push"'
    )
    (challenge,) = parse_challenges(header)
    assert challenge.scheme == "bearer"
    assert challenge.realm == "https://auth.docker.io/token"
    assert challenge.params["scope"] == "repository:library/nginx:pull,push"


def test_several_challenges_and_escapes() -> None:
    challenges = parse_challenges('Basic realm="a \\"b\\", c", Bearer realm="https://x/t",service=svc')
    assert [c.scheme for c in challenges] == ["basic", "bearer"]
    assert challenges[0].realm == 'a "b", c'
    assert challenges[1].params == {"realm": "https://x/t", "service": "svc"}


def test_ecr_basic_challenge() -> None:
    (challenge,) = parse_challenges(
        'Basic realm="https://1.dkr.ecr.us-east-1.amazonaws.com/",service="ecr.amazonaws.com"'
    )
    assert challenge.scheme == "basic" and challenge.params["service"] == "ecr.amazonaws.com"


def test_scope_joins_extra_scopes() -> None:
    assert scope_for("a/b", "pull,push", "repository:c:pull") == "repository:a/b:pull,push repository:c:pull"


def test_credentials_never_show_the_secret() -> None:
    creds = Credentials("alice", "s3cr3t-token")
    assert "s3cr3t" not in repr(creds)
    assert "s3cr3t" not in repr(CredentialStore({"docker.io": creds}))
    assert creds.basic() == "Basic " + base64.b64encode(b"alice:s3cr3t-token").decode()


def test_docker_config_and_environment(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text(
        json.dumps(
            {
                "auths": {
                    "https://index.docker.io/v1/": {"auth": base64.b64encode(b"hubuser:hubtoken").decode()},
                    "ghcr.io": {"username": "gh", "password": "ghp"},
                    "broken.example.com": {"auth": "!!!"},
                }
            }
        )
    )
    store = CredentialStore.from_environment({"REGISTRY_AUTH_FILE": str(config)})
    assert store.get("docker.io") == Credentials("hubuser", "hubtoken")
    assert store.get("registry-1.docker.io") == Credentials("hubuser", "hubtoken")
    assert store.get("ghcr.io") == Credentials("gh", "ghp")
    assert store.get("broken.example.com") is None
    env = {"REGISTRY_AUTH_FILE": str(config), "DOCKERHUB_USERNAME": "u2", "DOCKERHUB_TOKEN": "t2"}
    assert CredentialStore.from_environment(env).get("docker.io") == Credentials("u2", "t2")
    assert CredentialStore.from_environment({"DOCKER_CONFIG": str(tmp_path / "none")}).get("docker.io") is None


@pytest.mark.parametrize(
    ("url", "plain_http", "reason"),
    [
        ("http://registry.example.com/v2/", True, "loopback"),
        ("http://127.0.0.1:5000/v2/", False, "--plain-http"),
        ("https://169.254.169.254/latest/meta-data/", True, "metadata"),
        ("https://[fd00:ec2::254]/", True, "metadata"),
        ("https://[fe80::1]/", True, "link-local"),
        ("ftp://example.com/x", True, "http(s)"),
        ("file:///etc/passwd", True, "http(s)"),
    ],
)
def test_policy_refuses(url: str, plain_http: bool, reason: str) -> None:
    with pytest.raises(SecurityError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        UrlPolicy(plain_http=plain_http).check(url, "test")


def test_policy_allows_https_and_loopback_http_when_asked() -> None:
    assert UrlPolicy().check("https://registry-1.docker.io/v2/", "t").host == "registry-1.docker.io"
    assert UrlPolicy(plain_http=True).check("http://127.0.0.1:5000/v2/", "t").port == 5000
    assert UrlPolicy(plain_http=True).base_url("127.0.0.1:5000") == "http://127.0.0.1:5000"
    assert UrlPolicy(plain_http=True).base_url("registry.example.com") == "https://registry.example.com"
    assert is_loopback("localhost") and is_loopback("127.3.4.5") and is_loopback("::1")
    assert not is_loopback("10.0.0.1")


def test_transport_raises_httpcore_read_size() -> None:
    import httpcore

    from ecr_mirror.oci import transport

    assert httpcore.AsyncHTTP11Connection.READ_NUM_BYTES == transport.READ_NUM_BYTES == 1024 * 1024


@pytest.mark.parametrize(
    ("expires_in", "lifetime"),
    [
        (3000, 3000.0),
        (None, 60.0),  # absent: the token spec's 60 s
        (0, 60.0),
        (-5, 60.0),
        (True, 60.0),  # JSON true is no number of seconds
        ("300", 60.0),
        (1, 11.0),  # at least the renewal margin (10 s) and one second more
        (86400, 86400.0),
        (2 * 86400, 86400.0),  # capped at a day
        (10**400, 86400.0),
    ],
)
def test_a_token_lives_as_long_as_its_answer_says_within_bounds(expires_in: object, lifetime: float) -> None:
    answer = {"token": "tok"} if expires_in is None else {"token": "tok", "expires_in": expires_in}
    response = httpx.Response(200, content=json.dumps(answer).encode())
    before = time.monotonic()
    token = _parse_token("registry.test", response)
    after = time.monotonic()
    assert before + lifetime <= token.expires_at <= after + lifetime


@pytest.mark.parametrize("header", [None, "", "Negotiate abc", 'Digest realm="x"'])
def test_a_401_without_a_usable_challenge_is_refused_naming_the_registry_and_the_url(header: str | None) -> None:
    request = httpx.Request("GET", "https://registry.test/v2/lib/app/manifests/1")
    response = httpx.Response(401, headers={"WWW-Authenticate": header} if header is not None else {}, request=request)
    auth = RegistryAuth("registry.test", None, Transport(policy=UrlPolicy()))
    with pytest.raises(AuthError) as info:
        asyncio.run(auth.on_unauthorized(response, "repository:lib/app:pull"))
    assert str(info.value) == "registry.test answered 401 without a usable challenge"
    assert (info.value.status, info.value.url) == (401, "https://registry.test/v2/lib/app/manifests/1")


@pytest.mark.parametrize(
    "missing", [None, "credential helper docker-credential-odd (for registry.test) is not installed"]
)
def test_a_basic_challenge_without_credentials_says_a_login_is_needed_and_why_there_is_none(
    missing: str | None,
) -> None:
    request = httpx.Request("GET", "https://registry.test/v2/lib/app/manifests/1")
    response = httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="r"'}, request=request)
    auth = RegistryAuth("registry.test", None, Transport(policy=UrlPolicy()), missing=missing)
    with pytest.raises(AuthError) as info:
        asyncio.run(auth.on_unauthorized(response, "repository:lib/app:pull"))
    expected = "registry.test requires a login and no credentials are configured for it"
    assert str(info.value) == expected + (f" ({missing})" if missing else "")
    assert info.value.status == 401


def test_a_basic_challenge_to_a_request_that_carried_our_credentials_rejects_them() -> None:
    creds = Credentials("lab", "wrong")
    request = httpx.Request("GET", "https://registry.test/v2/", headers={"Authorization": creds.basic()})
    response = httpx.Response(401, headers={"WWW-Authenticate": 'Basic realm="r"'}, request=request)
    auth = RegistryAuth("registry.test", creds, Transport(policy=UrlPolicy()))
    with pytest.raises(AuthError) as info:
        asyncio.run(auth.on_unauthorized(response, "repository:lib/app:pull"))
    assert (str(info.value), info.value.status) == ("registry.test rejected the configured username or password", 401)


@pytest.mark.parametrize(("left", "sent"), [(EXPIRY_MARGIN + 0.5, True), (EXPIRY_MARGIN, False), (1.0, False)])
def test_a_token_is_sent_only_while_more_than_the_renewal_margin_is_left(
    monkeypatch: pytest.MonkeyPatch, left: float, sent: bool
) -> None:
    monkeypatch.setattr(time, "monotonic", lambda: 1000.0)
    auth = RegistryAuth("registry.test", None, Transport(policy=UrlPolicy()))
    auth.challenge = Challenge("bearer", {"realm": "https://auth.registry.test/token"})
    auth._tokens["repository:lib/app:pull"] = _Token("tok", 1000.0 + left)
    assert auth.header("repository:lib/app:pull") == ("Bearer tok" if sent else None)
    assert auth.needs_token("repository:lib/app:pull") is not sent
