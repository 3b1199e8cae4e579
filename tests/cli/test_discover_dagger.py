"""`ecr-mirror discover` on Dagger pipelines written in Go, Python and TypeScript: the Dagger API's
`Container().From(address)` pulls the base image it is given (https://docs.dagger.io, the Container type's `from`),
as a CI pipeline's `client.Container().From("redis:7-alpine")` or a Dagger module's
`dag.Container().From(giteaImage)` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import discover_records, write_tree

# a Dagger module's function (the generated package `<module>/internal/dagger`), a chain split over lines, a same-file
# constant, a value known only at run time (a parameter, a Sprintf) and a commented-out line
GO_MODULE = """\
package main

import (
\t"context"
\t"fmt"

\t"example.com/ci/internal/dagger"
)

const forgeImage = "example/forge:1.4.2"

type Ci struct{}

func (m *Ci) Test(ctx context.Context, cached string, registry string) (*dagger.Container, error) {
\tcache := dag.Container().
\t\tFrom("redis:7-alpine").
\t\tWithExposedPort(6379)
\tforge := dag.Container().From(forgeImage).AsService()
\tbase := dag.Container(dagger.ContainerOpts{Platform: "linux/amd64"})
\tbase = base.From(`golang:1.23-alpine`)
\tfromCache := dag.Container().From(cached)
\tpushed := dag.Container().From(fmt.Sprintf("%s:base", registry))
\t// old := dag.Container().From("example/retired:0.1")
\t_, _, _, _ = cache, forge, fromCache, pushed
\treturn base.WithServiceBinding("forge", forge), nil
}
"""

# the Go SDK used directly (`dagger.Connect`), with an alias
GO_CLIENT = """\
package pipeline

import (
\t"context"

\tdg "dagger.io/dagger"
)

func Lint(ctx context.Context) error {
\tclient, err := dg.Connect(ctx)
\tif err != nil {
\t\treturn err
\t}
\t_, err = client.Container().From("golangci/golangci-lint:v1.61.0").Sync(ctx)
\treturn err
}
"""

PYTHON_MODULE = """\
import dagger
from dagger import dag, function, object_type

POSTGRES = "postgres:16-alpine"


@object_type
class Backend:
    @function
    async def test(self, source: dagger.Directory) -> str:
        db = dag.container().from_(POSTGRES).as_service()
        return await (
            dag.container()
            .from_("python:3.12-slim")
            .with_service_binding("db", db)
            .stdout()
        )
"""

TS_MODULE = """\
import { dag, Container, object, func } from "@dagger.io/dagger"

@object()
export class Web {
  @func()
  build(): Container {
    const parts = Array.from("node:20")
    return dag
      .container()
      .from("node:22-bookworm-slim")
      .withExec(["npm", "ci"])
  }
}
"""

# not Dagger: a Go file with its own `From` method and a TypeScript `Buffer.from`
NOT_DAGGER_GO = """\
package convert

type Image struct{}

func (Image) From(name string) Image { return Image{} }

func Use() { Image{}.From("example/not-pulled:1") }
"""

NOT_DAGGER_TS = """\
const data = Buffer.from("example/not-pulled:2")
export default data
"""


def test_images_dagger_pipelines_start_from_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "ci/main.go": GO_MODULE,
            "ci/pipeline/lint.go": GO_CLIENT,
            "backend/.dagger/src/backend/main.py": PYTHON_MODULE,
            "web/.dagger/src/index.ts": TS_MODULE,
            "convert/image.go": NOT_DAGGER_GO,
            "tools/data.ts": NOT_DAGGER_TS,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"], r["use"]) for r in records} == {
        ("ci/main.go", 16, "redis:7-alpine", "dagger"),
        ("ci/main.go", 10, "example/forge:1.4.2", "dagger"),
        ("ci/main.go", 20, "golang:1.23-alpine", "dagger"),
        ("ci/pipeline/lint.go", 14, "golangci/golangci-lint:v1.61.0", "dagger"),
        ("backend/.dagger/src/backend/main.py", 4, "postgres:16-alpine", "dagger"),
        ("backend/.dagger/src/backend/main.py", 14, "python:3.12-slim", "dagger"),
        ("web/.dagger/src/index.ts", 10, "node:22-bookworm-slim", "dagger"),
    }


def test_a_source_dagger_does_not_read_is_not_decoded_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Google's Dagger (dependency injection) in a Java source written in Latin-1: no Dagger pipeline, nothing to warn of
    java = "// Copyright \xa9 2019 Acme\nimport dagger.Module;\n\n@Module\npublic class AppModule {}\n"
    (tmp_path / "app/src/main/java").mkdir(parents=True)
    (tmp_path / "app/src/main/java/AppModule.java").write_bytes(java.encode("latin-1"))
    write_tree(tmp_path, {"ci/main.py": "import dagger\n\ndag.container().from_('python:3.12-slim')\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [(r["reference"], r["file"], r["line"]) for r in json.loads(out)] == [("python:3.12-slim", "ci/main.py", 3)]
    assert "AppModule.java" not in err
