"""`ecr-mirror discover` on ory/dockertest's own repository: its package's tests call the library unqualified
(`pool.Run("postgres", "9.5", env)`, `pool.RunWithOptions(&RunOptions{Repository: "alpine", Tag: "3.16"})`), as any
Go package calls its own names; the package is dockertest's when the nearest `go.mod` names the module
`github.com/ory/dockertest` (any major version). Doc comments with example calls are not read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

GO_MOD = "module github.com/ory/dockertest/v3\n\ngo 1.21\n"

LIBRARY = """\
package dockertest

import (
\tdc "github.com/ory/dockertest/v3/docker"
)

// Pool represents a connection to the docker API.
type Pool struct {
\tClient *dc.Client
}

// Run starts a docker container.
//
//\tpool.Run("mysql", "5.3", []string{"FOO=BAR"})
//\tpool.RunWithOptions(&RunOptions{Repository: "mongo", Tag: "4"})
func (d *Pool) Run(repository, tag string, env []string) (*Resource, error) {
\treturn d.RunWithOptions(&RunOptions{Repository: repository, Tag: tag, Env: env})
}

/* a block comment: pool.Run("redis", "6", nil) */
"""

LIBRARY_TEST = """\
package dockertest

import (
\t"log"
\t"os"
\t"testing"
)

var pool *Pool

func TestMain(m *testing.M) {
\tvar err error
\tpool, err = NewPool(os.Getenv("DOCKER_URL"))
\tif err != nil {
\t\tlog.Fatal(err)
\t}
\tos.Exit(m.Run())
}

func TestPostgres(t *testing.T) {
\tresource, err := pool.Run("postgres", "9.5", []string{"POSTGRES_PASSWORD=secret"})
\t_, _ = resource, err
\turl := "http://localhost:5432" // pool.Run("example/in-comment", "1", nil)
\t_ = url
}

func TestExec(t *testing.T) {
\tresource, _ := pool.RunWithOptions(&RunOptions{
\t\tRepository: "alpine",
\t\tTag:        "3.16",
\t\tCmd:        []string{"tail", "-f", "/dev/null"},
\t})
\t_ = resource
\tt.Run("sub", func(t *testing.T) {})
}
"""

OTHER_MODULE_GO_MOD = "module example.com/tools\n\ngo 1.21\n"

OTHER_PACKAGE = """\
package dockertest

import "testing"

var pool *Pool

func TestNotOrys(t *testing.T) {
\t_, _ = pool.Run("example/not-orys", "1", nil)
\t_ = RunOptions{Repository: "example/not-orys-either", Tag: "2"}
}
"""


def test_the_dockertest_package_own_tests_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "go.mod": GO_MOD,
            "dockertest.go": LIBRARY,
            "dockertest_test.go": LIBRARY_TEST,
            "tools/go.mod": OTHER_MODULE_GO_MOD,
            "tools/dockertest/pool_test.go": OTHER_PACKAGE,
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, _ = capsys.readouterr()
    records = json.loads(out)
    assert {(r["file"], r["line"], r["reference"], r["status"], r["use"]) for r in records} == {
        ("dockertest_test.go", 21, "postgres:9.5", "public", "dockertest"),
        ("dockertest_test.go", 29, "alpine:3.16", "public", "dockertest"),
    }
