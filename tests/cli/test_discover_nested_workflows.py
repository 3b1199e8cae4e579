"""`ecr-mirror discover` reads GitHub Actions workflows where GitHub runs them: the `.github/workflows/` of the
repository's root (https://docs.github.com/en/actions/writing-workflows/about-workflows). One in a nested folder's
`.github/workflows/` (an app of a monorepo that was once a repository of its own, a cookiecutter template's, a vendored
action's) never runs here: skipped and counted on stderr, unless it is at the top of the walk or of a repository in it
(a directory holding `.git`), or named as a PATH. Action metadata (`action.yml`) is read wherever it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_SERVICE = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      db:\n        image: {image}\n"
TREE = {
    ".github/workflows/ci.yml": _SERVICE.format(image="postgres:17"),
    "apps/billing/.github/workflows/ci.yml": _SERVICE.format(image="postgres"),
    "apps/billing/.github/actions/lint/action.yml": (
        "name: lint\nruns:\n  using: docker\n  image: docker://hadolint/hadolint:v2.12.0\n"
    ),
    "{{cookiecutter.project_slug}}/.github/workflows/test.yml": _SERVICE.format(image="redis:7.4"),
    "checkouts/other/.git/HEAD": "ref: refs/heads/main\n",
    "checkouts/other/.github/workflows/ci.yml": _SERVICE.format(image="mysql:8.4"),
}


def _records(capsys: pytest.CaptureFixture[str]) -> list[tuple[str, str]]:
    return sorted((r["file"], r["reference"]) for r in json.loads(capsys.readouterr().out))


def test_nested_workflows_are_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    captured = capsys.readouterr()
    assert sorted((r["file"], r["reference"]) for r in json.loads(captured.out)) == [
        (".github/workflows/ci.yml", "postgres:17"),
        ("apps/billing/.github/actions/lint/action.yml", "hadolint/hadolint:v2.12.0"),
        ("checkouts/other/.github/workflows/ci.yml", "mysql:8.4"),
    ]
    assert (
        "skipped 2 candidate file(s): 2 GitHub Actions workflows of a nested folder's .github/workflows/ "
        "(GitHub runs only the repository root's; name the folder or file as a PATH to read them) "
        "(apps/billing/.github/workflows/ci.yml, {{cookiecutter.project_slug}}/.github/workflows/test.yml)"
    ) in captured.err


@pytest.mark.parametrize(
    "given",
    ["apps/billing", "apps/billing/.github", "apps/billing/.github/workflows", "apps/billing/.github/workflows/ci.yml"],
)
def test_a_nested_workflow_is_read_when_its_folder_or_itself_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", given, "--json"]) == 0
    assert ("apps/billing/.github/workflows/ci.yml", "postgres:latest") in _records(capsys)


def test_the_root_workflows_are_read_when_the_walk_starts_below_the_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".github/workflows", "--json"]) == 0
    assert _records(capsys) == [(".github/workflows/ci.yml", "postgres:17")]
