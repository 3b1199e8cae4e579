from __future__ import annotations

import pytest

from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference, reference_or_none

D = "sha256:" + "a" * 64


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alpine", "docker.io/library/alpine:latest"),
        ("alpine:3.20", "docker.io/library/alpine:3.20"),
        ("docker.io/alpine", "docker.io/library/alpine:latest"),
        ("index.docker.io/library/alpine:3", "docker.io/library/alpine:3"),
        # Docker Hub under its other host names (Rails' generated Dockerfile: registry.docker.com/library/ruby)
        ("registry.docker.com/library/ruby:3.4-slim", "docker.io/library/ruby:3.4-slim"),
        ("registry-1.docker.io/bitnami/redis:7", "docker.io/bitnami/redis:7"),
        ("registry.hub.docker.com/library/node", "docker.io/library/node:latest"),
        ("bitnami/redis:7.2", "docker.io/bitnami/redis:7.2"),
        ("ghcr.io/astral-sh/uv:0.5.0", "ghcr.io/astral-sh/uv:0.5.0"),
        ("localhost/app", "localhost/app:latest"),
        ("localhost:5000/team/app:v1", "localhost:5000/team/app:v1"),
        ("127.0.0.1:5000/a/b/c:x_y-z.1", "127.0.0.1:5000/a/b/c:x_y-z.1"),
        (f"python@{D}", f"docker.io/library/python@{D}"),
        (f"python:3.12@{D}", f"docker.io/library/python:3.12@{D}"),
        ("registry.k8s.io/pause:3.9", "registry.k8s.io/pause:3.9"),
        ("a__b/c-d--e:1", "docker.io/a__b/c-d--e:1"),
        ("  alpine:3  ", "docker.io/library/alpine:3"),
    ],
)
def test_normalises_like_docker(text: str, expected: str) -> None:
    assert str(parse_reference(text)) == expected


def test_fields_and_api_host() -> None:
    ref = parse_reference(f"python:3.12@{D}")
    assert (ref.registry, ref.repository, ref.tag, ref.digest) == ("docker.io", "library/python", "3.12", D)
    assert ref.api_host == "registry-1.docker.io"
    assert ref.identifier == D
    assert parse_reference("localhost:5000/x").api_host == "localhost:5000"
    assert parse_reference("alpine").identifier == "latest"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("Alpine", "lower case"),
        ("docker.io/Library/alpine", "lower case"),
        ("alpine:", "tag"),
        ("alpine:-bad", "tag"),
        ("alpine:" + "t" * 129, "tag"),
        ("library/a..b", "component"),
        ("a..b/c", "host"),
        ("a//b", "empty path component"),
        ("alpine/", "empty path component"),
        ("alpine@sha256:123", "digest"),
        ("alpine@md5:" + "a" * 32, "digest"),
        ("https://docker.io/alpine", "scheme"),
        ("my image", "white space"),
        ("alpine:3\u00a0x", "white space"),  # a no-break space pasted from a web page
        ("library/al\u2003pine", "white space"),  # an em space
        ("alpine\x1cx", "white space"),  # str.isspace() also names the information separators
        ("al$pine", "component"),
        ("example.com/" + "a" * 250, "longer than 255"),
        ("-host.com:x/a", "host"),
    ],
)
def test_rejects_with_message_quoting_input(text: str, reason: str) -> None:
    with pytest.raises(ReferenceError_) as caught:
        parse_reference(text)
    message = str(caught.value)
    assert repr(text) in message
    assert reason in message


def test_default_tag_can_be_disabled() -> None:
    ref = parse_reference("localhost:5000/app", default_tag=None)
    assert ref.tag is None and ref.digest is None


@pytest.mark.parametrize("tag", ["café", "版本", "v1\u00b2", "x\u0660", "_ß"])
def test_tags_are_ascii_only(tag: str) -> None:
    """distribution's tag grammar is [\\w][\\w.-]{0,127} with \\w meaning ASCII [A-Za-z0-9_]."""
    with pytest.raises(ReferenceError_) as caught:
        parse_reference(f"alpine:{tag}")
    assert repr(f"alpine:{tag}") in str(caught.value)


@pytest.mark.parametrize("tag", ["_x", "A.b-C_9", "9" * 128])
def test_ascii_tags_are_kept(tag: str) -> None:
    assert parse_reference(f"alpine:{tag}").tag == tag


def test_a_new_tag_replaces_the_digest() -> None:
    pinned = parse_reference("ghcr.io/org/app:1@sha256:" + "a" * 64)
    retagged = pinned.with_tag("2")
    assert (retagged.tag, retagged.digest) == ("2", None)
    assert str(retagged) == "ghcr.io/org/app:2"


def test_with_digest_pins_the_tag_kept_and_none_unpins() -> None:
    tagged = parse_reference("r.test/lib/a:1")
    pinned = tagged.with_digest(D)
    assert (str(pinned), pinned.tag, pinned.digest) == (f"r.test/lib/a:1@{D}", "1", D)
    assert str(pinned.with_digest(None)) == "r.test/lib/a:1"
    assert str(tagged) == "r.test/lib/a:1"  # a new reference; the first one is unchanged


LOWER = "lower-case letters and digits joined by '.', '_', '__' or '-'"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("alpine 3", "contains white space"),
        ("https://r.test/a:1", "a reference has no scheme; write host/repository:tag"),
        ("r.test/", "repository name is empty"),
        ("r.test/:1", "repository name is empty"),
        ("r.test/a//b", "repository has an empty path component"),
        ("r.test/a-/b", f"repository component 'a-' must be {LOWER}"),
        ("r.test/x/a:b/c", f"repository component 'a:b' must be {LOWER}"),
        ("r.test/a:b/c", f"repository component 'a:b' must be {LOWER}"),
        ("r.test/a:b:c", f"repository component 'a:b' must be {LOWER}"),
        (f"r.test/a@b@{D}", f"digest 'b@{D}' is not sha256:<64 hex> or sha512:<128 hex>"),
    ],
)  # fmt: skip
def test_each_refusal_quotes_the_text_and_says_why(text: str, why: str) -> None:
    with pytest.raises(ReferenceError_) as refused:
        parse_reference(text)
    assert str(refused.value) == f"invalid image reference {text!r}: {why}"


def test_a_value_that_is_not_text_is_refused_as_such() -> None:
    with pytest.raises(ReferenceError_) as refused:
        parse_reference(42)  # type: ignore[arg-type]
    assert str(refused.value) == "invalid image reference 42: not a string"


def test_a_registry_hosts_case_is_kept_and_a_name_of_exactly_the_limit_is_taken() -> None:
    assert parse_reference("Registry.Example.COM/app:1").registry == "Registry.Example.COM"
    repository = "a" * (255 - len("r.test/"))
    assert parse_reference(f"r.test/{repository}").repository == repository
    with pytest.raises(ReferenceError_, match="name is longer than 255 characters"):
        parse_reference(f"r.test/{repository}b")


def test_reference_or_none_parses_or_gives_none_and_keeps_the_default_tag_rule() -> None:
    tagged = reference_or_none("redis")
    assert tagged == parse_reference("redis") and tagged is not None and tagged.tag == "latest"
    untagged = reference_or_none("redis", default_tag=None)
    assert untagged is not None and untagged.tag is None and untagged.repository == "library/redis"
    assert reference_or_none("Not A Reference") is None
    assert reference_or_none("") is None
