"""A Go Testcontainers helper that takes its image from a field of an options struct parameter (`image :=
"redis:7-alpine"`, then `if opts.image != "" { image = opts.image }` before `Image: image`) starts the image every
literal of that struct type in its package gives the field (`newTestRedisWithOptions(t, options{image:
"redis:6-alpine"})` in another file of the package); a literal of another type, or a field the helper does not give
as the image, is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_rows

HELPER = """\
package redistest

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
)

type options struct {
\tpassword string
\timage    string
}

func newTestRedisWithOptions(t testing.TB, opts options) string {
\timage := "redis:7-alpine"
\tif opts.image != "" {
\t\timage = opts.image
\t}
\treq := testcontainers.ContainerRequest{
\t\tImage: image,
\t}
\t_ = req
\treturn ""
}
"""

CALLER = """\
package redistest

import "testing"

type other struct {
\timage string
}

func TestRedis6(t *testing.T) {
\tnewTestRedisWithOptions(t, options{image: "redis:6-alpine"})
\tnewTestRedisWithOptions(t, options{password: "valkey:8"})
\t_ = other{image: "memcached:1.6"}
}
"""


def test_a_helpers_option_struct_literals_in_its_package_give_the_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"net/redistest/redistest.go": HELPER, "net/redistest/redistest_test.go": CALLER}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [(file, line, reference, status) for file, line, _, _, reference, status in rows] == [
        ("net/redistest/redistest.go", 15, "redis:7-alpine", "public"),
        ("net/redistest/redistest_test.go", 10, "redis:6-alpine", "public"),
    ]


def test_a_literal_in_another_package_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {"net/redistest/redistest.go": HELPER, "net/other/redis_test.go": CALLER.replace("redistest", "other")}
    rows = tree_rows(tree, tmp_path, monkeypatch, capsys)
    assert [reference for *_, reference, _ in rows] == ["redis:7-alpine"]
