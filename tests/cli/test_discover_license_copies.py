"""`go-licenses save` (and tools like it) copies each dependency's files under a directory named by its module path
(`licenses/go-licenses/github.com/OWNER/REPO/...`): another project's CI files, not this one's. `discover` skips
`licenses/`, `LICENSES/` and `third_party_licenses/` as it skips `vendor/`, and counts what it did not read there."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: golang:1.24\n"
        "    steps:\n      - run: make test\n"
    ),
    "licenses/go-licenses/github.com/acme/multierror/.circleci/config.yml": (
        "version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/go:1.14\n    steps:\n      - checkout\n"
    ),
    "third_party_licenses/github.com/acme/retry/docker-compose.yml": "services:\n  db:\n    image: postgres:9.6\n",
}


def test_license_copies_of_dependencies_are_skipped_and_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", "."]) == 0
    out, err = capsys.readouterr()
    assert [line.split()[0] for line in out.splitlines()] == ["golang:1.24"]
    assert "2 license texts and dependencies' files copied with them (licenses/, third_party_licenses/) (" in err
    assert "licenses/go-licenses/github.com/acme/multierror/.circleci/config.yml" in err
