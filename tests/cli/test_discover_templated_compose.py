"""A compose file that is a template until its program renders it (Go's text/template filling `{{ .Prefix }}-db:`
service names, as a test harness does before `docker compose up`) is read as the compose file it renders: its
literal images are listed, one holding an expression is unresolved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

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
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["file"], r["line"], r["written"], r["status"]) for r in records] == [
        ("testdata/docker-compose-db.yml", 3, "postgres:16.4", "public"),
        ("testdata/docker-compose-db.yml", 7, "valkey/valkey:{{ .CacheTag }}", "unresolved"),
    ]
