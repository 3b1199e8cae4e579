"""Manifests a source serves as `application/json`: the manifest's own `mediaType` decides, else its shape (an OCI
index lists `manifests`, an OCI image `layers`); the target stores the bytes under the type found. Schema1, bytes
that are not JSON and JSON of no known shape are refused, naming the problem."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from ecr_mirror.lab.images import docker_image, oci_image, oci_index
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.mirror.report import Status
from ecr_mirror.oci import mediatypes
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import failed_with, job, nothing_tagged, one, run


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _serve_as_json(proxy: InterposingProxy, repository: str, data: bytes) -> str:
    """HEAD and GET of `repository`'s tag `j` (and of its digest) answer `data` as application/json."""
    digest = _digest(data)
    paths = {f"/v2/{repository}/manifests/j", f"/v2/{repository}/manifests/{digest}"}

    def rule(seen: Seen) -> Action | None:
        if seen.path not in paths or seen.method not in ("GET", "HEAD"):
            return None
        headers = {"Content-Type": "application/json", "Docker-Content-Digest": digest}
        return Action(status=200, body=data, headers=headers)

    proxy.rules.append(rule)
    return digest


def _stored_type(registry: LocalRegistry, repository: str, reference: str) -> str:
    response = httpx.head(
        f"{registry.url}/v2/{repository}/manifests/{reference}", headers={"Accept": mediatypes.ACCEPT}
    )
    assert response.status_code == 200, response
    return response.headers["content-type"]


def _without_media_type(body: bytes) -> bytes:
    doc: dict[str, Any] = json.loads(body)
    doc.pop("mediaType", None)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("content", "strip", "expected"),
    [
        (lambda: oci_index(seed="mt-index", attestations=False), False, mediatypes.OCI_INDEX),
        (lambda: docker_image(seed="mt-docker"), False, mediatypes.DOCKER_MANIFEST),
        (lambda: oci_image(seed="mt-oci"), True, mediatypes.OCI_MANIFEST),  # no mediaType: `layers` decides
        (lambda: oci_index(seed="mt-bare", attestations=False), True, mediatypes.OCI_INDEX),  # `manifests` decides
    ],
    ids=["index-named", "docker-named", "oci-by-layers", "index-by-manifests"],
)
def test_a_manifest_served_as_json_is_stored_under_the_type_it_is(
    content: Callable[[], Any],
    strip: bool,
    expected: str,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = push_image(source_registry, "lib/mt", content(), tags=["1"])
    top = desc.manifests[-1].body
    served = _without_media_type(top) if strip else top
    source = proxy_factory(source_registry.host)
    digest = _serve_as_json(source, "lib/mt", served)

    result = one(run([job(f"{source.host}/lib/mt:j", f"{target_registry.host}/m/mt:j")]))

    assert result.status is Status.COPIED, result
    assert result.digest == digest
    assert _stored_type(target_registry, "m/mt", "j") == expected


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        (b"<html>not a manifest</html>", ("not JSON", "'application/json'")),
        (b'{"schemaVersion": 1, "name": "lib/bad", "fsLayers": []}', ("schema1",)),
        (b'{"mediaType": "application/vnd.docker.distribution.manifest.v1+prettyjws"}', ("schema1",)),
        (b'{"schemaVersion": 2, "config": {}}', ("unknown manifest media type 'application/json'",)),
        (b"[1, 2, 3]", ("unknown manifest media type",)),
    ],
    ids=["html", "schema1-by-version", "schema1-by-type", "unknown-shape", "json-list"],
)
def test_a_json_answer_that_is_no_manifest_we_copy_is_refused(
    data: bytes,
    needles: tuple[str, ...],
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    source = proxy_factory(source_registry.host)
    _serve_as_json(source, "lib/bad", data)

    result = one(run([job(f"{source.host}/lib/bad:j", f"{target_registry.host}/m/bad:j")]))

    failed_with(result, *needles)
    nothing_tagged(target_registry, "m/bad", "j")
