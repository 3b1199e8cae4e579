"""An image named `placeholder` (`ARG RUNTIME_IMAGE=placeholder` then `FROM ${RUNTIME_IMAGE}`) is a value the
build is given instead (`--build-arg RUNTIME_IMAGE=...`), not an image: unresolved with the reason."""

from __future__ import annotations

from ecr_mirror.choose.discovery.dockerfile import dockerfile_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import build_listing, familiar
from ecr_mirror.choose.naming import REGISTRY_ALIASES

PUBLIC = frozenset(REGISTRY_ALIASES)

DOCKERFILE = """\
# The image ARGs have to be at the top for the FROM lines to validate
ARG BUILD_IMAGE=placeholder
ARG RUNTIME_IMAGE=Placeholder
FROM ${BUILD_IMAGE} AS builder
RUN make build
FROM ${RUNTIME_IMAGE}
COPY --from=builder /out/app /bin/app
FROM acme/placeholder:1.0 AS named-so
FROM placeholder-service:2
"""


def test_an_image_named_placeholder_is_unresolved_and_others_listed() -> None:
    # `placeholder-service` stays bare (the rule is about the bare word, not a name that starts with it); named
    # public, since a bare name no official image has is left out otherwise (docker_official.py)
    public = PUBLIC | {"docker.io/library/placeholder-service"}
    listing = build_listing(dockerfile_images(DOCKERFILE, "Dockerfile"), public=public)
    assert [familiar(ref) for ref in listing.images] == ["acme/placeholder:1.0", "placeholder-service:2"]
    why = "`placeholder` names no image: a value the build or deployment is given in its place"
    assert listing.unresolved == {("placeholder", why): {"Dockerfile:4"}, ("Placeholder", why): {"Dockerfile:6"}}


def test_placeholder_with_any_tag_names_no_image() -> None:
    # Docker Hub's library has no `placeholder` image at any tag: `repository: placeholder` / `tag: placeholder`
    # in a chart's values, which the deployer replaces, is no more an image than `placeholder` alone
    found = [Found("placeholder:placeholder", "chart/values.yaml", 4, use="image")]
    found += [Found("docker.io/library/placeholder:1.0", "chart/values.yaml", 5, use="image")]
    found += [Found("placeholder@sha256:" + "a" * 64, "chart/values.yaml", 6, use="image")]
    found += [Found("acme/placeholder:placeholder", "chart/values.yaml", 7, use="image")]
    listing = build_listing(found, public=PUBLIC)
    assert [familiar(ref) for ref in listing.images] == ["acme/placeholder:placeholder"]
    assert {text for text, _ in listing.unresolved} == {
        "placeholder:placeholder",
        "docker.io/library/placeholder:1.0",
        "placeholder@sha256:" + "a" * 64,
    }
