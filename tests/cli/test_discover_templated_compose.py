"""A compose file that is a template until its program renders it (Go's text/template filling `{{ .Prefix }}-db:`
service names, as a test harness does before `docker compose up`) is read as the compose file it renders: its
literal images are listed, one holding an expression is unresolved; the file is still named as not rendered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

TREE = {
    "testdata/docker-compose-db.yml": (
        "services:\n"
        "  {{ .Prefix }}-db:\n"
        "    image: postgres:16.4\n"
        "    ports:\n"
        '     - "{{ .Port }}:5432"\n'
        "  {{ .Prefix }}-cache:\n"
        "    image: valkey/valkey:{{ .CacheTag }}\n"
    ),
}


def test_a_templated_compose_file_lists_its_literal_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, TREE)
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    captured = capsys.readouterr()
    records = [(r["file"], r["line"], r["written"], r["status"]) for r in json.loads(captured.out)]
    assert records == [
        ("testdata/docker-compose-db.yml", 3, "postgres:16.4", "public"),
        ("testdata/docker-compose-db.yml", 7, "valkey/valkey:{{ .CacheTag }}", "unresolved"),
    ]
    assert "template file(s) not rendered" in captured.err
