"""Go programs' argument slices that give an image to an option named for one (`[]string{"fn", "eval", "--image",
"ghcr.io/...:tag", ...}` run as kpt's arguments): what is read, and what is not (an untagged name, another option,
test code, a commented line, a slice that does not close)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.go_image_option_slices import USE, option_slice_images
from tests.support.hang_guard import finishes

ORIGIN = "pkg/cmd/upgrade/upgrade.go"
SOURCE = (
    """\
package upgrade

const setterImage = "ghcr.io/acme/krm-fns/apply-setters:v0.2.0"

func (o *Options) migrate(dir, bin, version string) error {
\targs := []string{"fn", "eval", "--image", "ghcr.io/acme/krm-fns/fix:9b1c2d3", "--match-api-version", version}
\tc := &runner.Command{Dir: dir, Name: bin, Args: args}
\t_, err := o.CommandRunner(c)
\treturn err
}

func setters(bin string) []string {
\treturn []string{
\t\t"fn", "eval", "-i", setterImage, // kpt's shorthand
\t\t"--", "replicas=3",
\t}
}

func render(bin string, image string) []string {
\tout := []string{"fn", "render", "--results-dir", "/tmp/results"}
\tsidecar := []string{"--sidecar-image=docker.io/acme/proxy@sha256:"""
    + "a" * 64
    + """"}
\tpolicy := []string{"--image-pull-policy", "IfNotPresent"}
\tuser := []string{"--image", image}
\tbare := []string{"--image", "acme/builder"}
\tother := []string{"-i", "ghcr.io/acme/not-kpt:1.0"}
\t// old := []string{"--image", "ghcr.io/acme/krm-fns/old:v0.1.0"}
\treturn append(out, sidecar...)
}
"""
)


def _found(text: str, line: int) -> Found:
    return Found(text, ORIGIN, line, None, USE, "Go source")


def test_an_image_option_given_a_reference_in_a_slice_is_read() -> None:
    assert option_slice_images(SOURCE, ORIGIN) == [
        _found("ghcr.io/acme/krm-fns/fix:9b1c2d3", 6),
        _found("ghcr.io/acme/krm-fns/apply-setters:v0.2.0", 13),  # `-i`: kpt fn eval's, a file constant
        _found("docker.io/acme/proxy@sha256:" + "a" * 64, 21),
    ]


def test_test_code_fakes_and_testdata_are_not_read() -> None:
    for origin in ("pkg/cmd/upgrade/upgrade_test.go", "pkg/fakes/runner.go", "testdata/cmd/main.go"):
        assert option_slice_images(SOURCE, origin) == []


def test_a_slice_that_does_not_close_is_read_linearly() -> None:
    text = 'package x\n\nvar a = []string{"--image", "ghcr.io/acme/a:1", "x", ' * 20000
    assert finishes(option_slice_images, text, "cmd/x.go") == []
    text = 'package x\n\nvar a = []string{"--image", []string{"a"}, ' * 20000
    assert finishes(option_slice_images, text, "cmd/x.go") == []
