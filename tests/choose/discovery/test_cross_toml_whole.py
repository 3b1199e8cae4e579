"""cross configurations read whole: dotted keys, quoted table names, inline tables, arrays of tables, values that are
not strings, each finding compared with its line, problem and use (cross_toml.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.cross_toml import cross_images
from ecr_mirror.choose.discovery.found import Found

TABLES = """\
[target]
plain = "not-a-table"
[build.zig]
image = "ghcr.io/cross-rs/zig:1"
[target."x86_64-custom-X".zig]
image = "zig-custom:1"
[target."x86_64-custom-X"]
image = "custom:1"
[target.armv7.image]
toolchain = ["x"]
[target.aarch64]
image.name = "ghcr.io/cross-rs/aarch64:edge"
[target.i686]
image = 5
"""


def test_tables_in_line_order() -> None:
    # a quoted table name is the name inside the quotes; a target's zig image written before its image is listed
    # first; an image table without `name` is reported at its header's line
    not_string = "{} is not a string: cross cannot run it as an image"
    assert cross_images(TABLES, "Cross.toml") == [
        Found("ghcr.io/cross-rs/zig:1", "Cross.toml", 4, None, "build.zig.image"),
        Found("zig-custom:1", "Cross.toml", 6, None, "target.x86_64-custom-X.zig.image"),
        Found("custom:1", "Cross.toml", 8, None, "target.x86_64-custom-X.image"),
        Found("{'toolchain': ['x']}", "Cross.toml", 9, not_string.format("target.armv7.image"), "target.armv7.image"),
        Found("ghcr.io/cross-rs/aarch64:edge", "Cross.toml", 12, None, "target.aarch64.image"),
        Found("5", "Cross.toml", 14, not_string.format("target.i686.image"), "target.i686.image"),
    ]


def test_top_level_dotted_keys_inline_tables_and_other_tables() -> None:
    # a value with no line of its own (inside an inline table) sorts first; tables cross does not know are not read
    text = """\
build.zig.image = "ghcr.io/cross-rs/zig:top"
target = { inline-x = { image = "inline:1" } }
[foo.bar]
image = "not-cross:1"
"""
    assert cross_images(text, "Cross.toml") == [
        Found("inline:1", "Cross.toml", None, None, "target.inline-x.image"),
        Found("ghcr.io/cross-rs/zig:top", "Cross.toml", 1, None, "build.zig.image"),
    ]


def test_keys_under_an_array_of_tables_are_not_cross_keys() -> None:
    for header in ("[[bin]]", "  [[bin]]"):
        text = f'{header}\nbuild.zig.image = "in-bin"\n[build.zig]\nimage = "ghcr.io/cross-rs/zig:1"\n'
        assert cross_images(text, "Cross.toml") == [
            Found("ghcr.io/cross-rs/zig:1", "Cross.toml", 4, None, "build.zig.image")
        ]
