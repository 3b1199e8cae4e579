"""What each list entry writes at the target: pins stay pinned, one content per target tag, names ECR accepts."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.imagelist import Entry, parse_image_list
from ecr_mirror.choose.naming import target_for
from ecr_mirror.choose.targets import Refused, place_entries
from ecr_mirror.errors import ReferenceError_
from ecr_mirror.oci.reference import parse_reference

D = "sha256:" + "d" * 64
E = "sha256:" + "e" * 64
TO = "r.example.com/mirror"


def test_a_tag_at_digest_pin_lands_under_the_pinned_tag_not_the_moving_one() -> None:
    target = target_for(parse_reference(f"python:3.12@{D}"), TO)
    assert target.tag is None and target.digest == D
    assert str(target) == f"r.example.com/mirror/docker-hub/library/python@{D}"


def test_a_pin_and_the_moving_tag_of_the_same_name_both_run() -> None:
    result = parse_image_list(f"python:3.12\npython:3.12@{D}\n")
    assert result.errors == [] and len(result.entries) == 2


def test_two_lines_writing_one_target_tag_from_different_sources_are_one_list_error() -> None:
    # registry.example.com and registry-example.com both map to registry-example-com/...
    result = parse_image_list("registry.example.com/x:1\nalpine:3.20\nregistry-example.com/x:1\n")
    assert [str(e.source) for e in result.entries] == ["docker.io/library/alpine:3.20"]
    (error,) = result.errors
    assert "line 1" in error.message and "line 3" in error.message
    assert "registry-example-com/x:1" in error.message


def test_the_same_tag_with_different_platform_filters_is_a_list_error_naming_both_lines() -> None:
    text = """\
images:
  - source: python
    tags: ["3.12"]
    platforms: [linux/amd64]
  - python:3.12
  - alpine:3.20
"""
    result = parse_image_list(text)
    assert [str(e.source) for e in result.entries] == ["docker.io/library/alpine:3.20"]
    (error,) = result.errors
    assert "line 2" in error.message and "line 5" in error.message and "platforms" in error.message


def test_identical_entries_are_merged_once() -> None:
    text = f"""\
images:
  - source: alpine
    tags: ["3.20"]
    platforms: [linux/aarch64]
    referrers: true
  - source: docker.io/library/alpine:3.20
    platforms: [linux/arm64]
  - python@{D}
  - python:3.12@{D}
"""
    result = parse_image_list(text)
    assert result.errors == []
    assert [(str(e.source), e.referrers) for e in result.entries] == [
        ("docker.io/library/alpine:3.20", True),  # referrers asked by either entry
        (f"docker.io/library/python@{D}", False),
    ]


def _entry(line: int, source: str, *platforms: str) -> Entry:
    return Entry(line, source, parse_reference(source), tuple(platforms))


def test_place_entries_refuses_run_time_conflicts_and_keeps_the_rest() -> None:
    """Two rules that select one tag with different filters are only known after the tags are listed."""
    entries = [
        _entry(3, "python:3.12", "linux/amd64"),
        _entry(4, "alpine:3.20"),
        _entry(7, "python:3.12", "linux/arm64"),
        _entry(9, "alpine:3.20"),
    ]
    placed = place_entries(entries, TO)
    assert [(e.line, str(t)) for e, t in placed.jobs] == [(4, "r.example.com/mirror/docker-hub/library/alpine:3.20")]
    (refused,) = placed.refused
    assert refused.target == "r.example.com/mirror/docker-hub/library/python:3.12"
    assert "line 3" in refused.reason and "line 7" in refused.reason


def test_place_entries_refuses_names_ecr_would_refuse_naming_the_line() -> None:
    long = "a" * 245  # a valid source (253 characters); mirror/quay/... is 257
    placed = place_entries([_entry(1, "alpine:3.20"), _entry(2, f"quay.io/{long}:1")], TO)
    assert [e.line for e, _ in placed.jobs] == [1]
    (refused,) = placed.refused
    assert refused.reason.startswith("line 2:") and "ECR allows 2-256" in refused.reason


def test_a_bad_destination_is_still_an_error_for_the_whole_run() -> None:
    with pytest.raises(ReferenceError_):
        place_entries([_entry(1, "alpine")], "https://x.example.com")


def test_a_conflict_names_every_line_with_its_source_and_platforms_and_is_reported_at_the_last() -> None:
    text = """\
images:
  - source: python
    tags: ["3.12"]
    platforms: [linux/amd64, linux/arm64]
  - python:3.12
  - source: docker.io/library/python
    tags: ["3.12"]
    platforms: [linux/arm64]
"""
    result = parse_image_list(text)
    assert result.entries == []
    (error,) = result.errors
    assert (error.line, error.text) == (6, "docker.io/library/python")
    assert error.message == (
        "line 2 (docker.io/library/python:3.12, platforms: linux/amd64, linux/arm64)"
        " and line 5 (docker.io/library/python:3.12, platforms: all)"
        " and line 6 (docker.io/library/python:3.12, platforms: linux/arm64)"
        " would write different content under docker-hub/library/python:3.12; none of them is copied"
    )


def test_a_placed_conflict_is_refused_under_its_first_source_and_target() -> None:
    entries = [_entry(2, "registry.example.com/x:1"), _entry(5, "registry-example.com/x:1")]
    placed = place_entries(entries, TO)
    assert placed.jobs == []
    assert placed.refused == [
        Refused(
            "registry.example.com/x:1",
            "r.example.com/mirror/registry-example-com/x:1",
            "list error: line 2 (registry.example.com/x:1, platforms: all) and line 5 (registry-example.com/x:1,"
            " platforms: all) would write different content under registry-example-com/x:1; none of them is copied",
        )
    ]


def test_a_name_ecr_refuses_is_refused_with_its_source_target_and_line() -> None:
    long = "a" * 245
    placed = place_entries([_entry(2, f"quay.io/{long}:1")], TO)
    (refused,) = placed.refused
    assert refused.source == f"quay.io/{long}:1"
    assert refused.target == f"r.example.com/mirror/quay/{long}"
    assert refused.reason == (
        f"line 2: quay.io/{long}:1: target repository 'mirror/quay/{long}' is 257 characters; ECR allows 2-256"
    )
