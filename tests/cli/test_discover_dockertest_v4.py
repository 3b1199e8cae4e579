"""`ecr-mirror discover` on Go tests written for ory/dockertest v4, whose `Run(ctx, repository, options...)` and
`RunT(t, repository, options...)` take the tag as an option, `dockertest.WithTag("8")`, `latest` without one
(https://github.com/ory/dockertest, v4's `buildRunConfig`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

STORE_TEST = """\
package store

import (
\t"testing"

\t"github.com/ory/dockertest/v4"
)

const (
\tqueueImage   = "example/queue"
\tqueueVersion = "v3.1.4"
)

func TestStore(t *testing.T) {
\tpool := dockertest.NewPoolT(t, "")
\tdb := pool.RunT(t, "mysql",
\t\tdockertest.WithTag("8"),
\t\tdockertest.WithEnv([]string{"MYSQL_ROOT_PASSWORD=secret"}),
\t)
\tqueue := pool.RunT(t, queueImage,
\t\tdockertest.WithTag(queueVersion),
\t\tdockertest.WithCmd([]string{"serve"}),
\t)
\tblob, _ := pool.Run(t.Context(), "example/blob", dockertest.WithCmd([]string{"server"}))
\t_, _, _ = db, queue, blob
\tt.Run("subtest", func(t *testing.T) {})
}

func startFrom(pool *dockertest.Pool, conf config) {
\t_, _ = pool.Run(ctx, conf.image, dockertest.WithTag(conf.tag))
\t_, _ = pool.Run(ctx, "example/db", dockertest.WithTag(cmp.Or(conf.version, "16")))
}
"""


def test_dockertest_v4_runs_are_listed_with_their_tag_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"internal/store/store_test.go": STORE_TEST})
    records = discover_records(tmp_path, monkeypatch, capsys)
    shown = "internal/store/store_test.go"
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        (shown, 16, "mysql:8", "public", "dockertest"),
        (shown, 10, "example/queue:v3.1.4", "public", "dockertest"),
        (shown, 24, "example/blob:latest", "public", "dockertest"),
        (shown, 31, "example/db:16", "public", "dockertest"),  # cmp.Or's literal default
    }
