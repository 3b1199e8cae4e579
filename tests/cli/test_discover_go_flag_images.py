"""`ecr-mirror discover` on a Go program whose command-line flags name the images it runs, with defaults: a run
without the flag pulls the default (operator-sdk's `scorecard --storage-image`, a controller's
`--metrics-exporter-image`); a default without a tag or a digest, an empty one or a test's flag is not listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

COMMAND = """\
package scorecard

import (
	"github.com/spf13/cobra"
)

const defaultExporterImage = "quay.io/acme/metrics-exporter:v0.13.0"

func NewCmd() *cobra.Command {
	c := &scorecardCmd{}
	cmd := &cobra.Command{Use: "scorecard"}
	cmd.Flags().StringVarP(&c.storageImage, "storage-image", "b",
		"quay.io/acme/scorecard-storage@sha256:a3bfda71281393c7794cabdd39c563fb050d3020fd0b642ea164646bdd39a0e2",
		"Storage image to be used by the Scorecard pod")
	cmd.Flags().StringVar(&c.exporterImage, "metrics-exporter-image", defaultExporterImage, "exporter image")
	cmd.Flags().StringVar(&c.namespace, "namespace", "acme/system:v1", "namespace to run the test images in")
	cmd.Flags().StringVar(&c.builderImage, "builder-image", "", "no default: the user's")
	cmd.Flags().StringVar(&c.testImage, "test-image", "runner", "a bare name the users replace")
	cmd.Flags().StringVar(&c.agentImage, "agent-image", "acme/agent", "joined with the version elsewhere")
	cmd.Flags().StringVar(&c.outputImage, "image", "acme/built:latest", "the image to build")
	return cmd
}
"""

MAIN = """\
package main

import "flag"

func main() {
	sidecar := flag.String("sidecar-image", "ghcr.io/acme/sidecar:1.4.2", "the sidecar's image")
	flag.Parse()
	run(*sidecar)
}
"""

# a test's flags: the suite's own settings, not what the program pulls
E2E_CONFIG = """\
package config

import "flag"

func RegisterFlags() {
	flag.StringVar(&TestConfig.ManagerImage, "manager-image", "acme/manager:e2e", "manager image")
}
"""


def test_the_default_of_a_program_s_image_flag_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "internal/cmd/scorecard/cmd.go": COMMAND,
        "cmd/sidecar/main.go": MAIN,
        "test/e2e/config/config.go": E2E_CONFIG,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("cmd/sidecar/main.go", 6, "ghcr.io/acme/sidecar:1.4.2", "public"),
        (
            "internal/cmd/scorecard/cmd.go",
            13,
            "quay.io/acme/scorecard-storage@sha256:a3bfda71281393c7794cabdd39c563fb050d3020fd0b642ea164646bdd39a0e2",
            "public",
        ),
        ("internal/cmd/scorecard/cmd.go", 7, "quay.io/acme/metrics-exporter:v0.13.0", "public"),
    ]


INSTALL = """\
package bundle

import (
	"github.com/spf13/pflag"

	"example.com/acme/internal/olm/fbcutil"
)

func (i *Install) BindFlags(fs *pflag.FlagSet) {
	fs.StringVar(&i.IndexImage, "index-image", fbcutil.DefaultIndexImage, "index image in which to inject bundle")
	fs.StringVar(&i.Mode, "install-mode", fbcutil.DefaultMode, "not an image flag")
	fs.StringVar(&i.Output, "image", fbcutil.DefaultMode, "name:tag of the resulting image to be built")
}
"""

FBCUTIL = """\
package fbcutil

const (
	// DefaultIndexImageBase is the base of DefaultIndexImage.
	DefaultIndexImageBase = "quay.io/acme/opm:"
	DefaultIndexImage = DefaultIndexImageBase + "latest"
	DefaultMode = "ghcr.io/acme/not-read:1.0"
)
"""


def test_a_default_that_is_a_constant_of_another_package_of_the_module_is_read_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": "module example.com/acme\n\ngo 1.24\n",
        "internal/olm/operator/bundle/install.go": INSTALL,
        "internal/olm/fbcutil/util.go": FBCUTIL,
    }
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(row[0], row[1], row[4], row[5]) for row in rows] == [
        ("internal/olm/fbcutil/util.go", 6, "quay.io/acme/opm:latest", "public"),
    ]
