"""Platform spellings and defaults, as containerd normalises them (mutation survivors of choose/platforms.py)."""

from __future__ import annotations

import json

import pytest

from ecr_mirror.choose.platforms import (
    config_platform,
    normalise_platform,
    platform_matches,
    platform_text,
    recorded_source,
    reduce_index,
)
from ecr_mirror.oci import mediatypes
from ecr_mirror.oci.manifest import ATTESTATION_SUBJECT, ATTESTATION_TYPE, Manifest, sha256_digest


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (("Linux", "ARMHF", ""), ("linux", "arm", "v7")),
        (("linux", "armel", ""), ("linux", "arm", "v6")),
        (("linux", "amd64", "v1"), ("linux", "amd64", "")),
        (("linux", "amd64", "v2"), ("linux", "amd64", "v2")),
        (("linux", "arm64", "8"), ("linux", "arm64", "")),
        (("linux", "arm64", "V8"), ("linux", "arm64", "")),
        (("linux", "arm64", "v8.0"), ("linux", "arm64", "")),
        (("linux", "aarch64", ""), ("linux", "arm64", "")),
        (("linux", "x86_64", ""), ("linux", "amd64", "")),
        (("linux", "i386", ""), ("linux", "386", "")),
        (("linux", "arm", ""), ("linux", "arm", "v7")),
        (("linux", "arm", "5"), ("linux", "arm", "v5")),
        (("linux", "arm", "v6"), ("linux", "arm", "v6")),
        (("windows", "amd64", ""), ("windows", "amd64", "")),
    ],
)
def test_normalised_spellings(given: tuple[str, str, str], expected: tuple[str, str, str]) -> None:
    assert normalise_platform(*given) == expected


def test_the_variant_defaults_to_none() -> None:
    assert normalise_platform("linux", "amd64") == ("linux", "amd64", "")


@pytest.mark.parametrize(
    ("platform", "text"),
    [
        ({"os": "linux", "architecture": "arm64", "variant": "v8"}, "linux/arm64/v8"),
        ({"os": "linux", "architecture": "amd64"}, "linux/amd64"),
        ({"architecture": "amd64"}, "unknown/amd64"),
        ({"os": "linux"}, "linux/unknown"),
        ({"os": "linux", "architecture": "arm", "variant": ""}, "linux/arm"),
        ("linux/amd64", "unknown"),
        (None, "unknown"),
    ],
)
def test_platform_text(platform: object, text: str) -> None:
    assert platform_text(platform) == text


@pytest.mark.parametrize(
    ("platform", "wanted", "matches"),
    [
        ({"architecture": "amd64"}, ["unknown/amd64"], True),  # a missing os is "unknown", never linux
        ({"architecture": "amd64"}, ["linux/amd64"], False),
        ({"os": "linux"}, ["linux/unknown"], True),
        ("linux/amd64", ["linux/amd64"], False),  # not a platform object
        ({"os": "linux", "architecture": "arm", "variant": "v6"}, ["linux/arm"], False),  # arm means arm/v7
        ({"os": "linux", "architecture": "arm"}, ["linux/arm"], True),
        ({"os": "linux", "architecture": "arm64", "variant": "v8"}, ["linux/arm64/v8"], True),
        ({"os": "linux", "architecture": "arm64"}, ["linux/arm64/v8"], True),
        ({"os": "linux", "architecture": "arm64", "variant": "v9"}, ["linux/arm64/v8"], False),
        ({"os": "linux", "architecture": "arm64", "variant": "v9"}, ["linux/arm64"], True),
        ({"os": "Linux", "architecture": "x86_64"}, ["linux/amd64"], True),
    ],
)
def test_platform_matches(platform: object, wanted: list[str], matches: bool) -> None:
    assert platform_matches(platform, wanted) is matches


@pytest.mark.parametrize(
    ("config", "platform"),
    [
        (
            b'{"os": "linux", "architecture": "arm", "variant": "v7"}',
            {"os": "linux", "architecture": "arm", "variant": "v7"},
        ),
        (b'{"architecture": "amd64"}', {"os": "unknown", "architecture": "amd64"}),
        (b'{"os": "linux"}', {"os": "linux", "architecture": "unknown"}),
        (b'{"os": "linux", "architecture": "amd64", "variant": ""}', {"os": "linux", "architecture": "amd64"}),
        (b"not json", {}),
        (json.dumps([1]).encode(), {}),
    ],
)
def test_config_platform(config: bytes, platform: dict[str, str]) -> None:
    assert config_platform(config) == platform


def _attested_index() -> Manifest:
    images = [
        {"mediaType": mediatypes.OCI_MANIFEST, "digest": f"sha256:{n:064x}", "size": 1, "platform": platform}
        for n, platform in (
            (1, {"os": "linux", "architecture": "amd64"}),
            (2, {"os": "linux", "architecture": "arm64"}),
        )
    ]
    attestations = [
        {
            "mediaType": mediatypes.OCI_MANIFEST,
            "digest": f"sha256:{n + 10:064x}",
            "size": 1,
            "platform": {"os": "unknown", "architecture": "unknown"},
            "annotations": {ATTESTATION_TYPE: "attestation-manifest", ATTESTATION_SUBJECT: f"sha256:{n:064x}"},
        }
        for n in (1, 2)
    ]
    doc = {"schemaVersion": 2, "mediaType": mediatypes.OCI_INDEX, "manifests": images + attestations,
           "annotations": {"org.example": "kept"}}  # fmt: skip
    data = json.dumps(doc).encode()
    return Manifest(data=data, media_type=mediatypes.OCI_INDEX, digest=sha256_digest(data))


def test_a_reduced_index_keeps_the_attestations_of_its_platforms_only_and_records_its_source() -> None:
    index = _attested_index()
    reduced = reduce_index(index, ["linux/amd64"])
    assert reduced is not None
    manifest, kept = reduced
    doc = json.loads(manifest.data)
    assert kept == ["linux/amd64"]
    assert [c["digest"] for c in doc["manifests"]] == [f"sha256:{1:064x}", f"sha256:{11:064x}"]
    assert doc["annotations"]["org.example"] == "kept"
    assert recorded_source(manifest, ["linux/amd64"]) == index.digest
    assert recorded_source(manifest, ["linux/arm64"]) is None
    assert (manifest.media_type, manifest.digest) == (mediatypes.OCI_INDEX, sha256_digest(manifest.data))
    assert manifest.data == json.dumps(doc, separators=(",", ":")).encode()
    assert reduce_index(index, ["linux/amd64", "linux/arm64"]) == (index, ["linux/amd64", "linux/arm64"])
    assert reduce_index(index, ["linux/s390x"]) is None
