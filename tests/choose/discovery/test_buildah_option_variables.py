"""`buildah from` takes one image: an unquoted variable alone before a later word that is no option holds options,
whatever options come between (buildah's tests: `buildah from $WITH_POLICY_JSON --quiet alpine`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.buildah_pulls import buildah_pulls

TEXT = """\
buildah from $WITH_POLICY_JSON --quiet --net=$net alpine:3.20
buildah from --quiet $WITH_POLICY_JSON --quiet busybox:1.36
buildah from --name work $IMAGE --quiet
"""


def test_a_variable_before_options_and_the_image_holds_options() -> None:
    found = [(item.text, item.line, item.problem is None) for item in buildah_pulls(TEXT, "tests/from.bats")]
    assert ("alpine:3.20", 1, True) in found
    assert ("busybox:1.36", 2, True) in found
    assert [line for _, line, _ in found].count(3) == 1  # `$IMAGE` with options after it: the image, unresolved
