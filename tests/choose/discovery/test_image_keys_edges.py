"""image_keys at its edges: a registry port is no tag, an invalid reference and a digest, compared whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.image_keys import keyed_images


def test_only_pinned_valid_references_under_image_keys() -> None:
    digest = "r@sha256:" + "a" * 64
    config = {
        "data": {"docker_image": "a/b:1", "fooImage": "host:5000/repo", "barImage": "NotValid:1", "bazImage": digest}
    }
    assert list(keyed_images(config)) == [("docker_image", "a/b:1"), ("bazImage", digest)]
