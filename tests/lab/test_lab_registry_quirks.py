"""distribution 2.8.2 behaviours the copy engine must cope with, pinned against the real binary.

If the installed registry changes (e.g. distribution 3.x), these tell us which assumptions moved.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from ecr_mirror.lab.challenge import parse_challenge
from ecr_mirror.lab.images import docker_image, oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.tokenserver import TokenServer, User
from ecr_mirror.oci import mediatypes as mt


def test_oci_manifests_are_hidden_from_clients_that_do_not_accept_them(registry: LocalRegistry) -> None:
    desc = push_image(registry, "q/oci", oci_image(seed="q1"), tags=["t"])
    for ref in ("t", desc.digest):
        response = httpx.get(f"{registry.url}/v2/q/oci/manifests/{ref}", headers={"Accept": mt.DOCKER_MANIFEST})
        assert response.status_code == 404
        assert "accept header does not support OCI manifests" in response.text


def test_schema2_is_converted_to_schema1_without_an_accept_header(registry: LocalRegistry) -> None:
    push_image(registry, "q/docker", docker_image(seed="q2"), tags=["t"])
    response = httpx.get(f"{registry.url}/v2/q/docker/manifests/t")
    assert response.headers["content-type"] == mt.DOCKER_SCHEMA1_SIGNED


def test_missing_blobs_and_children_are_rejected(registry: LocalRegistry) -> None:
    for content in (oci_image(seed="q3"), oci_index(seed="q4")):
        response = httpx.put(
            f"{registry.url}/v2/q/missing/manifests/t",
            content=content.top.body,
            headers={"Content-Type": content.media_type},
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "MANIFEST_BLOB_UNKNOWN"


def test_manifest_content_type_must_match_its_media_type(registry: LocalRegistry) -> None:
    content = oci_image(seed="q5")
    push_image(registry, "q/ct", content, tags=["ok"])
    response = httpx.put(
        f"{registry.url}/v2/q/ct/manifests/bad", content=content.top.body, headers={"Content-Type": mt.DOCKER_MANIFEST}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "MANIFEST_INVALID"


def test_oversized_manifest_is_rejected(registry: LocalRegistry) -> None:
    body = b'{"schemaVersion":2,"mediaType":"%s","x":"%s"}' % (mt.OCI_MANIFEST.encode(), b"a" * (4 << 20))
    response = httpx.put(
        f"{registry.url}/v2/q/big/manifests/t", content=body, headers={"Content-Type": mt.OCI_MANIFEST}
    )
    assert response.status_code == 400
    assert "request body too large" in response.text


def test_cross_repository_mount(registry: LocalRegistry) -> None:
    content = oci_image(seed="q6")
    push_image(registry, "q/from", content, tags=["t"])
    layer = content.top.json()["layers"][0]["digest"]
    mounted = httpx.post(f"{registry.url}/v2/q/to/blobs/uploads/?mount={layer}&from=q/from")
    assert mounted.status_code == 201
    assert mounted.headers["docker-content-digest"] == layer
    missing = httpx.post(f"{registry.url}/v2/q/to/blobs/uploads/?mount=sha256:{'1' * 64}&from=q/from")
    assert missing.status_code == 202  # an ordinary upload session instead
    assert "_state=" in missing.headers["location"]
    single = httpx.post(f"{registry.url}/v2/q/to/blobs/uploads/?digest={layer}", content=b"x")
    assert single.status_code == 202  # no single-POST upload in 2.8


def test_mount_challenge_names_both_repositories_in_one_scope(
    token_registry: LocalRegistry, token_server: TokenServer
) -> None:
    response = httpx.post(f"{token_registry.url}/v2/a/b/blobs/uploads/?mount=sha256:{'1' * 64}&from=c/d")
    scheme, params = parse_challenge(response.headers["www-authenticate"])
    assert scheme == "bearer"
    # One parameter, space-separated; neither the scopes nor their actions come in a fixed order
    # ("repository:a/b:push,pull" happens too).
    scopes = {s.rpartition(":")[0]: sorted(s.rpartition(":")[2].split(",")) for s in params["scope"].split(" ")}
    assert scopes == {"repository:a/b": ["pull", "push"], "repository:c/d": ["pull"]}


def test_tags_list_ignores_n_and_is_unordered(registry: LocalRegistry) -> None:
    push_image(registry, "q/tags", oci_image(seed="q7"), tags=["t1", "t2", "t3"])
    response = httpx.get(f"{registry.url}/v2/q/tags/tags/list?n=2")
    assert sorted(response.json()["tags"]) == ["t1", "t2", "t3"]
    assert "link" not in response.headers


def test_catalog_needs_a_registry_scope(
    registry_factory: Callable[..., LocalRegistry], token_server_factory: Callable[..., TokenServer]
) -> None:
    server = token_server_factory(users={"admin": User("pw", grants={"*": ["*"]}), "lab": "pw"})
    reg = registry_factory(token=server)
    challenge = httpx.get(f"{reg.url}/v2/_catalog")
    assert parse_challenge(challenge.headers["www-authenticate"])[1]["scope"] == "registry:catalog:*"
    for user, status in (("admin", 200), ("lab", 401)):
        token = httpx.get(
            server.realm, params={"service": server.service, "scope": "registry:catalog:*"}, auth=(user, "pw")
        ).json()["token"]
        response = httpx.get(f"{reg.url}/v2/_catalog", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == status
