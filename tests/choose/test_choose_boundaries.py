"""Boundaries of naming and of the plain image list that mutation testing found unpinned (docs/mutation.md)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.imagelist import MAX_LINE_CHARS, MAX_LIST_BYTES, parse_image_list
from ecr_mirror.choose.naming import (
    ecr_name_problem,
    registry_alias,
    split_destination,
    target_for,
    target_repository,
    written_tag,
)
from ecr_mirror.errors import ConfigError, ReferenceError_
from ecr_mirror.oci.reference import parse_reference

D = "sha256:" + "c" * 64


@pytest.mark.parametrize(("length", "ok"), [(1, False), (2, True), (256, True), (257, False)])
def test_ecr_repository_names_are_2_to_256_characters(length: int, ok: bool) -> None:
    problem = ecr_name_problem("a" * length)
    assert (problem is None) == ok
    if not ok:
        assert problem == f"target repository {'a' * length!r} is {length} characters; ECR allows 2-256"


def test_a_name_ecr_refuses_is_explained() -> None:
    assert ecr_name_problem("Team/App") == (
        "target repository 'Team/App' is not a name ECR accepts: lower-case letters and digits "
        "joined by '.', '_', '__' or '-', in '/'-separated parts"
    )


def test_written_tags() -> None:
    assert written_tag(parse_reference(f"alpine@{D}")) == "pinned-sha256-" + "c" * 64
    assert written_tag(parse_reference("alpine:3.20")) == "3.20"
    assert written_tag(parse_reference("alpine", default_tag=None)) == "latest"


@pytest.mark.parametrize(
    ("registry", "alias"),
    [("-My_Registry.example.com:5000-", "my-registry-example-com-5000"), ("__", "registry"), ("ghcr.io", "ghcr")],
)
def test_registry_aliases(registry: str, alias: str) -> None:
    assert registry_alias(registry) == alias


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("localhost/m", ("localhost", "m")),
        ("registry:5000", ("registry:5000", "")),
        ("r.example.com/a/b//", ("r.example.com", "a/b")),
    ],
)
def test_destinations(to: str, expected: tuple[str, str]) -> None:
    assert split_destination(to) == expected


@pytest.mark.parametrize("to", ["registry", "LOCALHOST", "https://r.example.com", ""])
def test_a_destination_without_a_registry_host_is_refused(to: str) -> None:
    with pytest.raises(ReferenceError_, match="invalid destination"):
        split_destination(to)


def test_the_prefix_is_trimmed_of_slashes_and_a_bare_name_gets_latest() -> None:
    alpine = parse_reference("alpine", default_tag=None)
    assert str(target_for(alpine, "r.example.com/m/")) == "r.example.com/m/docker-hub/library/alpine:latest"
    assert target_repository(alpine, "/m/") == "m/docker-hub/library/alpine"
    assert target_repository(alpine) == "docker-hub/library/alpine"


def test_a_list_of_exactly_the_size_limit_is_read_and_one_byte_more_is_refused() -> None:
    line = b"alpine:3.20\n"
    at_limit = line + b"#" * (MAX_LIST_BYTES - len(line))
    assert [str(e.source) for e in parse_image_list(at_limit).entries] == ["docker.io/library/alpine:3.20"]
    assert [str(e.source) for e in parse_image_list(at_limit.decode()).entries] == ["docker.io/library/alpine:3.20"]
    with pytest.raises(ConfigError, match=f"the list is {MAX_LIST_BYTES + 1} bytes; the limit is {MAX_LIST_BYTES}"):
        parse_image_list(at_limit + b"#", origin="the list")
    with pytest.raises(ConfigError, match=f"the list is larger than {MAX_LIST_BYTES} bytes"):
        parse_image_list((at_limit + b"#").decode(), origin="the list")


def test_a_line_of_exactly_the_limit_is_parsed_a_longer_one_reported_and_the_list_goes_on() -> None:
    at_limit = "r.example.com/" + "a" * (MAX_LINE_CHARS - len("r.example.com/"))  # too long a name for a reference
    too_long = at_limit + "a"
    parsed = parse_image_list(f"{too_long}\n{at_limit}\nalpine:3.20 # a comment # with a hash\n")
    entries = [(e.line, e.text, str(e.source)) for e in parsed.entries]
    assert entries == [(3, "alpine:3.20", "docker.io/library/alpine:3.20")]
    first, second = parsed.errors
    assert (first.line, first.text, first.message) == (1, too_long[:80] + "...", f"line longer than {MAX_LINE_CHARS}")
    assert (second.line, second.text) == (2, at_limit)
    assert "line longer" not in second.message


def test_an_upper_case_host_keeps_its_last_letters() -> None:
    assert split_destination("REGISTRY.BOX/") == ("REGISTRY.BOX", "")


def test_errors_name_the_list_they_come_from() -> None:
    with pytest.raises(ConfigError, match=r"^image list contains NUL bytes"):
        parse_image_list("alpine\x00")
    with pytest.raises(ConfigError, match=r"^the list is not valid YAML"):
        parse_image_list("images: [alpine", origin="the list")
    with pytest.raises(ConfigError, match=r"^the list: 'images' must be a list"):
        parse_image_list("images: alpine", origin="the list")


def test_rules_form_entries_and_errors_keep_their_text() -> None:
    parsed = parse_image_list("images:\n  - alpine:3.20\n  - source: Bad\n")
    assert [(e.line, e.text) for e in parsed.entries] == [(2, "alpine:3.20")]
    assert [(e.line, e.text) for e in parsed.errors] == [(3, "images[1]")]
