"""`ecr-mirror discover` reads a CircleCI configuration where CircleCI reads it: the `.circleci/` folder at the root
of the repository (https://circleci.com/docs/config-intro/). One in a nested folder (a sub-project that was once a
repository of its own: SunbirdEd-portal's `src/desktop/OpenRAP/.circleci/config.yml`) never runs here: skipped and
counted on stderr, unless at the top of the walk or of a repository in it (a directory holding `.git`), or named as
a PATH."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

_CONFIG = "version: 2.1\njobs:\n  build:\n    docker:\n      - image: {image}\n    steps:\n      - checkout\n"
TREE = {
    ".circleci/config.yml": _CONFIG.format(image="cimg/node:20.11"),
    "src/desktop/agent/.circleci/config.yml": _CONFIG.format(image="circleci/node:12.6"),
    "vendor-free/checkout/.git/HEAD": "ref: refs/heads/main\n",
    "vendor-free/checkout/.circleci/config.yml": _CONFIG.format(image="cimg/python:3.12"),
}


def test_a_nested_circleci_configuration_is_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    captured = capsys.readouterr()
    assert sorted((r["file"], r["reference"]) for r in json.loads(captured.out)) == [
        (".circleci/config.yml", "cimg/node:20.11"),
        ("vendor-free/checkout/.circleci/config.yml", "cimg/python:3.12"),
    ]
    assert (
        "1 CircleCI configurations of a nested folder's .circleci/ (CircleCI reads only the repository root's; name "
        "the folder or file as a PATH to read them) (src/desktop/agent/.circleci/config.yml)"
    ) in captured.err


@pytest.mark.parametrize("given", ["src/desktop/agent", "src/desktop/agent/.circleci/config.yml"])
def test_a_nested_circleci_configuration_is_read_when_its_folder_or_itself_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", given, "--json"]) == 0
    records = {(r["file"], r["reference"]) for r in json.loads(capsys.readouterr().out)}
    assert ("src/desktop/agent/.circleci/config.yml", "circleci/node:12.6") in records
