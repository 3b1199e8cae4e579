"""`ecr-mirror discover` reads the default image list a Go test suite's helper package fills in: a struct type
named for images whose fields are strings, and a literal of it giving each field an image reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

# a suite's helper package: the images its tests pull by name, overridable from a file when it runs
IMAGE_LIST = """\
package testimages

import "flag"

var listFile = flag.String("image-list", "", "a TOML file of other images")

// TestImages holds the references the suite pulls
type TestImages struct {
	Alpine   string
	Pause    string
	Pinned   string
	Untagged string
	Local    string
}

var defaults TestImages

func load() {
	defaults = TestImages{
		Alpine:   "ghcr.io/acme/alpine:3.19.1",
		Pause:    "registry.k8s.io/pause:3.10",
		Pinned:   "quay.io/acme/busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		Untagged: "ghcr.io/acme/tool",
		Local:    "builder:dev",
		// Old:   "ghcr.io/acme/alpine:3.14",
	}
}
"""

# near shapes: a type not named for images, one with a field that is no string, and a unit test's fixture
NEAR_SHAPES = """\
package testimages

type Settings struct {
	Alpine string
	Pause  string
}

type ImageSpec struct {
	Name    string
	Retries int
}

var settings = Settings{Alpine: "ghcr.io/acme/alpine:3.18", Pause: "registry.k8s.io/pause:3.9"}
var spec = ImageSpec{Name: "ghcr.io/acme/alpine:3.17", Retries: 3}
"""

UNIT_TEST = """\
package images

type imageList struct {
	Alpine string
	Pause  string
}

func TestParse(t *testing.T) {
	want := imageList{Alpine: "docker.io/library/alpine:3.16", Pause: "registry.k8s.io/pause:3.8"}
	_ = want
}
"""


def test_a_suites_default_image_list_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "integration/testimages/list.go": IMAGE_LIST,
        "integration/testimages/near.go": NEAR_SHAPES,
        "pkg/images/parse_test.go": UNIT_TEST,
    }
    records = tree_rows(tree, tmp_path, monkeypatch, capsys)
    use = "image list (Go test)"
    assert records == [
        ("integration/testimages/list.go", 20, "Go source", use, "ghcr.io/acme/alpine:3.19.1", "public"),
        ("integration/testimages/list.go", 21, "Go source", use, "registry.k8s.io/pause:3.10", "public"),
        (
            "integration/testimages/list.go",
            22,
            "Go source",
            use,
            "quay.io/acme/busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "public",
        ),
    ]


def test_a_program_packages_image_list_is_not_read_as_a_suites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = tree_rows({"pkg/testimages/list.go": IMAGE_LIST}, tmp_path, monkeypatch, capsys)
    assert records == []
