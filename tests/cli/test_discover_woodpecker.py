"""`ecr-mirror discover` reads Woodpecker CI workflows where Woodpecker reads them: `.woodpecker/*.yaml` and
`.woodpecker.yaml` at the top of the tree (or of a repository in it); a `.woodpecker/` directory deeper down (a
linter's fixtures, a sample) is YAML of no known kind, not a workflow, unless named on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    ".woodpecker/test.yaml": (
        "steps:\n  test:\n    image: golang:1.27\n    commands:\n      - docker run --rm redis:7.4 redis-cli -v\n"
    ),
    ".woodpecker/docs.yaml": "steps:\n  - name: lint\n    image: lycheeverse/lychee:0.24.2\n",
    "pipeline/linter/schema/.woodpecker/test-step.yaml": "steps:\n  build:\n    image: golang:1.4\n",
    "vendored-app/.git/HEAD": "ref: refs/heads/main\n",
    "vendored-app/.woodpecker.yml": "steps:\n  build:\n    image: node:24-alpine\n",
}


def _records(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int, str, str]]:
    return [(r["file"], r["line"], r["kind"], r["reference"]) for r in json.loads(capsys.readouterr().out)]


def test_workflows_at_the_top_of_the_tree_or_of_a_repository_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    assert sorted(_records(capsys)) == [
        (".woodpecker/docs.yaml", 3, "Woodpecker pipeline", "lycheeverse/lychee:0.24.2"),
        (".woodpecker/test.yaml", 3, "Woodpecker pipeline", "golang:1.27"),
        (".woodpecker/test.yaml", 5, "Woodpecker pipeline", "redis:7.4"),
        ("vendored-app/.woodpecker.yml", 3, "Woodpecker pipeline", "node:24-alpine"),
    ]


def test_a_deeper_workflow_is_read_when_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "pipeline/linter/schema/.woodpecker/test-step.yaml", "--json"]) == 0
    assert _records(capsys) == [
        ("pipeline/linter/schema/.woodpecker/test-step.yaml", 3, "Woodpecker pipeline", "golang:1.4")
    ]
