"""An image tagged `local` is a name a machine gives its own builds (`docker build -t acme/api:local`, a build tool's
`type=raw,value=local`): what uses it runs that build, nothing pulls it from a registry."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_tags import local_tag_built


def test_the_uses_of_a_local_tag_are_built_here_and_nothing_else() -> None:
    found = [
        Found("ghcr.io/acme/api:local", "docker/api.yml", 3, None, "image", "compose file"),
        Found("ghcr.io/acme/api-base:local", "apps/api/Dockerfile", 1, None, "FROM", "Dockerfile"),
        Found("ghcr.io/acme/api:1.4.2", "docker/api.yml", 3, None, "image", "compose file"),
        Found("ghcr.io/acme/localstack:latest", "docker/aws.yml", 3, None, "image", "compose file"),
        Found("localstack/localstack:3.8", "docker/aws.yml", 9, None, "image", "compose file"),
        Found("acme/local:2", "ci.sh", 4, None, "docker run", "shell script"),  # a repository named local
        Found("acme/api:local@sha256:" + "a" * 64, "k8s/pin.yaml", 7, None, "image", "Kubernetes manifest"),
        Found("acme/api:${TAG}", "docker/api.yml", 3, "unresolved", "image", "compose file"),
    ]
    marked = {(item.text, item.origin): item.built for item in local_tag_built(found)}
    built = sorted(text for (text, _), where in marked.items() if where)
    assert built == ["ghcr.io/acme/api-base:local", "ghcr.io/acme/api:local"]
    assert marked[("ghcr.io/acme/api:local", "docker/api.yml")] == "the tag `local`, a local build's name"


def test_an_item_already_built_here_keeps_its_reason() -> None:
    built = "docker build -t at Makefile:4"
    item = Found("acme/api:local", "compose.yml", 2, None, "image", "compose file", built=built)
    (marked,) = local_tag_built([item])
    assert marked.built == built
