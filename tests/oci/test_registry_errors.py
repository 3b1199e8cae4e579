"""A registry's error answer becomes an error naming the request, the status, the spec's codes and the registry's
own words; a body that is not the spec's shape leaves the status and reason to speak."""

from __future__ import annotations

import json

import httpx
import pytest

from ecr_mirror.errors import AuthError, RegistryError
from ecr_mirror.oci.responses import registry_error

URL = "https://registry.test/v2/lib/app/manifests/1?token=secret"


def _error(status: int, body: object, **headers: str) -> RegistryError:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = httpx.Response(status, content=content, headers=headers, request=httpx.Request("GET", URL))
    return registry_error(response, "GET manifest registry.test/lib/app:1")


def test_codes_and_messages_are_named_and_an_entry_without_a_code_adds_none() -> None:
    body = {"errors": [{"message": "first"}, {"code": "DENIED", "message": "second"}, {"code": "UNKNOWN"}]}
    error = _error(403, body, **{"Retry-After": "7"})
    assert isinstance(error, AuthError)
    assert str(error) == "GET manifest registry.test/lib/app:1: HTTP 403 DENIED/UNKNOWN (first; second)"
    assert (error.status, error.codes, error.retry_after) == (403, ["DENIED", "UNKNOWN"], 7.0)
    assert error.url == "https://registry.test/v2/lib/app/manifests/1"  # the query may hold a credential


@pytest.mark.parametrize("body", [b"", b"<html>busy</html>", b"[1]", b'{"errors": "none"}', b'{"errors": [5]}'])
def test_a_body_not_in_the_spec_s_shape_leaves_the_status_and_reason(body: bytes) -> None:
    error = _error(503, body)
    assert type(error) is RegistryError
    assert str(error) == "GET manifest registry.test/lib/app:1: HTTP 503 (Service Unavailable)"
    assert (error.status, error.codes, error.retry_after) == (503, [], None)


@pytest.mark.parametrize(("status", "kind"), [(401, AuthError), (403, AuthError), (402, RegistryError)])
def test_an_unauthorised_or_forbidden_answer_is_an_auth_error(status: int, kind: type[RegistryError]) -> None:
    assert type(_error(status, {"errors": [{"code": "DENIED", "message": "no"}]})) is kind
