"""A Go package's own wrapper of Testcontainers configured by a struct (`testutil.Container{Image: "nginx:1.27"}`,
whose `Start` method gives `c.Image` to a `testcontainers.ContainerRequest`): the `Image` of each composite literal
of that type, in the files that import the package and in the package's own tests, is the image the test starts.
A struct of the package whose `Image` does not reach Testcontainers (a report's `Image` string) is not read, nor a
type of the same name from another package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

WRAPPER = """\
package testutil

import (
\t"context"

\t"github.com/testcontainers/testcontainers-go"
)

type Container struct {
\tImage        string
\tExposedPorts []string
\tEnv          map[string]string

\tcontainer testcontainers.Container
}

type Report struct {
\tImage string
}

func (c *Container) Start() error {
\treq := testcontainers.GenericContainerRequest{
\t\tContainerRequest: testcontainers.ContainerRequest{
\t\t\tImage:        c.Image,
\t\t\tExposedPorts: c.ExposedPorts,
\t\t},
\t\tStarted: true,
\t}
\tcntnr, err := testcontainers.GenericContainer(context.Background(), req)
\tc.container = cntnr
\treturn err
}
"""

OWN_TEST = """\
package testutil

import "testing"

func TestEmptyContainerIntegration(t *testing.T) {
\tcontainer := Container{
\t\tImage: "acme/empty",
\t}
\t_ = container.Start()
\treport := Report{Image: "acme/report:1"}
\t_ = report
}
"""

PLUGIN_TEST = """\
package cache

import (
\t"testing"

\t"github.com/acme/agent/testutil"
\tother "github.com/acme/agent/other"
)

const cacheImage = "valkey/valkey:8.1"

func TestCacheIntegration(t *testing.T) {
\tcontainer := testutil.Container{
\t\tImage:        cacheImage,
\t\tExposedPorts: []string{"6379"},
\t}
\t_ = container.Start()
\tproxy := &testutil.Container{Image: "nginx:stable-alpine", Env: map[string]string{"A": "b"}}
\t_ = proxy.Start()
\t_ = other.Container{Image: "acme/not-started:1"}
}
"""

TREE = {
    "go.mod": "module github.com/acme/agent\n\ngo 1.25.0\n",
    "testutil/container.go": WRAPPER,
    "testutil/container_test.go": OWN_TEST,
    "plugins/cache/cache_test.go": PLUGIN_TEST,
}


def test_the_image_of_a_wrapper_struct_handed_to_testcontainers_is_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records = [(r["file"], r["line"], r["use"], r["reference"]) for r in json.loads(capsys.readouterr().out)]
    assert records == [
        ("plugins/cache/cache_test.go", 10, "testcontainers (testutil.Container)", "valkey/valkey:8.1"),
        ("plugins/cache/cache_test.go", 18, "testcontainers (testutil.Container)", "nginx:stable-alpine"),
        ("testutil/container_test.go", 7, "testcontainers (Container)", "acme/empty:latest"),
    ]
