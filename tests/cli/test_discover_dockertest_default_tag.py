"""ory/dockertest v4 given its tag as Go's `cmp.Or(version, "16")` (Go 1.22: the first argument that is not the zero
value): a helper that starts a database in the version its caller asks for, or in its default when the caller gives
none (`startPostgreSQL(t, "")`), pulls the default: `postgres:16`, as a script's `${VERSION:-16}` is read as its
default. The version a caller passes is known only when the test runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

HELPER = """\
package dbtest

import (
\t"cmp"
\t"testing"

\t"github.com/ory/dockertest/v4"
)

func startPostgres(t testing.TB, version string) dockertest.Resource {
\tpool := dockertest.NewPoolT(t, "")
\treturn pool.RunT(t, "postgres",
\t\tdockertest.WithTag(cmp.Or(version, "16.4")),
\t\tdockertest.WithEnv([]string{"POSTGRES_PASSWORD=secret"}),
\t)
}

func startCache(t testing.TB, version string) dockertest.Resource {
\tpool := dockertest.NewPoolT(t, "")
\treturn pool.RunT(t, "valkey/valkey", dockertest.WithTag(cmp.Or(version, os.Getenv("VALKEY_TAG"), "8.1")))
}

func startQueue(t testing.TB, version string) dockertest.Resource {
\tpool := dockertest.NewPoolT(t, "")
\treturn pool.RunT(t, "rabbitmq", dockertest.WithTag(cmp.Or(version, defaultQueueTag())))
}

// RunPostgres starts PostgreSQL in its default version.
func RunPostgres(t testing.TB) dockertest.Resource {
\treturn startPostgres(t, "")
}
"""


def test_a_cmp_or_tag_is_read_as_its_literal_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"internal/dbtest/helper.go": HELPER})
    records = discover_records(tmp_path, monkeypatch, capsys)
    shown = "internal/dbtest/helper.go"
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        (shown, 12, "postgres:16.4", "public", "dockertest"),
        (shown, 20, "valkey/valkey:8.1", "public", "dockertest"),
    }
