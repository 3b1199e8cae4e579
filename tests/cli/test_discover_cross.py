"""`ecr-mirror discover` lists the images cross builds a Rust project in (`Cross.toml`, `Cargo.toml`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "engine/Cross.toml": (
        '[build.env]\npassthrough = ["GIT_SHA"]\n\n'
        '[target.x86_64-unknown-linux-gnu]\nimage = "example/cross:x86_64-unknown-linux-gnu"\n\n'
        '[target.aarch64-unknown-linux-musl]\nimage = "example/cross:aarch64-unknown-linux-musl"\n'
    ),
    "engine/Cargo.toml": '[package]\nname = "engine"\nversion = "0.1.0"\n\n[dependencies]\nimage = "0.25"\n',
    "cli/Cargo.toml": (
        '[package]\nname = "cli"\nversion = "0.2.0"\n\n'
        '[package.metadata.cross.target.armv7-unknown-linux-gnueabihf]\nimage = "ghcr.io/example/armv7:3"\n'
    ),
    "broken/Cross.toml": '[target.x86_64-unknown-linux-gnu\nimage = "x"\n',
    # the images are published by a loop whose tag is a variable: not taken as built here
    "Makefile": (
        "cross-images:\n\tfor tag in x86_64-unknown-linux-gnu aarch64-unknown-linux-musl; do \\\n"
        "\t\tdocker build --tag example/cross:$$tag --file build/$$tag.dockerfile build; \\\n\tdone\n"
    ),
}


def test_cross_target_images_are_listed_and_a_broken_file_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = [(r["file"], r["line"], r["kind"], r["use"], r["reference"], r["status"]) for r in json.loads(out)]
    assert records == [
        ("cli/Cargo.toml", 6, "cross config", "target.armv7-unknown-linux-gnueabihf.image", "ghcr.io/example/armv7:3",
         "public"),
        ("engine/Cross.toml", 5, "cross config", "target.x86_64-unknown-linux-gnu.image",
         "example/cross:x86_64-unknown-linux-gnu", "public"),
        ("engine/Cross.toml", 8, "cross config", "target.aarch64-unknown-linux-musl.image",
         "example/cross:aarch64-unknown-linux-musl", "public"),
    ]  # fmt: skip
    assert "broken/Cross.toml: not valid TOML" in err
