"""Hostile upstreams: lying bytes, oversized or nested manifests, schema1, and URLs steering us where we must not go.

Every case must be refused with a message naming the problem, and nothing may be tagged at the target.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

import httpx
import pytest

from ecr_mirror import mediatypes
from ecr_mirror.credentials import Credentials, CredentialStore
from ecr_mirror.errors import IntegrityError, SecurityError
from ecr_mirror.lab.images import ImageDescription, oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.policy import UrlPolicy
from ecr_mirror.registry import iter_verified
from ecr_mirror.report import ImageResult, Status
from tests.support.proxy import Action, InterposingProxy, Seen

from .helpers import is_blob_get, is_manifest, job, one, run, tag_digest

MiB = 1024 * 1024


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


class Served:
    """Answers HEAD/GET of manifests in one repository with crafted bytes (tag or digest -> bytes, type)."""

    def __init__(self, repository: str) -> None:
        self.prefix = f"/v2/{repository}/manifests/"
        self.manifests: dict[str, tuple[bytes, str]] = {}

    def add(self, doc: Mapping[str, Any] | bytes, media_type: str, *tags: str) -> str:
        data = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
        digest = _digest(data)
        for ref in (digest, *tags):
            self.manifests[ref] = (data, media_type)
        return digest

    def __call__(self, seen: Seen) -> Action | None:
        if not seen.path.startswith(self.prefix) or seen.method not in ("GET", "HEAD"):
            return None
        found = self.manifests.get(seen.path.removeprefix(self.prefix))
        if found is None:
            return None
        data, media_type = found
        return Action(
            status=200, body=data, headers={"Content-Type": media_type, "Docker-Content-Digest": _digest(data)}
        )


def _descriptor(media_type: str, digest: str, size: int) -> dict[str, Any]:
    return {"mediaType": media_type, "digest": digest, "size": size}


def _image_doc(desc: ImageDescription) -> dict[str, Any]:
    doc: dict[str, Any] = desc.manifests[-1].json()
    return doc


def _nothing_tagged(target: LocalRegistry, repository: str, tag: str = "1") -> None:
    assert tag_digest(target.host, repository, tag) is None, "something was tagged at the target"


def _failed(result: ImageResult, *needles: str) -> None:
    assert result.status is Status.FAILED, result
    for needle in needles:
        assert needle in (result.error or ""), (needle, result.error)


# -- lying bytes ---------------------------------------------------------------------------------------------------


def test_blob_bytes_not_matching_their_digest_never_reach_the_target_whole(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/evil", oci_image((int(2.5 * MiB),), seed="evil-bytes"), tags=["1"])
    layer = max(desc.blobs, key=lambda b: b.size)
    source = proxy_factory(source_registry.host)
    source.rules.append(
        lambda s: Action(rewrite=lambda b: b[:-1] + bytes([b[-1] ^ 1])) if is_blob_get(s, layer.digest) else None
    )
    target = proxy_factory(target_registry.host)
    result = one(run([job(f"{source.host}/lib/evil:1", f"{target.host}/m/evil:1")]))
    _failed(result, layer.digest, "hash to")
    puts = [s for s in target.requests("PUT", "/blobs/uploads/") if layer.digest.split(":")[1] in s.path]
    assert source.requests("GET", layer.digest), "the bad blob was never fetched"
    assert all(s.received < s.declared for s in puts), "the target received every byte of an unverified blob"
    _nothing_tagged(target_registry, "m/evil")
    assert httpx.head(f"{target_registry.url}/v2/m/evil/blobs/{layer.digest}").status_code == 404


@pytest.mark.parametrize("chunks", [1, 3], ids=["one-chunk", "three-chunks"])
def test_verified_stream_never_yields_the_final_bytes_of_a_bad_blob(chunks: int) -> None:
    good = bytes(range(256)) * 1024 * chunks
    bad = good[:-1] + b"\x00"
    pieces = [bad[i : i + 256 * 1024] for i in range(0, len(bad), 256 * 1024)]

    async def source() -> AsyncIterator[bytes]:
        for piece in pieces:
            yield piece

    async def drain() -> int:
        sent = 0
        with pytest.raises(IntegrityError, match="hash to"):
            async for chunk in iter_verified(source(), _digest(good), len(good), "blob x"):
                sent += len(chunk)
        return sent

    assert asyncio.run(drain()) < len(good)


@pytest.mark.parametrize("delta", [-1, +1], ids=["descriptor-smaller", "descriptor-larger"])
def test_blob_length_differing_from_the_descriptor_is_refused(
    delta: int,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    desc = push_image(source_registry, "lib/len", oci_image((64 * 1024,), seed="len"), tags=["1"])
    doc = _image_doc(desc)
    layer = doc["layers"][0]
    layer["size"] += delta
    served = Served("lib/len")
    served.add(doc, desc.media_type, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    target = proxy_factory(target_registry.host)
    result = one(run([job(f"{source.host}/lib/len:1", f"{target.host}/m/len:1")]))
    _failed(result, layer["digest"], str(layer["size"]))
    assert not [s for s in target.requests("PUT") if s.received == s.declared and layer["digest"][7:] in s.path]
    _nothing_tagged(target_registry, "m/len")


def test_manifest_bytes_not_matching_the_requested_digest_are_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/mf", oci_image(seed="mf"), tags=["1"])
    source = proxy_factory(source_registry.host)
    source.rules.append(
        lambda s: (
            Action(rewrite=lambda b: b.replace(b'"schemaVersion":2', b'"schemaVersion": 2'))
            if is_manifest(s, "GET")
            else None
        )
    )
    result = one(run([job(f"{source.host}/lib/mf:1", f"{target_registry.host}/m/mf:1")]))
    _failed(result, "hash to", desc.digest)
    _nothing_tagged(target_registry, "m/mf")


def test_manifest_over_4_mib_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/fat", oci_image(seed="fat"), tags=["1"])
    doc = _image_doc(desc)
    doc["annotations"] = {"padding": "x" * (mediatypes.MAX_MANIFEST_BYTES + 1)}
    served = Served("lib/fat")
    served.add(doc, desc.media_type, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/fat:1", f"{target_registry.host}/m/fat:1")]))
    _failed(result, str(mediatypes.MAX_MANIFEST_BYTES), "refused")
    _nothing_tagged(target_registry, "m/fat")


def test_deeply_nested_index_is_refused_after_a_bounded_number_of_fetches(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    base = push_image(source_registry, "lib/deep", oci_image(seed="deep"), tags=["base"])
    served = Served("lib/deep")
    child = _descriptor(base.media_type, base.digest, base.manifests[-1].size)
    for level in range(40):
        doc = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": [child]}
        data = json.dumps(doc).encode()
        digest = served.add(data, mediatypes.OCI_INDEX, *(["1"] if level == 39 else []))
        child = _descriptor(mediatypes.OCI_INDEX, digest, len(data))
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/deep:1", f"{target_registry.host}/m/deep:1")]))
    _failed(result, "nests deeper than")
    assert len(source.requests("GET", "/manifests/")) <= 3
    _nothing_tagged(target_registry, "m/deep")


def test_an_index_of_indexes_fanning_out_is_cut_off_by_the_per_image_total(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    base = push_image(source_registry, "lib/fan", oci_image(seed="fan"), tags=["base"])
    served = Served("lib/fan")
    children = []
    for branch in range(3):  # 3 indexes of 5 distinct images each (same blobs, different annotations)
        images = []
        for leaf in range(5):
            doc = {**_image_doc(base), "annotations": {"leaf": f"{branch}.{leaf}"}}
            data = json.dumps(doc).encode()
            images.append(_descriptor(mediatypes.OCI_MANIFEST, served.add(data, mediatypes.OCI_MANIFEST), len(data)))
        index = json.dumps({"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": images}).encode()
        children.append(_descriptor(mediatypes.OCI_INDEX, served.add(index, mediatypes.OCI_INDEX), len(index)))
    top = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": children}
    served.add(top, mediatypes.OCI_INDEX, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/fan:1", f"{target_registry.host}/m/fan:1")], max_manifests_per_image=10))
    _failed(result, "needs more than 10 manifests")
    assert len(source.requests("GET", "/manifests/")) == 10  # 1 top + 3 indexes + 15 images would be 19
    _nothing_tagged(target_registry, "m/fan")


def test_index_listing_thousands_of_manifests_is_refused_before_fetching_them(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    served = Served("lib/wide")
    children = [
        _descriptor(mediatypes.OCI_MANIFEST, "sha256:" + hashlib.sha256(str(i).encode()).hexdigest(), 500)
        for i in range(5000)
    ]
    index = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": children}
    served.add(index, mediatypes.OCI_INDEX, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    target = proxy_factory(target_registry.host)
    result = one(run([job(f"{source.host}/lib/wide:1", f"{target.host}/m/wide:1")]))
    _failed(result, "5000 manifests", "limit")
    assert len(source.requests("GET", "/manifests/")) == 1
    assert not target.requests("PUT") and not target.requests("POST")


@pytest.mark.parametrize(
    "media_type", [mediatypes.DOCKER_SCHEMA1_SIGNED, mediatypes.DOCKER_SCHEMA1, "application/json"]
)
def test_schema1_manifest_is_refused_clearly(
    media_type: str,
    source_registry: LocalRegistry,
    target_registry: LocalRegistry,
    proxy_factory: Callable[..., InterposingProxy],
) -> None:
    schema1 = {
        "schemaVersion": 1,
        "name": "lib/old",
        "tag": "1",
        "architecture": "amd64",
        "fsLayers": [{"blobSum": "sha256:" + "a" * 64}],
        "history": [{"v1Compatibility": "{}"}],
        "signatures": [{"header": {"alg": "ES256"}, "signature": "x", "protected": "y"}],
    }
    served = Served("lib/old")
    served.add(json.dumps(schema1, indent=3).encode(), media_type, "1")
    source = proxy_factory(source_registry.host)
    source.rules.append(served)
    result = one(run([job(f"{source.host}/lib/old:1", f"{target_registry.host}/m/old:1")]))
    _failed(result, "schema1", "not mirrored")
    _nothing_tagged(target_registry, "m/old")


# -- URLs that steer us where we must not go -------------------------------------------------------------------------

BAD_URLS = {
    "plain-http-remote": ("http://registry.example.com/token", "plain HTTP"),
    "metadata-v4": ("http://169.254.169.254/latest/meta-data/", "link-local"),
    "metadata-v4-https": ("https://169.254.169.254/latest/api/token", "link-local"),
    "metadata-v6": ("https://[fd00:ec2::254]/latest/meta-data/", "link-local"),
    "metadata-decimal": ("https://2852039166/latest/meta-data/", "link-local"),
    "metadata-hex": ("https://0xa9fea9fe/latest/meta-data/", "link-local"),
    "metadata-short": ("https://169.254.43518/latest/meta-data/", "link-local"),
    "metadata-name": ("https://metadata.google.internal/computeMetadata/v1/", "metadata"),
    "ecs-task-metadata": ("http://169.254.170.2/v2/credentials/x", "link-local"),
    "file": ("file:///etc/passwd", "only http(s)"),
    "ftp": ("ftp://127.0.0.1/token", "only http(s)"),
}


def _challenge_with_realm(realm: str) -> Callable[[Seen], Action | None]:
    def rule(seen: Seen) -> Action | None:
        if "authorization" in seen.headers or not seen.path.startswith("/v2/"):
            return None
        return Action(status=401, headers={"WWW-Authenticate": f'Bearer realm="{realm}",service="hostile"'})

    return rule


@pytest.fixture(scope="module")
def steered(registry_binary: str) -> Iterator[tuple[LocalRegistry, LocalRegistry]]:
    """A source holding lib/steer:1 and an empty target, shared by the many URL-steering cases (fast)."""
    source, target = LocalRegistry(binary=registry_binary).start(), LocalRegistry(binary=registry_binary).start()
    push_image(source, "lib/steer", oci_image(seed="steer"), tags=["1"])
    yield source, target
    target.stop()
    source.stop()


@pytest.mark.parametrize("case", list(BAD_URLS), ids=list(BAD_URLS))
def test_token_realm_pointing_somewhere_forbidden_is_refused(
    case: str, steered: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    realm, reason = BAD_URLS[case]
    source_registry, target_registry = steered
    source = proxy_factory(source_registry.host)
    source.rules.append(_challenge_with_realm(realm))
    creds = CredentialStore({source.host: Credentials("hub-user", "hub-password")})
    result = one(run([job(f"{source.host}/lib/steer:1", f"{target_registry.host}/realm/{case}:1")], creds))
    _failed(result, "token realm refused", reason)
    _nothing_tagged(target_registry, f"realm/{case}")


@pytest.mark.parametrize("case", list(BAD_URLS), ids=list(BAD_URLS))
def test_blob_redirect_pointing_somewhere_forbidden_is_refused(
    case: str, steered: tuple[LocalRegistry, LocalRegistry], proxy_factory: Callable[..., InterposingProxy]
) -> None:
    location, reason = BAD_URLS[case]
    source_registry, target_registry = steered
    source = proxy_factory(source_registry.host)
    source.rules.append(lambda s: Action(status=307, headers={"Location": location}) if is_blob_get(s) else None)
    result = one(run([job(f"{source.host}/lib/steer:1", f"{target_registry.host}/redirect/{case}:1")]))
    _failed(result, "refused redirect", reason)
    _nothing_tagged(target_registry, f"redirect/{case}")
    assert tag_digest(target_registry.host, f"redirect/{case}", "1") is None


def test_endless_redirect_chain_is_cut_off(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    push_image(source_registry, "lib/circle", oci_image(seed="loop"), tags=["1"])
    source = proxy_factory(source_registry.host)

    def loop(seen: Seen) -> Action | None:
        if seen.path.startswith("/loop/"):
            return Action(status=302, headers={"Location": f"/loop/{int(seen.path.split('/')[2]) + 1}"})
        return Action(status=307, headers={"Location": "/loop/1"}) if is_blob_get(seen) else None

    source.rules.append(loop)
    result = one(run([job(f"{source.host}/lib/circle:1", f"{target_registry.host}/m/circle:1")]))
    _failed(result, "more than 5 redirects")
    assert len(source.requests("GET", "/loop/")) <= 2 * 5  # two blobs, five hops each, never retried
    _nothing_tagged(target_registry, "m/circle")


def test_upload_location_escaping_to_another_host_is_refused(
    source_registry: LocalRegistry, target_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/up", oci_image(seed="up"), tags=["1"])
    elsewhere = proxy_factory(None)
    target = proxy_factory(target_registry.host)
    target.rules.append(
        lambda s: (
            Action(status=202, headers={"Location": f"{elsewhere.url}/v2/m/up/blobs/uploads/x?_state=y"})
            if s.method == "POST"
            else None
        )
    )
    result = one(run([job(desc.reference, f"{target.host}/m/up:1")]))
    _failed(result, "upload location points at another host", "127.0.0.1")
    assert elsewhere.requests() == []
    _nothing_tagged(target_registry, "m/up")


def test_upload_post_redirected_to_another_host_never_gets_the_target_credentials(
    source_registry: LocalRegistry, basic_registry: LocalRegistry, proxy_factory: Callable[..., InterposingProxy]
) -> None:
    desc = push_image(source_registry, "lib/steal", oci_image(seed="steal"), tags=["1"])
    thief = proxy_factory(None)
    thief.rules.append(
        lambda s: (
            Action(status=202, headers={"Location": f"{thief.url}/upload/1"})
            if s.method == "POST"
            else Action(
                status=201, headers={"Docker-Content-Digest": s.path.rpartition("digest=")[2].replace("%3A", ":")}
            )
        )
    )
    target = proxy_factory(basic_registry.host)
    target.rules.append(
        lambda s: (
            Action(status=307, headers={"Location": f"{thief.url}/v2/m/steal/blobs/uploads/"})
            if s.method == "POST"
            else None
        )
    )
    user, password = basic_registry.credentials or ("", "")
    creds = CredentialStore({target.host: Credentials(user, password)})
    result = one(run([job(desc.reference, f"{target.host}/m/steal:1")], creds))
    _failed(result, "upload location points at another host")
    assert [s for s in thief.requests() if "authorization" in s.headers] == [], "credentials went to another host"
    assert thief.requests("PUT") == [], "blob bytes were uploaded to another host"
    assert tag_digest(basic_registry.host, "m/steal", "1", auth=(user, password)) is None


def test_plain_http_and_loopback_exceptions_only_under_plain_http() -> None:
    strict, lab = UrlPolicy(plain_http=False), UrlPolicy(plain_http=True)
    for url in ("http://127.0.0.1:5000/v2/", "http://localhost/token", "http://[::1]:80/v2/"):
        with pytest.raises(SecurityError, match="needs --plain-http"):
            strict.check(url, "test")
        assert lab.check(url, "test").scheme == "http"
    for url in ("http://10.0.0.5/v2/", "http://registry.example.com/v2/", "http://127.0.0.1.nip.io/v2/"):
        with pytest.raises(SecurityError, match="only for loopback"):
            lab.check(url, "test")
    assert lab.base_url("registry.example.com") == "https://registry.example.com"
    assert strict.base_url("127.0.0.1:5000") == "https://127.0.0.1:5000"
    for url in ("https://169.254.169.254/", "https://[::ffff:169.254.169.254]/", "https://2852039166/"):
        with pytest.raises(SecurityError, match="link-local"):
            lab.check(url, "test")
