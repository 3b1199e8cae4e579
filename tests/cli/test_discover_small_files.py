"""The one size limit of the sources discover reads whole."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.cli.discover_small_files import MAX_SOURCE_BYTES, small_bytes, small_text


def test_a_file_at_the_limit_is_read_and_a_larger_one_is_not(tmp_path: Path) -> None:
    at, over = tmp_path / "at.go", tmp_path / "over.go"
    at.write_bytes(b"a" * MAX_SOURCE_BYTES)
    over.write_bytes(b"a" * (MAX_SOURCE_BYTES + 1))
    assert small_bytes(at) == b"a" * MAX_SOURCE_BYTES
    assert (small_bytes(over), small_text(over)) == (None, None)


def test_text_replaces_undecodable_bytes_and_reads_newlines_as_python_does(tmp_path: Path) -> None:
    source = tmp_path / "Test.java"
    source.write_bytes(b'String image = "redis:7";\r\n// \xff\n')
    assert small_text(source) == 'String image = "redis:7";\n// \ufffd\n'


def test_a_missing_file_or_a_directory_reads_as_none(tmp_path: Path) -> None:
    assert small_bytes(tmp_path / "gone.py") is None
    assert small_text(tmp_path) is None
