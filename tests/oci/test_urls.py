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


def test_a_plain_path_is_not_parsed_again_and_an_unusual_one_is(monkeypatch: pytest.MonkeyPatch) -> None:
    base = "https://registry.parse-count.test:5000"
    api_url(base, "/v2/")  # the base is parsed once and kept
    parsed: list[object] = []
    parse = httpx.URL.__init__

    def counted(self: httpx.URL, url: object = "", **kwargs: object) -> None:
        parsed.append(url)
        parse(self, url, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(httpx.URL, "__init__", counted)
    plain = api_url(base, "/v2/a/b/manifests/sha256:" + "0" * 64)
    assert parsed == []
    assert str(plain) == base + "/v2/a/b/manifests/sha256:" + "0" * 64
    quoted = api_url(base, "/v2/a b/manifests/x")
    assert parsed[:1] == [base + "/v2/a b/manifests/x"]
    assert str(quoted) == base + "/v2/a%20b/manifests/x"
