"""`ecr-mirror discover` reads the `Image:` field of a Go program's own code whose value is a constant of another
package of its module (`Image: config.DefaultLogsImage`), in the package the import names: the image the program's
pods pull when it runs, listed at the constant's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

GO_MOD = "module example.com/acme/inspector\n\ngo 1.24\n"

CONFIG = """\
package config

const (
	// DefaultLogsImage is the image of the node logs plugin.
	DefaultLogsImage = "acme/node-logs:v0.4"

	// UpstreamImage is a repository: its tag is chosen at run time.
	UpstreamImage = "registry.k8s.io/conformance"
)
"""

GEN = """\
package client

import (
	corev1 "k8s.io/api/core/v1"

	"example.com/acme/inspector/pkg/config"
	ext "example.org/other/pkg/defaults"
)

func logsPlugin() corev1.Container {
	return corev1.Container{
		Name:            "node-logs",
		Image:           config.DefaultLogsImage,
		ImagePullPolicy: corev1.PullIfNotPresent,
	}
}

func upstream() corev1.Container {
	return corev1.Container{Name: "e2e", Image: config.UpstreamImage}
}

func external() corev1.Container {
	return corev1.Container{Name: "ext", Image: ext.Image}
}
"""

GEN_TEST = """\
package client

import "example.com/acme/inspector/pkg/config"

var fixture = struct{ Image string }{Image: config.DefaultLogsImage}
"""


def test_an_image_field_naming_another_package_s_constant_is_read_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"go.mod": GO_MOD, "pkg/config/config.go": CONFIG, "pkg/client/gen.go": GEN},
    )
    records = {(r["file"], r["line"], r["reference"]) for r in discover_records(tmp_path, monkeypatch, capsys)}
    assert records == {("pkg/config/config.go", 5, "acme/node-logs:v0.4")}


def test_a_test_file_s_field_is_a_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"go.mod": GO_MOD, "pkg/config/config.go": CONFIG, "pkg/client/gen_test.go": GEN_TEST})
    assert discover_records(tmp_path, monkeypatch, capsys) == []
