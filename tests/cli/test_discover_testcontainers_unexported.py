"""A Go package's unexported helper that starts a container from its string parameter with Testcontainers
(`mustRunContainer(tb, img)` calling `testcontainers.Run(ctx, img)`): the package's other files (and tests) call it
unqualified with the image, which is pulled. An unexported function that does not hand its string to Testcontainers
(`mustDial(tb, "localhost:5432")`) is no such helper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

UTIL = """\
package testutil

import (
\t"context"
\t"net"
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
)

func mustRunContainer(tb testing.TB, img string, opts ...testcontainers.ContainerCustomizer) testcontainers.Container {
\ttb.Helper()
\tcontainer, err := testcontainers.Run(context.Background(), img, opts...)
\tif err != nil {
\t\ttb.Fatal(err)
\t}
\treturn container
}

func mustDial(tb testing.TB, addr string) net.Conn {
\tconn, err := net.Dial("tcp", addr)
\tif err != nil {
\t\ttb.Fatal(err)
\t}
\treturn conn
}
"""

POSTGRES = """\
package testutil

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
)

// WithTestPostgres starts a Postgres database for the test.
func WithTestPostgres(tb testing.TB, handler func(dsn string)) {
\tcontainer := mustRunContainer(tb, "postgres:17-alpine",
\t\ttestcontainers.WithEnv(map[string]string{"POSTGRES_PASSWORD": "secret"}))
\t_ = mustDial(tb, "localhost:5432")
\thandler(container.String())
}
"""

STORE = """\
package testutil

import "testing"

const valkeyImage = "valkey/valkey:8.1"

func WithTestValkey(tb testing.TB) {
\t_ = mustRunContainer(tb, valkeyImage)
}
"""

TREE = {
    "go.mod": "module github.com/acme/proxy\n\ngo 1.25.0\n",
    "internal/testutil/testutil.go": UTIL,
    "internal/testutil/postgres.go": POSTGRES,
    "internal/testutil/valkey.go": STORE,
}


def test_images_handed_to_an_unexported_helper_of_the_same_package_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = [(r["file"], r["line"], r["use"], r["reference"]) for r in json.loads(capsys.readouterr().out)]
    assert records == [
        ("internal/testutil/postgres.go", 11, "testcontainers (mustRunContainer)", "postgres:17-alpine"),
        ("internal/testutil/valkey.go", 5, "testcontainers (mustRunContainer)", "valkey/valkey:8.1"),
    ]
