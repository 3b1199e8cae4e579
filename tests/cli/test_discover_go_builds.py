"""A Go test that builds an image with os/exec (`exec.Command("docker", "build", "-t", "catalog-test", ...)`) and
then runs it: the image is built here, not pulled; the images it does not build are still listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "test/catalog/catalog_test.go": (
        "package catalog\n\n"
        'import (\n\t"os/exec"\n\t"testing"\n)\n\n'
        "func TestCatalog(t *testing.T) {\n"
        '\tbuild := exec.Command("docker", "build", "-t", "catalog-test", "-f", "Dockerfile.catalog", ".")\n'
        "\tif out, err := build.CombinedOutput(); err != nil {\n"
        '\t\tt.Fatalf("build: %v\\n%s", err, out)\n\t}\n'
        '\trun := exec.Command("docker", "run", "--rm",\n'
        '\t\t"--network", "host",\n'
        '\t\t"catalog-test",\n'
        '\t\t"python", "/app/check.py")\n'
        "\t_ = run.Run()\n"
        '\t_ = exec.Command("docker", "run", "-d", "redis:7.4").Run()\n'
        "}\n"
    ),
    "test/catalog/Dockerfile.catalog": "FROM python:3.12-slim\nCOPY check.py /app/\n",
}


def test_an_image_a_go_test_builds_is_not_pulled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    listed = sorted((r["reference"], r["file"]) for r in records if r["status"] == "public")
    assert listed == [
        ("python:3.12-slim", "test/catalog/Dockerfile.catalog"),
        ("redis:7.4", "test/catalog/catalog_test.go"),
    ]
