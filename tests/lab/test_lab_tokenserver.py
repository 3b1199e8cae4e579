"""TokenServer behaves like Docker Hub's auth.docker.io."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ecr_mirror.lab.challenge import basic_header
from ecr_mirror.lab.jwt_sign import decode_unverified
from ecr_mirror.lab.tokenserver import TokenServer, User, parse_scope


def get_token(
    server: TokenServer, *scopes: str, auth: tuple[str, str] | None = None, service: str | None = "default"
) -> httpx.Response:
    params: list[tuple[str, str | int | float | bool | None]] = []
    if service is not None:
        params.append(("service", server.service if service == "default" else service))
    params += [("scope", s) for s in scopes]
    headers = {"Authorization": basic_header(*auth)} if auth else {}
    return httpx.get(server.realm, params=params, headers=headers)


def access(response: httpx.Response) -> list[dict[str, Any]]:
    claims = decode_unverified(response.json()["token"])[1]
    result: list[dict[str, Any]] = claims["access"]
    return result


def test_anonymous_gets_pull_only(token_server: TokenServer) -> None:
    response = get_token(token_server, "repository:library/alpine:pull,push")
    assert response.status_code == 200
    body = response.json()
    assert body["token"] == body["access_token"]
    assert body["expires_in"] == 300
    assert body["issued_at"].endswith("Z")
    assert access(response) == [{"type": "repository", "name": "library/alpine", "actions": ["pull"]}]
    (record,) = token_server.requests
    assert (record.username, record.authorization) == (None, False)
    assert record.scopes == ("repository:library/alpine:pull,push",)
    assert token_server.tokens_issued == 1


def test_user_gets_pull_and_push_on_several_scopes(token_server: TokenServer) -> None:
    response = get_token(token_server, "repository:a/b:pull,push", "repository:c/d:pull", auth=("lab", "lab-secret"))
    assert access(response) == [
        {"type": "repository", "name": "a/b", "actions": ["pull", "push"]},
        {"type": "repository", "name": "c/d", "actions": ["pull"]},
    ]
    header, claims = decode_unverified(response.json()["token"])
    assert header["alg"] == "RS256" and len(header["x5c"]) == 1
    assert claims["sub"] == "lab"
    assert claims["aud"] == token_server.service and claims["iss"] == token_server.issuer
    assert claims["exp"] - claims["iat"] == 300
    assert token_server.requests[0].username == "lab" and token_server.requests[0].authorization


def test_wrong_password_is_401(token_server: TokenServer) -> None:
    response = get_token(token_server, "repository:a/b:pull", auth=("lab", "nope"))
    assert response.status_code == 401
    assert token_server.tokens_issued == 0
    assert token_server.requests[0].status == 401


def test_private_repositories_and_user_grants(token_server_factory: Callable[..., TokenServer]) -> None:
    server = token_server_factory(
        public=["library/*"],
        users={"reader": User("pw", grants={"team/*": ["pull"]}), "admin": User("pw", grants={"*": ["*"]})},
    )
    assert access(get_token(server, "repository:team/app:pull")) == []
    assert access(get_token(server, "repository:library/x:pull")) != []
    assert access(get_token(server, "repository:team/app:pull,push", auth=("reader", "pw"))) == [
        {"type": "repository", "name": "team/app", "actions": ["pull"]}
    ]
    assert access(get_token(server, "repository:team/app:pull,push,delete", auth=("admin", "pw"))) == [
        {"type": "repository", "name": "team/app", "actions": ["pull", "push", "delete"]}
    ]


def test_service_must_match(token_server: TokenServer) -> None:
    assert get_token(token_server, "repository:a:pull", service=None).status_code == 400
    assert get_token(token_server, "repository:a:pull", service="registry.docker.io").status_code == 400


def test_response_shape_options(token_server_factory: Callable[..., TokenServer]) -> None:
    server = token_server_factory(expires_in=None, response_fields=["access_token"])
    body = get_token(server, "repository:a:pull").json()
    assert set(body) == {"access_token", "issued_at"}
    claims = decode_unverified(body["access_token"])[1]
    assert claims["exp"] - claims["iat"] == 60


def test_fail_next_and_reset(token_server: TokenServer) -> None:
    token_server.fail_next(503, count=2)
    assert get_token(token_server, "repository:a:pull").status_code == 503
    assert get_token(token_server, "repository:a:pull").status_code == 503
    assert get_token(token_server, "repository:a:pull").status_code == 200
    assert token_server.tokens_issued == 1
    assert [r.status for r in token_server.requests] == [503, 503, 200]
    token_server.reset()
    assert token_server.requests == [] and token_server.tokens_issued == 0


@pytest.mark.parametrize(
    ("scope", "parsed"),
    [
        ("repository:library/alpine:pull,push", ("repository", "library/alpine", ("pull", "push"))),
        ("repository:localhost:5000/x:pull", ("repository", "localhost:5000/x", ("pull",))),
        ("registry:catalog:*", ("registry", "catalog", ("*",))),
        ("garbage", None),
    ],
)
def test_parse_scope(scope: str, parsed: tuple[str, str, tuple[str, ...]] | None) -> None:
    assert parse_scope(scope) == parsed
