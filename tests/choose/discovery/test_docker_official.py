"""Docker Hub's official images: the only names of its `library/` namespace (docker_official.py), and the listing's
verdict on a bare name that is none of them (left out, unless the caller names it or --probe finds it served)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.docker_official import OFFICIAL_IMAGES, not_official
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.listing import Probed, classify
from ecr_mirror.choose.naming import REGISTRY_ALIASES
from ecr_mirror.oci.reference import parse_reference

PUBLIC = frozenset(REGISTRY_ALIASES)


def test_the_list_holds_todays_and_deprecated_official_images() -> None:
    assert {"python", "postgres", "redis", "node", "busybox", "eclipse-temurin", "docker", "hello-world"} <= (
        OFFICIAL_IMAGES
    )
    assert {"centos", "java", "openjdk", "adoptopenjdk"} <= OFFICIAL_IMAGES  # deprecated, still served
    assert not {"auth", "controller", "app", "valkey", "placeholder"} & OFFICIAL_IMAGES


def test_only_bare_docker_hub_names_are_judged() -> None:
    assert not_official(parse_reference("auth"), PUBLIC) is not None
    assert not_official(parse_reference("docker.io/library/auth:1"), PUBLIC) is not None
    for text in ("python:3.13", "acme/auth:1", "ghcr.io/acme/auth:1", "quay.io/auth:1", "library/a/b:1"):
        assert not_official(parse_reference(text), PUBLIC) is None, text
    named = PUBLIC | {"docker.io/library/auth"}
    assert not_official(parse_reference("auth:1"), named) is None
    assert not_official(parse_reference("controller:1"), PUBLIC | {"docker.io/library"}) is None


def test_the_verdict_is_left_out_with_the_reason_unless_a_probe_found_it_served() -> None:
    verdict = classify(Found("controller:latest", "compose.yaml", 3), public=PUBLIC)
    assert verdict.status == "left-out"
    assert verdict.reason is not None and "controller is no Docker Hub official image" in verdict.reason
    ref = parse_reference("controller:latest")
    served = classify(
        Found("controller:latest", "compose.yaml", 3),
        public=PUBLIC,
        probed={ref: Probed(served=True, reason="Docker Hub served it to anyone")},
    )
    assert served.status == "public"
    assert classify(Found("redis:7", "compose.yaml", 5), public=PUBLIC).status == "public"
