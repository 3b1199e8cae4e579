"""A registry's API URLs built without parsing (oci/urls.py) equal the parsed ones, and anything unusual is parsed."""

from __future__ import annotations

import httpx
import pytest

from ecr_mirror.oci.urls import api_url

BASES = ["https://registry-1.docker.io", "http://127.0.0.1:5000", "https://[::1]:8443", "https://Example.COM"]
PATHS = [
    "/v2/library/nginx/manifests/latest",
    "/v2/mirror/docker-hub/bench/plan/manifests/t0001",
    "/v2/a/b/manifests/sha256:" + "0" * 64,
    "/v2/a/blobs/uploads/",
    "/v2/a_b/c-d/tags/list",
    "/v2/a/manifests/v1.2.3",
    "/v2/",
    # Parsed the general way: quoting, dot segments, a query.
    "/v2/a b/manifests/x",
    "/v2/a/../b/manifests/x",
    "/v2/./a/manifests/x",
    "/v2/a/manifests/x?n=1",
    "/v2/a/manifests/caf\u00e9",
    "/v2/a/%2e%2e/x",
    "/v2/a/manifests/x#frag",
]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", PATHS)
def test_an_api_url_equals_the_parsed_one(base: str, path: str) -> None:
    built, parsed = api_url(base, path), httpx.URL(base + path)
    assert built == parsed
    assert (str(built), built.raw_path, built.netloc, built.host, built.port, built.scheme) == (
        str(parsed),
        parsed.raw_path,
        parsed.netloc,
        parsed.host,
        parsed.port,
        parsed.scheme,
    )
    assert built.join("/other") == parsed.join("/other")
    assert built.copy_merge_params({"n": "1"}) == parsed.copy_merge_params({"n": "1"})
