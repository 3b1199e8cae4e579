"""`ecr-mirror discover` on Go tests that start containers with ory/dockertest (rudder-server's integration tests:
`pool.RunWithOptions(&dockertest.RunOptions{Repository: "alpine", Tag: "3"})`, `pool.Run("messagebird/...",
"latest", env)`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

HANDLER_TEST = """\
package rsources

import (
\t"testing"

\t"github.com/ory/dockertest/v3"
)

const cacheRepository = "redis"

func TestHandler(t *testing.T) {
\tpool, err := dockertest.NewPool("")
\tif err != nil {
\t\tt.Fatal(err)
\t}
\tt.Run("with postgres", func(t *testing.T) {
\t\tdb, _ := pool.RunWithOptions(&dockertest.RunOptions{
\t\t\tRepository: "postgres",
\t\t\tTag:        "15-alpine",
\t\t\tEnv:        []string{"POSTGRES_PASSWORD=secret"},
\t\t})
\t\t_ = db
\t})
\tcache, _ := pool.RunWithOptions(&dockertest.RunOptions{Repository: cacheRepository})
\temulator, _ := pool.Run("example/pubsub-emulator", "0.4.1", []string{"PUBSUB_PROJECT_ID=test"})
\t_, _ = cache, emulator
}

func startFromConfig(pool *dockertest.Pool, conf config) {
\t_, _ = pool.RunWithOptions(&dockertest.RunOptions{Repository: conf.image, Tag: conf.tag})
\t_, _ = pool.BuildAndRun("probe", "./testdata/Dockerfile", nil)
}
"""

NOT_DOCKERTEST = """\
package other

import "testing"

func TestCases(t *testing.T) {
\tt.Run("postgres", "15-alpine")
\topts := RunOptions{Repository: "example/not-pulled", Tag: "1"}
\t_ = opts
}
"""


def test_images_go_tests_start_with_dockertest_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"services/rsources/handler_test.go": HANDLER_TEST, "other/other_test.go": NOT_DOCKERTEST})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    records = json.loads(out)
    shown = "services/rsources/handler_test.go"
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        (shown, 18, "postgres:15-alpine", "public", "dockertest"),
        (shown, 9, "redis:latest", "public", "dockertest"),
        (shown, 25, "example/pubsub-emulator:0.4.1", "public", "dockertest"),
    }
