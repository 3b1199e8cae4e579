"""`ecr-mirror discover` reads the images a Go test suite's helper keeps in a map named for images."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

# a suite that installs its tool in one container per distribution, the images a map's values
SUITE_CONFIG = """\
package transparentproxy

type Config struct {
	DockerImagesToTest map[string]string
}

var defaultConfig = Config{
	DockerImagesToTest: map[string]string{
		"Debian 12": "debian:bookworm-20240612",
		"Fedora 40": "fedora:40",
		"Local":     "tproxy-test",
	},
}
"""


def test_a_suite_helper_s_image_map_is_read_and_a_program_s_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"test/transparentproxy/config.go": SUITE_CONFIG, "pkg/transparentproxy/config.go": SUITE_CONFIG}
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    use = "image map (Go test)"
    assert records == [
        ("test/transparentproxy/config.go", 9, "Go source", use, "debian:bookworm-20240612", "public"),
        ("test/transparentproxy/config.go", 10, "Go source", use, "fedora:40", "public"),
    ]
