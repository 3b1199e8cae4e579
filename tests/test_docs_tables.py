"""Every Markdown table of the docs keeps its shape: each row has as many cells as its header (a `|` inside a code
span is written `\\|`, as GitHub's table syntax asks), and no row is cut by a line break. A merge that keeps two
endings of one row, or a pipe left unescaped in `a \\| b`, breaks the rendered table without any other test noticing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted([ROOT / "README.md", *ROOT.glob("docs/*.md")])
_PIPE = re.compile(r"(?<!\\)\|")


def _tables(text: str) -> list[list[tuple[int, str]]]:
    tables: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("|"):
            current.append((number, line))
        elif current:
            tables.append(current)
            current = []
    return [*tables, current] if current else tables


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_each_table_row_has_its_header_s_cells(doc: Path) -> None:
    wrong = []
    for table in _tables(doc.read_text(encoding="utf-8")):
        cells = len(_PIPE.findall(table[0][1]))
        wrong += [f"{doc.name}:{number}" for number, line in table if len(_PIPE.findall(line)) != cells]
    assert wrong == []


def test_a_row_cut_in_two_is_caught() -> None:
    text = "| a | b |\n|---|---|\n| `x \\| y` | z |\n| cut |\nrest |\n"
    [table] = _tables(text)
    header = len(_PIPE.findall(table[0][1]))
    assert [number for number, line in table if len(_PIPE.findall(line)) != header] == [4]
