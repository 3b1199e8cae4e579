"""`ecr-mirror discover` reads the digest-pinned image a JavaScript or TypeScript constant holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

CONSTANTS = """\
export type PinnedImage = string

export function helperImagePath(registryDomain: string): PinnedImage {
  const helperImageName: PinnedImage =
    "acme/cluster-helper:1.4.2@sha256:1111111111111111111111111111111111111111111111111111111111111111"
  return `${registryDomain}/${helperImageName}`
}

export const defaultBuilderImage: PinnedImage =
  "gcr.io/acme-builds/executor:v2.0.0-debug@sha256:2222222222222222222222222222222222222222222222222222222222222222"
const proxyImage = 'quay.io/acme/proxy@sha256:3333333333333333333333333333333333333333333333333333333333333333' // v3

// not a constant holding one image: none of these is read
export const fixtures = {
  image: "nginx@sha256:4444444444444444444444444444444444444444444444444444444444444444",
}
const unpinned = "acme/cluster-helper:1.4.2"
const bare = "redis@sha256:5555555555555555555555555555555555555555555555555555555555555555"
const joined = "acme/helper@sha256:6666666666666666666666666666666666666666666666666666666666666666" + suffix
// const oldImage = "acme/old@sha256:7777777777777777777777777777777777777777777777777777777777777777"
"""

SPEC = """\
const expected = "acme/cluster-helper:1.4.2@sha256:8888888888888888888888888888888888888888888888888888888888888888"
"""


def test_a_digest_pinned_constant_of_a_source_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tree_rows(
        {"core/src/constants.ts": CONSTANTS, "core/src/constants.spec.ts": SPEC}, tmp_path, monkeypatch, capsys
    )
    digest = "@sha256:" + "{}" * 64
    assert [(row[0], row[1], row[2], row[4], row[5]) for row in rows] == [
        (
            "core/src/constants.ts",
            5,
            "TypeScript source",
            "acme/cluster-helper:1.4.2" + digest.format(*"1" * 64),
            "public",
        ),
        (
            "core/src/constants.ts",
            10,
            "TypeScript source",
            "gcr.io/acme-builds/executor:v2.0.0-debug" + digest.format(*"2" * 64),
            "public",
        ),
        ("core/src/constants.ts", 11, "TypeScript source", "quay.io/acme/proxy" + digest.format(*"3" * 64), "public"),
    ]
