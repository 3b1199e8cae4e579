"""A Dockerfile under a Go package's `testdata/` that the package's unit tests name, in a package that can build no
image (no Go file of it imports testcontainers-go, dockertest, a Docker, Moby or BuildKit client, or names a
`"docker"`, `"podman"`, `"buildah"`, `"kaniko"` command), is an input its code reads as text (a CLI detecting a
preview Dockerfile), never built: not read. A package whose test may build it keeps it read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_VARIABLES_TEST = """\
package variables_test

import (
\t"path/filepath"
\t"testing"
)

func TestFindDockerfile(t *testing.T) {
\tfor _, dir := range []string{"preview", "plain"} {
\t\to := newOptions()
\t\to.Dir = filepath.Join("testdata", dir)
\t\tcheckDockerfilePath(t, o)
\t}
}
"""

# the package's own name for a registry is no build
_VARIABLES = """\
package variables

func registry(data map[string]string) string { return data["DOCKER_REGISTRY"] }
"""

_CONTAINERS_TEST = """\
package store_test

import (
\t"testing"

\t"github.com/testcontainers/testcontainers-go"
)

func TestStore(t *testing.T) {
\treq := testcontainers.ContainerRequest{FromDockerfile: testcontainers.FromDockerfile{Context: "testdata/db"}}
\tstart(t, req)
}
"""

_CLI_BUILD_TEST = """\
package image_test

import (
\t"os/exec"
\t"testing"
)

func TestBuild(t *testing.T) {
\t_ = exec.Command("podman", "build", "./testdata/app").Run()
}
"""


def test_a_testdata_dockerfile_a_unit_test_names_is_not_read_unless_the_package_builds_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = {
        "go.mod": "module example.com/gitops\n",
        "pkg/cmd/variables/variables.go": _VARIABLES,
        "pkg/cmd/variables/variables_test.go": _VARIABLES_TEST,
        "pkg/cmd/variables/testdata/preview/Dockerfile": "FROM gcr.io/acme/cli-base:latest\n",
        "pkg/cmd/variables/testdata/preview/Dockerfile-preview": "FROM gcr.io/acme/cli-base:latest\n",
        "pkg/cmd/variables/testdata/plain/Dockerfile": "FROM acme/plain:1.0\n",
        # testcontainers builds it: read
        "pkg/store/store.go": "package store\n",
        "pkg/store/store_test.go": _CONTAINERS_TEST,
        "pkg/store/testdata/db/Dockerfile": "FROM postgres:16.4\n",
        # a podman command builds it: read
        "pkg/image/image.go": "package image\n",
        "pkg/image/image_test.go": _CLI_BUILD_TEST,
        "pkg/image/testdata/app/Dockerfile": "FROM alpine:3.20\n",
    }
    write_tree(tmp_path, tree)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert sorted(record["written"] for record in json.loads(out)) == ["alpine:3.20", "postgres:16.4"]
    assert "3 manifests only a Go package's unit tests read (" in err
