"""`ecr-mirror discover` lists the images a tree's tests start with Testcontainers, and opens no other source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "go.mod": "module example.com/shop\n",
    "internal/store/store_test.go": (
        'package store\n\nimport (\n\t"testing"\n\n\t"github.com/testcontainers/testcontainers-go"\n)\n\n'
        'func TestStore(t *testing.T) {\n\treq := testcontainers.ContainerRequest{Image: "mysql:8.0"}\n\t_ = req\n}\n'
    ),
    "internal/store/store.go": 'package store\n\nvar Config = struct{ Image string }{Image: "alpine:3.20"}\n',
    "web/test/app.e2e-spec.ts": (
        "import { GenericContainer } from 'testcontainers';\n\n"
        "const redis = await new GenericContainer('redis:6.0-alpine').start();\n"
    ),
    "web/node_modules/testcontainers/build/index.js": 'new GenericContainer("testcontainers/ryuk:0.5.1")\n',
    "generated/testdata/fixture_test.go": '"github.com/testcontainers/testcontainers-go"\nWithImage("busybox:1")\n',
    ".gitignore": "generated/\n",
}


def test_literal_testcontainers_images_are_listed_with_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    (tmp_path / "internal/store/broken_test.go").write_bytes(b'"testcontainers" \xff\xfe WithImage("x:1")\n')
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    out, err = capsys.readouterr()
    records = [(r["file"], r["line"], r["kind"], r["use"], r["reference"]) for r in json.loads(out)]
    assert records == [
        ("internal/store/store.go", 3, "Go source", "Image (Go program)", "alpine:3.20"),
        ("internal/store/store_test.go", 10, "Go source", "testcontainers", "mysql:8.0"),
        ("web/test/app.e2e-spec.ts", 3, "TypeScript source", "testcontainers", "redis:6.0-alpine"),
    ]
    assert "internal/store/broken_test.go: not UTF-8 text; skipped" in err
