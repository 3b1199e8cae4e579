"""Platform spellings and defaults, as containerd normalises them (mutation survivors of choose/platforms.py)."""

from __future__ import annotations

import json

import pytest

from ecr_mirror.choose.platforms import config_platform, normalise_platform, platform_matches, platform_text


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
