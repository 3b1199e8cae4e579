"""LocalRegistry against the real docker-registry binary: each auth mode answers /v2/ as a real registry does."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from ecr_mirror.lab.challenge import basic_header, parse_challenge
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import Grant, TokenServer


def test_anonymous_registry_answers_v2(registry: LocalRegistry) -> None:
    response = httpx.get(f"{registry.url}/v2/")
    assert response.status_code == 200
    assert response.headers["docker-distribution-api-version"] == "registry/2.0"
    assert registry.host.startswith("127.0.0.1:")
    assert registry.auth_mode == "anonymous"
    assert registry.credentials is None


def test_basic_registry_challenges_then_accepts_credentials(basic_registry: LocalRegistry) -> None:
    url = f"{basic_registry.url}/v2/"
    first = httpx.get(url)
    assert first.status_code == 401
    scheme, params = parse_challenge(first.headers["www-authenticate"])
    assert scheme == "basic"
    assert params["realm"] == "lab-registry"
    assert httpx.get(url, headers={"Authorization": basic_header("lab", "lab-secret")}).status_code == 200
    assert httpx.get(url, headers={"Authorization": basic_header("lab", "wrong")}).status_code == 401
    assert basic_registry.credentials == ("lab", "lab-secret")


def test_token_registry_challenges_with_our_realm_and_service(
    token_registry: LocalRegistry, token_server: TokenServer
) -> None:
    response = httpx.get(f"{token_registry.url}/v2/library/alpine/manifests/latest")
    assert response.status_code == 401
    scheme, params = parse_challenge(response.headers["www-authenticate"])
    assert scheme == "bearer"
    assert params["realm"] == token_server.realm
    assert params["service"] == token_server.service
    assert params["scope"] == "repository:library/alpine:pull"


def test_minted_token_is_accepted_and_forged_ones_are_not(
    token_registry: LocalRegistry, token_server: TokenServer, token_server_factory: Callable[..., TokenServer]
) -> None:
    url = f"{token_registry.url}/v2/"
    assert httpx.get(url).status_code == 401
    good = token_server.mint([])
    assert httpx.get(url, headers={"Authorization": f"Bearer {good}"}).status_code == 200
    # Same claims, signed by a key the registry does not trust: refused, so the registry really verifies.
    stranger = token_server_factory(service=token_server.service, issuer=token_server.issuer)
    forged = stranger.mint([])
    assert httpx.get(url, headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_token_scopes_are_enforced(token_registry: LocalRegistry, token_server: TokenServer) -> None:
    desc = push_image(token_registry, "team/app", oci_image(seed="scopes"), tags=["v1"])
    manifest = f"{token_registry.url}/v2/team/app/manifests/v1"
    accept = {"Accept": desc.media_type}
    pull = token_server.mint([Grant("repository", "team/app", ("pull",))])
    other = token_server.mint([Grant("repository", "team/other", ("pull",))])
    assert httpx.get(manifest, headers={**accept, "Authorization": f"Bearer {pull}"}).status_code == 200
    assert httpx.get(manifest, headers={**accept, "Authorization": f"Bearer {other}"}).status_code == 401


def test_token_from_the_token_endpoint_pulls(token_registry: LocalRegistry, token_server: TokenServer) -> None:
    desc = push_image(token_registry, "library/hello", oci_image(seed="hello"), tags=["1"])
    answer = httpx.get(
        token_server.realm, params={"service": token_server.service, "scope": "repository:library/hello:pull"}
    ).json()
    response = httpx.get(
        f"{token_registry.url}/v2/library/hello/manifests/1",
        headers={"Authorization": f"Bearer {answer['token']}", "Accept": desc.media_type},
    )
    assert response.status_code == 200
    assert response.content == desc.manifests[-1].body


def test_es256_tokens_are_accepted(
    registry_factory: Callable[..., LocalRegistry], token_server_factory: Callable[..., TokenServer]
) -> None:
    server = token_server_factory(alg="ES256")
    reg = registry_factory(token=server)
    token = server.mint([])
    assert httpx.get(f"{reg.url}/v2/", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_exp_offset_makes_tokens_the_registry_rejects_as_expired(
    registry_factory: Callable[..., LocalRegistry], token_server_factory: Callable[..., TokenServer]
) -> None:
    server = token_server_factory(exp_offset=-400)  # past the registry's 60 s leeway
    reg = registry_factory(token=server)
    response = httpx.get(f"{reg.url}/v2/", headers={"Authorization": f"Bearer {server.mint([])}"})
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_extra_config_is_merged(registry_factory: Callable[..., LocalRegistry]) -> None:
    reg = registry_factory(extra_config={"http": {"relativeurls": True}})
    assert reg.config["http"]["addr"] == reg.host  # merged, not replaced
    response = httpx.post(f"{reg.url}/v2/some/repo/blobs/uploads/")
    assert response.status_code == 202
    assert response.headers["location"].startswith("/v2/some/repo/blobs/uploads/")
    desc = push_image(reg, "some/repo", oci_image(seed="relative"))  # the lab's push client copes too
    head = httpx.head(f"{reg.url}/v2/some/repo/manifests/latest", headers={"Accept": desc.media_type})
    assert head.headers["docker-content-digest"] == desc.digest


def test_stop_ends_the_process_and_removes_its_files(registry_binary: str) -> None:
    reg = LocalRegistry(binary=registry_binary).start()
    push_image(reg, "a/b", oci_image(seed="stop"))
    assert any(reg.storage_dir.rglob("data"))
    url, workdir = reg.url, reg.workdir
    reg.stop()
    assert not reg.running
    assert not workdir.exists()
    try:
        httpx.get(f"{url}/v2/", timeout=1)
    except httpx.TransportError:
        pass
    else:
        raise AssertionError("the registry still answers after stop()")


def test_environment_reaches_the_registry_process_and_cannot_override_its_config(
    registry_factory: Callable[..., LocalRegistry],
) -> None:
    reg = registry_factory(environment={"GOGC": "800"})
    with open(f"/proc/{reg.pid}/environ", "rb") as environ:
        variables = environ.read().split(b"\0")
    assert b"GOGC=800" in variables
    assert httpx.get(f"{reg.url}/v2/").status_code == 200
    try:
        LocalRegistry(environment={"REGISTRY_HTTP_ADDR": "0.0.0.0:5000"})
    except ValueError as exc:
        assert "REGISTRY_HTTP_ADDR" in str(exc) and "extra_config" in str(exc)
    else:
        raise AssertionError("a REGISTRY_ variable was accepted")
