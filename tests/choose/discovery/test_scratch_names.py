"""`scratch` is Docker's reserved name for the empty base, never an image a registry serves: a FROM that the ARG
defaults make `scratch:latest` (`ARG BASE_IMAGE="scratch"`, `ARG PINNED="latest"`, `FROM ${BASE_IMAGE}:${PINNED}`)
fails unless the build passes the real base with `--build-arg`, so it is unresolved with that reason, never listed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import build_listing, familiar
from ecr_mirror.choose.naming import REGISTRY_ALIASES

PUBLIC = frozenset(REGISTRY_ALIASES)

DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG BASE_IMAGE="scratch"
ARG DB_PINNED_VERSION="latest"
FROM ${BASE_IMAGE}:${DB_PINNED_VERSION}
RUN apt-get update
FROM scratch AS empty
FROM docker.io/library/scratch:1
FROM acme/scratch:1.0
FROM scratchpad:2
"""


def test_scratch_with_a_tag_is_unresolved_and_names_like_it_listed() -> None:
    # `scratchpad` stays bare (the rule is about the bare word, not a name that starts with it); named public, since
    # a bare name no official image has is left out otherwise (docker_official.py)
    public = PUBLIC | {"docker.io/library/scratchpad"}
    listing = build_listing(dockerfile_images(DOCKERFILE, "db/Dockerfile"), public=public)
    assert [familiar(ref) for ref in listing.images] == ["acme/scratch:1.0", "docker/dockerfile:1", "scratchpad:2"]
    assert {(text, where) for (text, _), places in listing.unresolved.items() for where in places} == {
        ("scratch:latest", "db/Dockerfile:4"),
        ("docker.io/library/scratch:1", "db/Dockerfile:7"),
    }
    assert all("`scratch`" in why for _, why in listing.unresolved)


def test_scratch_from_any_reader_is_no_image() -> None:
    found = [Found("scratch", "compose.yaml", 3, use="image"), Found("Scratch:latest", "ci.yml", 5)]
    listing = build_listing(found, public=PUBLIC)
    assert listing.images == {}
    assert {text for text, _ in listing.unresolved} == {"scratch", "Scratch:latest"}
