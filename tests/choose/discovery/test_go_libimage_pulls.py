"""Go code that pulls through containers/common's libimage (`runtime.Pull(ctx, NAME, config.PullPolicyAlways,
options)`), the image library of Podman and Buildah: the runtime pulls NAME from its registry unless the policy is
`PullPolicyNever`."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery import go_libimage_pulls
from ecr_mirror.choose.discovery.go_libimage_pulls import libimage_pulls, may_pull_with_libimage
from ecr_mirror.choose.discovery.go_test_tables import field_values, positional_values

PULLS = """\
package images

import (
\t"context"
\t"testing"

\t"github.com/containers/common/libimage"
\t"github.com/containers/common/pkg/config"
)

const cached = "quay.io/acme/cached:1.2"

func TestPulls(t *testing.T) {
\truntime := newRuntime(t)
\tctx := context.Background()
\tbase := "quay.io/acme/base"
\tbaseLatest := base + ":latest"
\t_, err := runtime.Pull(ctx, "alpine", config.PullPolicyAlways, nil)
\t_, err = runtime.Pull(ctx, baseLatest, config.PullPolicyMissing, &libimage.PullOptions{})
\t_, err = runtime.Pull(ctx, cached, config.PullPolicyNewer, nil)
\t_, err = runtime.Pull(ctx, "docker://docker.io/library/busybox:1.36", config.PullPolicyAlways, nil)
\t_, err = runtime.Pull(ctx, "docker-archive:testdata/app.tar", config.PullPolicyAlways, nil)
\t_, err = runtime.Pull(ctx, "ghcr.io/acme/local:1", config.PullPolicyNever, nil)
\t// _, err = runtime.Pull(ctx, "old:1", config.PullPolicyAlways, nil)
\t_, err = runtime.Pull(ctx, name, config.PullPolicyAlways, nil)
\t_ = err
}

func TestRetag(t *testing.T) {
\tnewTag := "crazy:train"
\timages, err := runtime.Pull(ctx, "quay.io/acme/tool:2", config.PullPolicyAlways, nil)
\terr = images[0].Tag(newTag)
\t_, err = runtime.Pull(ctx, newTag, config.PullPolicyMissing, nil)
\t_ = err
}
"""


def test_images_pulled_through_libimage() -> None:
    assert may_pull_with_libimage("libimage/pull_test.go", PULLS.encode())
    found = libimage_pulls(PULLS, "libimage/pull_test.go")
    assert [(item.text, item.line, item.use) for item in found] == [
        ("quay.io/acme/cached:1.2", 11, "libimage Runtime.Pull"),
        ("quay.io/acme/base:latest", 17, "libimage Runtime.Pull"),
        ("alpine", 18, "libimage Runtime.Pull"),
        ("docker.io/library/busybox:1.36", 21, "libimage Runtime.Pull"),
        ("quay.io/acme/tool:2", 31, "libimage Runtime.Pull"),
    ]
    assert {item.kind for item in found} == {"Go source"}


def test_a_pull_of_another_signature_is_not_read() -> None:
    # go-git's `repo.Pull(ctx, "origin", ...)` and Docker's `ImagePull` take no libimage pull policy
    other = 'package x\n\nfunc f() {\n\t_ = repo.Pull(ctx, "origin", opts)\n}\n'
    assert not may_pull_with_libimage("x.go", other.encode())
    assert libimage_pulls(other, "x.go") == []
    assert not may_pull_with_libimage("pull_test.py", PULLS.encode())


TABLE = """\
package images

