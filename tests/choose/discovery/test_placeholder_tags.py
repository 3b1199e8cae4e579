"""A tag written as an all-caps name with an underscore (`app:APP_VERSION`) is a placeholder a deployment step fills
in (`sed -i "s/APP_VERSION/${version}/"`), not a tag: unresolved with the reason, never listed."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import build_listing, classify, familiar
from ecr_mirror.choose.naming import REGISTRY_ALIASES

PUBLIC = frozenset(REGISTRY_ALIASES)


def test_an_all_caps_tag_with_an_underscore_is_a_placeholder() -> None:
    verdict = classify(Found("ghcr.io/acme/server:SERVER_VERSION", "deploy/aws/compose.yml", 9), public=PUBLIC)
    assert verdict.status == "unresolved"
    assert verdict.reason == (
        "SERVER_VERSION is a placeholder a deployment step fills in (an all-caps name with an underscore), not a tag"
    )


def test_real_tags_with_capitals_stay_listed() -> None:
    found = [
        Found(text, "compose.yml", line)
        for line, text in enumerate(
            ["minio/minio:RELEASE.2024-01-16T16-07-38Z", "acme/jdk:JDK_17", "acme/app:LATEST", "acme/app:v1_2"], 1
        )
    ]
    listing = build_listing([*found, Found("ghcr.io/acme/server:SERVER_VERSION", "c.yml", 1)], public=PUBLIC)
    assert [familiar(ref) for ref in listing.images] == [
        "acme/app:LATEST",
        "acme/app:v1_2",
        "acme/jdk:JDK_17",
        "minio/minio:RELEASE.2024-01-16T16-07-38Z",
    ]
    assert list(listing.unresolved) == [
        (
            "ghcr.io/acme/server:SERVER_VERSION",
            "SERVER_VERSION is a placeholder a deployment step fills in (an all-caps name with an underscore), "
            "not a tag",
        )
    ]


def test_a_tag_of_only_xs_is_a_placeholder() -> None:
    """docker-library/hello-world's `Dockerfile-windows.template` says `FROM mcr.microsoft.com/windows/nanoserver:XXX`;
    its `update.sh` copies it beside each Windows variant and replaces the whole FROM line with `sed`: `XXX`, the
    writer's conventional filler, is no tag. A tag holding more (`XXL`, `v1-xxx`) is a tag."""
    verdict = classify(
        Found("mcr.microsoft.com/windows/nanoserver:XXX", "Dockerfile-windows.template", 1), public=PUBLIC
    )
    assert verdict.status == "unresolved"
    assert verdict.reason == "XXX is a placeholder a script fills in (a tag of only X's), not a tag"
    assert classify(Found("acme/shirt:XXL", "compose.yml", 1), public=PUBLIC).status == "public"
    assert classify(Found("acme/app:v1-xxx", "compose.yml", 1), public=PUBLIC).status == "public"
