"""Which uses of an image a Tiltfile builds are marked built: a build whose name is no reference is passed over (the
builds after it still count), an untagged use matches a build tagged `latest`, and a use pinned by digest is pulled
even when its tag is built."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.local_builds import LocalBuild
from ecr_mirror.choose.discovery.tilt import tilt_marked

DIGEST = "sha256:" + "ab" * 32


def test_uses_marked_by_exact_builds_after_a_build_that_is_no_reference() -> None:
    builds = [
        LocalBuild("Not A Reference!", "Tiltfile", 1, "Tiltfile docker_build"),
        LocalBuild("web:latest", "Tiltfile", 2, "Tiltfile docker_build"),
        LocalBuild("api:1.0", "Tiltfile", 3, "Tiltfile custom_build"),
    ]
    found = [
        Found("web", "k8s/web.yaml", 5, use="image", kind="Kubernetes manifest"),
        Found(f"api:1.0@{DIGEST}", "k8s/api.yaml", 7, use="image", kind="Kubernetes manifest"),
        Found("api:1.0", "k8s/api.yaml", 9, use="image", kind="Kubernetes manifest"),
    ]
    assert tilt_marked(found, builds) == [
        Found(
            "web",
            "k8s/web.yaml",
            5,
            use="image",
            kind="Kubernetes manifest",
            built="Tiltfile docker_build at Tiltfile:2",
        ),
        Found(f"api:1.0@{DIGEST}", "k8s/api.yaml", 7, use="image", kind="Kubernetes manifest"),
        Found(
            "api:1.0",
            "k8s/api.yaml",
            9,
            use="image",
            kind="Kubernetes manifest",
            built="Tiltfile custom_build at Tiltfile:3",
        ),
    ]
