"""From found references to the list: normalised, merged, private registries left out, line and rules forms."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import build_listing, familiar, lacking
from ecr_mirror.choose.discovery.render import render_lines, render_rules
from ecr_mirror.choose.imagelist import parse_image_list
from ecr_mirror.choose.naming import REGISTRY_ALIASES
from ecr_mirror.oci.reference import parse_reference

PUBLIC = frozenset(REGISTRY_ALIASES)


def test_familiar_form_round_trips_through_the_parser() -> None:
    for text, short in [
        ("docker.io/library/python:3.12", "python:3.12"),
        ("index.docker.io/bitnami/redis:7", "bitnami/redis:7"),
        ("python", "python:latest"),
        ("docker.io/library/a/b:1", "library/a/b:1"),
        ("ghcr.io/astral-sh/uv:0.5.0", "ghcr.io/astral-sh/uv:0.5.0"),
        (f"alpine@sha256:{'a' * 64}", f"alpine@sha256:{'a' * 64}"),
    ]:
        ref = parse_reference(text)
        assert familiar(ref) == short
        assert parse_reference(short) == ref


def test_spellings_of_one_image_merge_and_files_are_listed_once_each() -> None:
    found = [
        Found("python:3.12-slim", "app/Dockerfile", 1),
        Found("docker.io/library/python:3.12-slim", "compose.yaml"),
        Found("python:3.12-slim", "app/Dockerfile", 9),
        Found("ghcr.io/astral-sh/uv:0.5.0", "app/Dockerfile", 2),
    ]
    listing = build_listing(found, public=PUBLIC)
    assert render_lines(listing) == (
        "ghcr.io/astral-sh/uv:0.5.0  # app/Dockerfile\npython:3.12-slim            # app/Dockerfile, compose.yaml\n"
    )


def test_private_registries_and_the_mirror_are_left_out() -> None:
    found = [
        Found("localhost:5000/app:1", "a"),
        Found("registry.example.com/team/app:1", "a"),
        Found("123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/docker-hub/library/python:3.12", "a"),
        Found("ghcr.io/me/mirror/tool:1", "a"),
        Found("ghcr.io/other/tool:1", "a"),
        Found("alpine:3.20", "a"),
    ]
    listing = build_listing(found, public=PUBLIC, mirror="ghcr.io/me/mirror")
    assert [familiar(r) for r in listing.images] == ["alpine:3.20", "ghcr.io/other/tool:1"]
    assert sorted(familiar(r) for r in listing.left_out) == [
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/docker-hub/library/python:3.12",
        "ghcr.io/me/mirror/tool:1",
        "localhost:5000/app:1",
        "registry.example.com/team/app:1",
    ]
    extra = build_listing(found, public=PUBLIC | {"registry.example.com"})
    assert "registry.example.com/team/app:1" in [familiar(r) for r in extra.images]


def test_unresolved_and_invalid_references_are_comments_with_their_reasons() -> None:
    found = [
        Found("${REGISTRY}/base:1", "app/Dockerfile", 3, "ARG REGISTRY has no default"),
        Found("${REGISTRY}/base:1", "b/Dockerfile", 1, "ARG REGISTRY has no default"),
        Found("Not/Valid", "compose.yaml"),
        Found("alpine:3.20", "a"),
    ]
    text = render_lines(build_listing(found, public=PUBLIC))
    lines = text.splitlines()
    assert lines[0] == "alpine:3.20  # a"
    assert (
        lines[1] == "# unresolved: ${REGISTRY}/base:1  # app/Dockerfile:3, b/Dockerfile:1: ARG REGISTRY has no default"
    )
    assert lines[2].startswith("# unresolved: Not/Valid  # compose.yaml: ") and "lower case" in lines[2]
    assert parse_image_list(text).entries[0].source == parse_reference("alpine:3.20")


def test_rules_form_groups_tags_per_repository_and_parses_back_to_the_same_images() -> None:
    digest = "sha256:" + "b" * 64
    found = [
        Found("python:3.12-slim", "Dockerfile"),
        Found("python:3.10", "compose.yaml"),
        Found(f"python:3.13@{digest}", "Dockerfile"),
        Found("ghcr.io/astral-sh/uv:0.5.0", "Dockerfile"),
        Found("${X}", "Dockerfile", 4, "ARG X has no default"),
    ]
    listing = build_listing(found, public=PUBLIC)
    text = render_rules(listing)
    assert text.startswith("images:\n")
    assert '  - source: python\n    tags: ["3.10", "3.12-slim"]  # Dockerfile, compose.yaml\n' in text
    assert "# unresolved: ${X}" in text
    parsed = parse_image_list(text)
    assert parsed.errors == []
    assert {e.source for e in parsed.entries} == set(listing.images)


def test_against_a_list_keeps_only_what_it_lacks() -> None:
    digest = "sha256:" + "c" * 64
    found = [
        Found("alpine:3.20", "a"),
        Found("docker.io/library/nginx:1.27.3", "a"),
        Found("python:3.12-slim", "a"),
        Found("python:3.9-slim", "a"),
        Found("redis:7.4", "a"),
        Found(f"postgres:16@{digest}", "a"),
        Found("ghcr.io/astral-sh/uv:0.5.0", "a"),
    ]
    rules = f"""\
images:
  - alpine
  - source: nginx
    tags: {{semver: ">=1.27 <1.28"}}
  - source: python
    tags: {{match: "*-slim", semver: ">=3.11"}}
  - source: redis
    tags: {{semver: ">=7", latest: 2}}
  - postgres@{digest}
"""
    rest = lacking(build_listing(found, public=PUBLIC), parse_image_list(rules))
    assert [familiar(r) for r in rest.images] == [
        "alpine:3.20",
        "ghcr.io/astral-sh/uv:0.5.0",
        "python:3.9-slim",
        "redis:7.4",
    ]
    assert "latest 2" in rest.notes[parse_reference("redis:7.4")]
    line_form = lacking(build_listing(found, public=PUBLIC), parse_image_list("alpine:3.20\nredis:7.4\n"))
    assert parse_reference("alpine:3.20") not in line_form.images
