"""`ecr-mirror discover` on a script pre-pulling the images a list file of the tree names, one a line: the test
suite's `pull-images.sh`, `while read -r LINE; do docker pull "${LINE}"; done < <(grep -v '^#' FILE)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SCRIPT = """\
#!/bin/bash
SCRIPT_DIRECTORY=$(cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd)
cd "${SCRIPT_DIRECTORY}" || exit

while read -r LINE;
do
  echo "Pulling ${LINE}"
  docker pull "${LINE}" > /dev/null 2>&1
done < <(grep -v '^#' suite/src/test/resources/jdk-images.txt)
"""

JDK_IMAGES = "# every JDK\neclipse-temurin:21-alpine\nazul/zulu-openjdk:17\n"


def test_the_images_of_a_list_file_a_script_pulls_line_by_line_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "it/pull-images.sh": SCRIPT,
            "it/suite/src/test/resources/jdk-images.txt": JDK_IMAGES,
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    rows = {(r["file"], r["line"], r["reference"], r["status"]) for r in records}
    assert rows == {
        ("it/pull-images.sh", 8, "eclipse-temurin:21-alpine", "public"),
        ("it/pull-images.sh", 8, "azul/zulu-openjdk:17", "public"),
    }


def test_a_list_file_linked_from_outside_the_tree_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a symbolic link in the tree to a file of the machine (here beside the tree): not the repository's list
    (tmp_path / "outside.txt").write_text(JDK_IMAGES)
    write_tree(tmp_path / "repo", {"it/pull-images.sh": SCRIPT})
    listed = tmp_path / "repo/it/suite/src/test/resources/jdk-images.txt"
    listed.parent.mkdir(parents=True)
    listed.symlink_to(tmp_path / "outside.txt")
    records = discover_records(tmp_path / "repo", monkeypatch, capsys)
    assert not [r for r in records if r["reference"] and "temurin" in r["reference"]]
