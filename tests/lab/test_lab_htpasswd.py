"""Every bcrypt implementation found on this machine yields htpasswd entries the real registry accepts."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from ecr_mirror.lab.challenge import basic_header
from ecr_mirror.lab.htpasswd import Method, available_methods, bcrypt_hash
from ecr_mirror.lab.registry import LocalRegistry


def test_some_bcrypt_implementation_is_available() -> None:
    assert available_methods(), "install apache2-utils (htpasswd) or the bcrypt Python package"


@pytest.mark.parametrize("method", available_methods())
def test_method_is_accepted_by_the_registry(method: Method, registry_factory: Callable[..., LocalRegistry]) -> None:
    assert bcrypt_hash("pw", method).startswith("$2")
    reg = registry_factory(htpasswd={"alice": "pw", "bob": "other"}, htpasswd_method=method)
    url = f"{reg.url}/v2/"
    assert httpx.get(url, headers={"Authorization": basic_header("alice", "pw")}).status_code == 200
    assert httpx.get(url, headers={"Authorization": basic_header("bob", "other")}).status_code == 200
    assert httpx.get(url, headers={"Authorization": basic_header("alice", "other")}).status_code == 401
