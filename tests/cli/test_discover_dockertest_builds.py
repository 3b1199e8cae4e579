"""`ecr-mirror discover` on Go tests that build their database images with dockertest from one Dockerfile whose base
is a build argument (held-out set AS, xo/usql: `pool.BuildAndRunWithBuildOptions(&dt.BuildOptions{ContextDir:
"./testdata/docker", BuildArgs: db.BuildArgs}, ...)` over a table of `[]dc.BuildArg{{Name: "BASE_IMAGE", Value:
"mysql:8"}}`, and `ARG BASE_IMAGE` / `FROM $BASE_IMAGE` in the Dockerfile)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import tree_records

TABLE_TEST = """\
package drivers_test

import (
\t"testing"

\tdt "github.com/ory/dockertest/v3"
\tdc "github.com/ory/dockertest/v3/docker"
)

type Database struct {
\tBuildArgs  []dc.BuildArg
\tRunOptions *dt.RunOptions
}

var dbs = map[string]*Database{
\t"pgsql": {
\t\tBuildArgs: []dc.BuildArg{
\t\t\t{Name: "BASE_IMAGE", Value: "postgres:16"},
\t\t},
\t\tRunOptions: &dt.RunOptions{Name: "usql-pgsql"},
\t},
\t"mssql": {
\t\tBuildArgs: []dc.BuildArg{
\t\t\t{Name: "BASE_IMAGE", Value: "mcr.microsoft.com/mssql/server:2022-latest"},
\t\t\t{Name: "SCHEMA_URL", Value: "https://example.com/schema.sql"},
\t\t},
\t\tRunOptions: &dt.RunOptions{Name: "usql-mssql"},
\t},
}

func TestMain(m *testing.M) {
\tpool, _ := dt.NewPool("")
\tfor _, db := range dbs {
\t\tbuildOpts := &dt.BuildOptions{
\t\t\tContextDir: "./testdata/docker",
\t\t\tBuildArgs:  db.BuildArgs,
\t\t}
\t\t_, _ = pool.BuildAndRunWithBuildOptions(buildOpts, db.RunOptions)
\t}
}
"""

INLINE_TEST = """\
package store_test

import (
\t"testing"

\t"github.com/ory/dockertest/v3"
\t"github.com/ory/dockertest/v3/docker"
)

func TestStore(t *testing.T) {
\tpool, _ := dockertest.NewPool("")
\t_, _ = pool.BuildAndRunWithBuildOptions(&dockertest.BuildOptions{
\t\tContextDir: "../../build",
\t\tDockerfile: "Dockerfile.cache",
\t\tBuildArgs:  []docker.BuildArg{{Name: "REDIS_TAG", Value: "7.4-alpine"}},
\t}, &dockertest.RunOptions{Name: "cache"})
}
"""

TREE = {
    "drivers/drivers_test.go": TABLE_TEST,
    "drivers/testdata/docker/Dockerfile": "ARG BASE_IMAGE\nFROM $BASE_IMAGE\nCOPY init.sql /initdb/\n",
    "internal/store/store_test.go": INLINE_TEST,
    "build/Dockerfile.cache": "ARG REDIS_TAG\nFROM redis:${REDIS_TAG}\n",
}


def test_the_build_arguments_of_dockertest_builds_resolve_their_dockerfiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    records = tree_records(TREE, tmp_path, capsys)
    assert {(r["file"], r["line"], r["reference"]) for r in records if r["status"] == "public"} == {
        ("drivers/testdata/docker/Dockerfile", 2, "postgres:16"),
        ("drivers/testdata/docker/Dockerfile", 2, "mcr.microsoft.com/mssql/server:2022-latest"),
        ("build/Dockerfile.cache", 2, "redis:7.4-alpine"),
    }
    assert not [r for r in records if r["status"] == "unresolved"]


def test_a_dockerfile_no_dockertest_build_names_stays_unresolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    tree = {**TREE, "drivers/drivers_test.go": TABLE_TEST.replace("./testdata/docker", "./testdata/other")}
    records = tree_records(tree, tmp_path, capsys)
    unresolved = {(r["file"], r["line"]) for r in records if r["status"] == "unresolved"}
    assert unresolved == {("drivers/testdata/docker/Dockerfile", 2)}
