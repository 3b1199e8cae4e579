"""Request counting from docker-registry's own access log."""

from __future__ import annotations

import httpx
import pytest

from ecr_mirror.lab.accesslog import classify, parse_line
from ecr_mirror.lab.images import oci_image
from ecr_mirror.lab.push import push_image
from ecr_mirror.lab.registry import LocalRegistry
from ecr_mirror.lab.samples import Seeded
from ecr_mirror.oci import mediatypes as mt


def test_head_and_get_of_a_manifest_are_counted(seeded_registry: Seeded) -> None:
    reg = seeded_registry.registry
    assert reg.request_counts() == {}
    url = f"{reg.url}/v2/library/busybox/manifests/1.36"
    with httpx.Client(headers={"Accept": mt.ACCEPT}) as client:
        assert client.head(url).status_code == 200
        assert client.get(url).status_code == 200
    counts = reg.request_counts()
    assert counts == {("HEAD", "manifest"): 1, ("GET", "manifest"): 1}
    assert [(r.method, r.repository, r.reference, r.status) for r in reg.requests()] == [
        ("HEAD", "library/busybox", "1.36", 200),
        ("GET", "library/busybox", "1.36", 200),
    ]


def test_counts_are_complete_right_after_the_response(registry: LocalRegistry) -> None:
    # The registry logs a request just after answering it; request_counts() must not miss the last one.
    with httpx.Client() as client:
        for _ in range(20):
            client.get(f"{registry.url}/v2/")
            assert registry.request_counts()[("GET", "base")] >= 1
    assert registry.request_counts()[("GET", "base")] == 20


def test_reset_counts(seeded_registry: Seeded) -> None:
    reg = seeded_registry.registry
    httpx.get(f"{reg.url}/v2/library/alpine/tags/list")
    assert reg.request_counts() == {("GET", "tags"): 1}
    reg.reset_counts()
    assert reg.request_counts() == {}


def test_push_is_counted_by_kind(registry: LocalRegistry) -> None:
    content = oci_image((1000, 2000), seed="count-push")
    push_image(registry, "x/y", content, tags=["t"])
    counts = registry.request_counts()
    blobs = len(content.blobs)  # config + 2 layers
    assert counts == {
        ("HEAD", "blob"): blobs,
        ("POST", "upload"): blobs,
        ("PUT", "upload"): blobs,
        ("PUT", "manifest"): 1,
    }


def test_unimplemented_referrers_api_is_still_counted(registry: LocalRegistry) -> None:
    digest = "sha256:" + "0" * 64
    response = httpx.get(f"{registry.url}/v2/a/b/referrers/{digest}")
    assert response.status_code == 404  # distribution 2.8 has no referrers API: a router 404, plain text
    assert registry.request_counts() == {("GET", "referrers"): 1}


def test_401_challenges_are_counted(basic_registry: LocalRegistry) -> None:
    httpx.get(f"{basic_registry.url}/v2/")
    assert [(r.method, r.kind, r.status) for r in basic_registry.requests()] == [("GET", "base", 401)]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/v2/", ("base", None, None)),
        ("/v2", ("base", None, None)),
        ("/v2/_catalog?n=10", ("catalog", None, None)),
        ("/v2/library/alpine/manifests/3.20", ("manifest", "library/alpine", "3.20")),
        ("/v2/a/b/c/manifests/sha256:ab", ("manifest", "a/b/c", "sha256:ab")),
        ("/v2/a/blobs/sha256:ab", ("blob", "a", "sha256:ab")),
        ("/v2/a/blobs/uploads/", ("upload", "a", None)),
        ("/v2/a/blobs/uploads/?mount=sha256:ab&from=b", ("upload", "a", None)),
        ("/v2/a/blobs/uploads/uuid-1?_state=xyz&digest=sha256:ab", ("upload", "a", None)),
        ("/v2/a/tags/list?n=5", ("tags", "a", None)),
        ("/v2/a/referrers/sha256:ab", ("referrers", "a", "sha256:ab")),
        ("/metrics", ("other", None, None)),
    ],
)
def test_classify(path: str, expected: tuple[str, str | None, str | None]) -> None:
    assert classify(path) == expected


def test_parse_line() -> None:
    line = '127.0.0.1 - - [29/Nov/2026:11:30:50 +0000] "HEAD /v2/foo/manifests/latest HTTP/1.1" 404 96 "" "curl/7.88.1"'
    record = parse_line(line)
    assert record is not None
    assert (record.method, record.kind, record.status, record.repository) == ("HEAD", "manifest", 404, "foo")
    assert parse_line('{"level":"info","msg":"listening on 127.0.0.1:5000"}') is None
