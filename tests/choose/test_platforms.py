"""Platform filters match as containerd does: spellings and default variants normalised on both sides."""

from __future__ import annotations

import json

import pytest

from ecr_mirror.choose.platforms import (
    PLATFORMS_ANNOTATION,
    SOURCE_DIGEST_ANNOTATION,
    platform_matches,
    recorded_source,
    reduce_index,
)
from ecr_mirror.errors import UnsupportedError
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import Manifest, sha256_digest


def _platform(text: str) -> dict[str, str]:
    parts = text.split("/")
    out = {"os": parts[0], "architecture": parts[1]}
    if len(parts) > 2:
        out["variant"] = parts[2]
    return out


@pytest.mark.parametrize(
    ("child", "wanted", "expected"),
    [
        ("linux/arm64", ["linux/arm64/v8"], True),  # Docker Hub children often omit v8
        ("linux/arm64/v8", ["linux/arm64"], True),
        ("linux/arm64/v8", ["linux/arm64/v8"], True),
        ("linux/arm/v7", ["linux/arm"], True),  # arm without a variant means v7
        ("linux/arm/v6", ["linux/arm"], False),
        ("linux/arm", ["linux/arm/v7"], True),
        ("linux/arm", ["linux/arm/v6"], False),
        ("linux/arm64", ["linux/aarch64"], True),
        ("linux/aarch64", ["linux/arm64"], True),
        ("linux/x86_64", ["linux/amd64"], True),
        ("linux/amd64", ["linux/x86_64"], True),
        ("linux/amd64", ["linux/arm64"], False),
        ("windows/amd64", ["linux/amd64"], False),
        # kept as before: no variant in the filter matches any variant of that architecture (arm aside)
        ("linux/amd64/v3", ["linux/amd64"], True),
        ("linux/arm64/v9", ["linux/arm64"], True),
        ("linux/amd64", ["linux/amd64/v3"], False),
        ("linux/arm/v6", ["linux/arm/v6"], True),
    ],
)
def test_platforms_match_like_containerd(child: str, wanted: list[str], expected: bool) -> None:
    assert platform_matches(_platform(child), wanted) is expected


def _index(children: list[str]) -> Manifest:
    doc = {
        "schemaVersion": 2,
        "mediaType": mediatypes.OCI_INDEX,
        "manifests": [
            {"mediaType": mediatypes.OCI_MANIFEST, "digest": f"sha256:{n:064x}", "size": 1, "platform": _platform(p)}
            for n, p in enumerate(children, start=1)
        ],
    }
    data = json.dumps(doc).encode()
    return Manifest(data=data, media_type=mediatypes.OCI_INDEX, digest=sha256_digest(data))


def test_reduce_index_keeps_arm_v7_for_linux_arm_and_arm64_for_v8() -> None:
    index = _index(["linux/amd64", "linux/arm/v6", "linux/arm/v7", "linux/arm64", "linux/386"])
    reduced = reduce_index(index, ["linux/arm", "linux/arm64/v8"])
    assert reduced is not None
    manifest, kept = reduced
    assert kept == ["linux/arm/v7", "linux/arm64"]
    assert [c["platform"] for c in json.loads(manifest.data)["manifests"]] == [
        {"os": "linux", "architecture": "arm", "variant": "v7"},
        {"os": "linux", "architecture": "arm64"},
    ]


def _document(doc: object) -> Manifest:
    data = json.dumps(doc).encode()
    return Manifest(data=data, media_type=mediatypes.OCI_INDEX, digest=sha256_digest(data))


def test_the_reduced_index_records_its_source_and_the_filter_as_matched() -> None:
    index = _index(["linux/amd64", "linux/arm64", "linux/386"])
    reduced = reduce_index(index, ["linux/arm64/v8", "linux/x86_64"])
    assert reduced is not None
    annotations = json.loads(reduced[0].data)["annotations"]
    assert annotations == {SOURCE_DIGEST_ANNOTATION: index.digest, PLATFORMS_ANNOTATION: "linux/amd64,linux/arm64"}
    assert recorded_source(reduced[0], ["linux/amd64", "linux/arm64"]) == index.digest


def test_an_index_without_manifests_has_no_platform_to_keep() -> None:
    assert reduce_index(_document({"schemaVersion": 2}), ["linux/amd64"]) is None


def test_an_index_that_is_not_usable_is_refused_naming_its_digest() -> None:
    listed = _document({"schemaVersion": 2, "manifests": {"linux": "amd64"}})
    with pytest.raises(UnsupportedError) as caught:
        reduce_index(listed, ["linux/amd64"])
    assert str(caught.value) == f"index {listed.digest}: `manifests` is not a list"
    broken = Manifest(data=b"[1]", media_type=mediatypes.OCI_INDEX, digest=sha256_digest(b"[1]"))
    with pytest.raises(UnsupportedError) as caught:
        reduce_index(broken, ["linux/amd64"])
    assert str(caught.value) == f"index {broken.digest} is not a JSON object (a JSON list instead)"


def test_a_recorded_source_that_is_not_text_is_no_source() -> None:
    annotations = {SOURCE_DIGEST_ANNOTATION: 7, PLATFORMS_ANNOTATION: "linux/amd64"}
    manifest = _document({"schemaVersion": 2, "manifests": [], "annotations": annotations})
    assert recorded_source(manifest, ["linux/amd64"]) is None