func TestPullTable(t *testing.T) {
\tfor _, test := range []struct {
\t\tinput, platform string
\t\texpectError     bool
\t\tnames           []string
\t}{
\t\t{"oci-archive:testdata/app.tar.gz", "", false, []string{"localhost/app:latest"}},
\t\t{"quay.io/acme/app:old@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "", false, nil},
\t\t{"docker://quay.io/acme/app:2", "linux/arm64", false, []string{"quay.io/acme/app:2"}},
\t\t{input: "ghcr.io/acme/keyed:1", expectError: false},
\t} {
\t\t_, err := runtime.Pull(ctx, test.input, config.PullPolicyAlways, nil)
\t\t_ = err
\t}
}
"""


def test_the_rows_of_a_table_a_pull_loops_over() -> None:
    # positional rows take the field's place in the struct; keyed rows its key; libimage pulls a reference with a
    # tag and a digest by the digest alone (the pulled image is named without the tag)
    found = libimage_pulls(TABLE, "libimage/pull_test.go")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 10),
        ("quay.io/acme/app:2", 11),
        ("ghcr.io/acme/keyed:1", 12),
    ]


def test_a_table_s_field_is_read_once_however_many_pulls_name_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a review found each pull re-read the whole table: quadratic on a large test file
    calls: list[str] = []

    def counted(text: str, field: str) -> list[tuple[int, str]]:
        calls.append(field)
        return field_values(text, field)

    monkeypatch.setattr(go_libimage_pulls, "field_values", counted)
    pulls = "\n".join("\t\t_, _ = runtime.Pull(ctx, test.input, config.PullPolicyAlways, nil)" for _ in range(100))
    text = (
        "package x\nfunc TestX() {\n\ttests := []struct{ input string }{\n"
        '\t\t{input: "quay.io/libpod/alpine:3.10.2"},\n\t}\n\tfor _, test := range tests {\n' + pulls + "\n\t}\n}\n"
    )
    assert [item.text for item in go_libimage_pulls.libimage_pulls(text, "x_test.go")] == [
        "quay.io/libpod/alpine:3.10.2"
    ]
    assert calls == ["input"]


ONE_LINE_TABLES = """\
package images

func TestPullPlatforms(t *testing.T) {
\tfor _, test := range []struct{ input, arch string }ROWS {
\t\t_, err := runtime.Pull(ctx, test.input, config.PullPolicyAlways, &PullOptions{Architecture: test.arch})
\t\trequire.NoError(t, err)
\t}
\tfor _, other := range []struct{ input string }{{"quay.io/acme/not-pulled:1"}} {
\t\t_ = other
\t}
}

func TestPullShortNames(t *testing.T) {
\tfor _, test := range []struct {
\t\tinput       string // the name given to Pull
\t\texpectError bool
\t}{{"quay.io/libpod/busybox:1.30", false},
\t\t{"quay.io/libpod/hello:latest", false},
\t} {
\t\t_, err := runtime.Pull(ctx, test.input, config.PullPolicyMissing, nil)
\t\t_ = err
\t}
}

func TestPullGofmtRows(t *testing.T) {
\tfor _, test := range []struct {
\t\tinput string
\t\tnames []string
\t}{{
\t\t"registry.fedoraproject.org/fedora-minimal:40",
\t\t[]string{"fedora-minimal"},
\t}, {
\t\t"quay.io/libpod/testimage:20241011",
\t\tnil,
\t}} {
\t\t_, err := runtime.Pull(ctx, test.input, config.PullPolicyNewer, nil)
\t\t_ = err
\t}
}
""".replace("ROWS", '{{"quay.io/libpod/alpine:3.10.2", "arm64"}, {"docker.io/library/busybox:1.36", "amd64"}}')


def test_a_table_written_on_one_line_and_a_first_row_right_after_the_struct_s_brace() -> None:
    # a review found both missed: a struct type on one line (`struct{ input, arch string }`) gave no field, and the
    # row right after `}{` was skipped; a table another loop binds (`other`) is still not the pull's
    found = libimage_pulls(ONE_LINE_TABLES, "libimage/pull_test.go")
    assert [(item.text, item.line) for item in found] == [
        ("quay.io/libpod/alpine:3.10.2", 4),
        ("docker.io/library/busybox:1.36", 4),
        ("quay.io/libpod/busybox:1.30", 17),
        ("quay.io/libpod/hello:latest", 18),
        ("registry.fedoraproject.org/fedora-minimal:40", 30),
        ("quay.io/libpod/testimage:20241011", 33),
    ]


def test_a_one_line_struct_s_fields_are_its_top_level_declarations() -> None:
    # `;` between declarations on one line; a nested struct's fields are not the table's: `image` is the third
    text = (
        "package x\nfunc TestX(t *testing.T) {\n"
        "\tfor _, tc := range []struct{ name string; opts struct{ a, b int }; image string }"
        '{{"a", struct{ a, b int }{1, 2}, "postgres:16"}, {"b", struct{ a, b int }{}, "redis:7"}} {\n\t}\n}\n'
    )
    assert [value for _, value in positional_values(text, "tc", "image")] == ["postgres:16", "redis:7"]
    assert positional_values(text, "tc", "a") == []
