"""cross (https://github.com/cross-rs/cross): the images its configuration makes it run the build in."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.cross_toml import cross_images
from ecr_mirror.errors import ConfigError

CROSS = """\
[build]
default-target = "x86_64-unknown-linux-gnu"

[build.zig]
enable = true
image = "example/zig-builder:0.13"

[build.env]
passthrough = ["RUSTFLAGS"]

[target.x86_64-unknown-linux-musl]
image = "example/cross:x86_64-unknown-linux-musl"

[target.armv7-unknown-linux-gnueabihf.env]
passthrough = ["ARMV7_FLAGS"]

[target.aarch64-unknown-linux-gnu]
image.name = "ghcr.io/example/aarch64:edge"
image.toolchain = ["x86_64-unknown-linux-gnu"]

[target.riscv64gc-unknown-linux-gnu]
image = { name = 'ghcr.io/example/riscv64:1', toolchain = ["linux/arm64=aarch64-unknown-linux-gnu"] }

[target.powerpc64le-unknown-linux-gnu]
dockerfile = "./docker/ppc64le.Dockerfile"
pre-build = ["apt-get update"]

[target.i686-unknown-linux-gnu.zig]
image = "example/zig-builder:0.12"
"""


def test_each_target_image_and_zig_image_is_listed_with_its_line() -> None:
    found = cross_images(CROSS, "Cross.toml")
    assert [(item.text, item.line, item.use, item.problem) for item in found] == [
        ("example/zig-builder:0.13", 6, "build.zig.image", None),
        ("example/cross:x86_64-unknown-linux-musl", 12, "target.x86_64-unknown-linux-musl.image", None),
        ("ghcr.io/example/aarch64:edge", 18, "target.aarch64-unknown-linux-gnu.image", None),
        ("ghcr.io/example/riscv64:1", 22, "target.riscv64gc-unknown-linux-gnu.image", None),
        ("example/zig-builder:0.12", 29, "target.i686-unknown-linux-gnu.zig.image", None),
    ]
    assert {item.origin for item in found} == {"Cross.toml"}


def test_a_cargo_manifest_is_read_under_its_metadata_cross_table_only() -> None:
    cargo = (
        '[package]\nname = "tool"\nversion = "0.1.0"\n\n[dependencies]\nimage = "0.25"\n\n'
        '[package.metadata.cross.target.aarch64-unknown-linux-gnu]\nimage = "example/cross-arm:2"\n\n'
        '[[bin]]\nname = "tool"\n\n'
        '[workspace.metadata.cross.build.zig]\nimage = "example/zig:1"\n'
    )
    found = cross_images(cargo, "Cargo.toml")
    assert [(item.text, item.line) for item in found] == [("example/cross-arm:2", 9), ("example/zig:1", 15)]


def test_a_value_that_is_not_a_string_is_unresolved_on_its_line() -> None:
    found = cross_images("[target.x86_64-unknown-linux-gnu]\nimage = 3\n", "Cross.toml")
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("3", 2, "target.x86_64-unknown-linux-gnu.image is not a string: cross cannot run it as an image")
    ]


def test_a_file_that_is_not_toml_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^build/Cross.toml: not valid TOML: .*line 2"):
        cross_images('[target.x86_64-unknown-linux-gnu]\nimage = "unterminated\n', "build/Cross.toml")


def test_a_configuration_without_images_lists_nothing() -> None:
    assert cross_images('[build]\npre-build = ["apt-get update"]\n', "Cross.toml") == []
    assert cross_images('[package]\nname = "x"\n', "Cargo.toml") == []
