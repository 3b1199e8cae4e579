"""Values a registry sends, read before use: digests by their grammar, JSON documents by their shape and depth."""

from __future__ import annotations

import pytest

from ecr_mirror.errors import IntegrityError, UnsupportedError
from ecr_mirror.oci.manifest import check_descriptor, json_document, load_json, parse_digest

DIGEST = "sha256:" + "a" * 64


@pytest.mark.parametrize(
    "value",
    [
        "../../../private/payroll/manifests/prod",
        DIGEST + "/../x",
        DIGEST + "?n=1",
        DIGEST.upper(),
        "sha256:" + "a" * 63,
        "md5:" + "a" * 32,
        " " + DIGEST,
        DIGEST + "\r\n",
        "",
    ],
)
def test_a_value_outside_the_digest_grammar_is_refused_naming_it(value: str) -> None:
    with pytest.raises(IntegrityError, match="HEAD x: Docker-Content-Digest") as caught:
        parse_digest(value, "HEAD x: Docker-Content-Digest")
    assert "not a digest" in str(caught.value)


def test_digests_and_absence_pass() -> None:
    assert parse_digest(DIGEST, "x") == DIGEST
    assert parse_digest("sha512:" + "b" * 128, "x") == "sha512:" + "b" * 128
    assert parse_digest(None, "x") is None


def test_a_refused_value_is_quoted_short() -> None:
    with pytest.raises(IntegrityError) as caught:
        parse_digest("x" * 100_000, "what")
    assert len(str(caught.value)) < 400


@pytest.mark.parametrize(
    ("value", "quoted"),
    [("x" * 200, "x" * 200), ("x" * 200 + "y" * 50, "x" * 200 + "...")],
)
def test_a_refused_value_is_quoted_whole_up_to_200_characters_then_cut_there(value: str, quoted: str) -> None:
    with pytest.raises(IntegrityError) as caught:
        parse_digest(value, "what")
    assert str(caught.value) == f"what: {quoted!r} is not a digest (sha256:<64 hex> or sha512:<128 hex>); refused"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply"),
        (b"\xff\xfe{", "not JSON"),
        (b"{", "not JSON"),
        (b"[1, 2]", "not a JSON object (a JSON list instead)"),
        (b'"manifest"', "not a JSON object (a JSON str instead)"),
    ],
)
def test_a_document_that_is_not_a_json_object_is_refused_naming_it(data: bytes, needle: str) -> None:
    with pytest.raises(UnsupportedError, match="manifest m") as caught:
        json_document(data, "manifest m")
    assert needle in str(caught.value)


def test_any_json_passes_load_json() -> None:
    assert load_json(b"[1]", "x") == [1]
    assert json_document(b'{"layers": []}', "x") == {"layers": []}


@pytest.mark.parametrize("size", [-1, "12", True, None])
def test_a_descriptor_with_a_size_that_is_no_count_of_bytes_is_refused_naming_it(size: object) -> None:
    desc = {"digest": DIGEST, "size": size, "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip"}
    with pytest.raises(UnsupportedError) as caught:
        check_descriptor(desc, "manifest m")
    assert str(caught.value) == f"manifest m: descriptor {DIGEST} has an invalid size {size!r}"


@pytest.mark.parametrize("digest", ["sha512:" + "a" * 128, "sha256:" + "A" * 64, "sha256:abc", 7, None])
def test_a_descriptor_whose_digest_is_no_sha256_digest_is_refused_naming_it(digest: object) -> None:
    desc = {"digest": digest, "size": 12, "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip"}
    with pytest.raises(UnsupportedError) as caught:
        check_descriptor(desc, "manifest m")
    assert str(caught.value) == f"manifest m: descriptor digest {digest!r} is not sha256:<64 hex>"
