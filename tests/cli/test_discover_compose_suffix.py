"""A compose file named with the `.compose` extension (`stacks/search.compose`, run as `docker compose -f
stacks/search.compose up` by a developer): read as a compose file when its content is one; another file with that
extension (notes, a music score) is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

STACK = (
    "services:\n"
    "  search:\n"
    "    image: opensearchproject/opensearch:2.19.1\n"
    "    ports:\n"
    '      - "9200:9200"\n'
    "  app:\n"
    "    build: .\n"
    "    image: example/app:dev\n"
    "volumes:\n"
    "  data: {}\n"
)
NOT_COMPOSE = "image: not-a-service:1\nsettings:\n  colour: blue\n"


def test_a_dot_compose_file_shaped_like_compose_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"stacks/search.compose": STACK, "docs/notes.compose": NOT_COMPOSE})
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["file"], r["line"], r["reference"]) for r in records} == {
        ("stacks/search.compose", 3, "opensearchproject/opensearch:2.19.1")
    }
