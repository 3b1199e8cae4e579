"""A diff named after the Dockerfile it changes (`dockerfile.patch`, `Dockerfile.diff`, applied with `git apply` or
`patch`) is no Dockerfile: its context lines (`COPY --from=builder ...`) name stages of the file it patches."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.kinds import Kind, kind_of


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("operator/dockerfile.patch", None),
        ("build/Dockerfile.diff", None),
        ("patches/Containerfile-ubi.patch", None),
        ("build/Dockerfile.patched", Kind.DOCKERFILE),  # a Dockerfile after all: not a diff's extension
        ("build/Dockerfile.ubi", Kind.DOCKERFILE),
    ],
)
def test_a_diff_named_like_a_dockerfile(path: str, kind: Kind | None) -> None:
    assert kind_of(path) is kind
