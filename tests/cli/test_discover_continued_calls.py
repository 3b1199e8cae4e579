"""`discover` reads a call of a script function that runs docker with its positional parameters when the call is
continued over lines (`run_registry \\` then one argument a line), as the shell joins a backslash-newline: the
function's `docker run $img_name` takes the call's second word, at the call's first line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

LIBRARY = """\
#!/bin/sh -e
start_registry () {
    mnt_root=$1
    image_name=$2
    if [ -z "$image_name" ]; then
        exit 1
    fi
    docker run --pull always -d --rm \\
        --mount type=bind,source=$mnt_root,target=/var/lib/registry \\
        $image_name
}
"""

SETUP = """\
#!/bin/sh -e
. "$(dirname "$0")/lib.sh"
echo "starting registries"
start_registry \\
  ./testdata/mount \\
  ghcr.io/acme/registry:v1.0.0-rc.4 \\
  first-registry
start_registry ./testdata/other \\
  registry:2.8.1
"""


def _rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> set[tuple[str, int, str | None, str]]:
    return {
        (r["file"], r["line"], r["reference"], r["status"]) for r in discover_records(tmp_path, monkeypatch, capsys)
    }


def test_a_call_continued_over_lines_takes_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"test/scripts/lib.sh": LIBRARY, "test/scripts/setup.sh": SETUP})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert ("test/scripts/setup.sh", 4, "ghcr.io/acme/registry:v1.0.0-rc.4", "public") in rows
    assert ("test/scripts/setup.sh", 8, "registry:2.8.1", "public") in rows


def test_a_continued_line_that_is_no_call_is_not_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `echo start_registry \` is no call of the function: its next line's words are no image
    setup = '#!/bin/sh -e\n. "$(dirname "$0")/lib.sh"\necho start_registry \\\n  ./data \\\n  registry:2.8.1\n'
    write_tree(tmp_path, {"test/scripts/lib.sh": LIBRARY, "test/scripts/setup.sh": setup})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert all(reference != "registry:2.8.1" for _, _, reference, _ in rows)


def test_a_library_sourced_under_a_root_the_script_is_given_is_read_from_the_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `prepare.sh <repo_root>`: the library's path after `${repo_root}` names a file from the repository's top
    setup = SETUP.replace(
        '. "$(dirname "$0")/lib.sh"',
        "repo_root=$1\nrepo_root=$(realpath ${repo_root})\n. ${repo_root}/test/scripts/lib.sh",
    )
    write_tree(tmp_path, {".git/HEAD": "", "test/scripts/lib.sh": LIBRARY, "test/scripts/setup.sh": setup})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert ("test/scripts/setup.sh", 6, "ghcr.io/acme/registry:v1.0.0-rc.4", "public") in rows
    assert ("test/scripts/setup.sh", 10, "registry:2.8.1", "public") in rows


def test_a_root_path_the_top_does_not_hold_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `${repo_root}/scripts/lib.sh` is no file from the top: the library beside the script is not taken for it
    setup = SETUP.replace('. "$(dirname "$0")/lib.sh"', ". ${repo_root}/scripts/lib.sh")
    write_tree(tmp_path, {".git/HEAD": "", "test/scripts/lib.sh": LIBRARY, "test/scripts/setup.sh": setup})
    rows = _rows(tmp_path, monkeypatch, capsys)
    assert all(reference != "registry:2.8.1" for _, _, reference, _ in rows)
