from __future__ import annotations

import pytest

from ecr_mirror.choose.imagelist import MAX_LIST_BYTES, parse_image_list
from ecr_mirror.errors import ConfigError


def test_comments_blank_lines_and_crlf() -> None:
    text = "# my images\r\nalpine:3.20\r\n\r\n  python:3.12-slim   # trailing comment\r\n"
    result = parse_image_list(text)
    assert [str(e.source) for e in result.entries] == [
        "docker.io/library/alpine:3.20",
        "docker.io/library/python:3.12-slim",
    ]
    assert [e.line for e in result.entries] == [2, 4]
    assert result.errors == []


def test_bad_lines_are_reported_with_line_numbers_and_the_rest_kept() -> None:
    result = parse_image_list("alpine:3.20\nNot/Valid\nnginx:1.27\nbad tag:\n")
    assert [e.line for e in result.entries] == [1, 3]
    assert [(e.line, e.text) for e in result.errors] == [(2, "Not/Valid"), (4, "bad tag:")]
    assert "'Not/Valid'" in result.errors[0].message
    assert str(result.errors[0]).startswith("line 2:")


def test_duplicates_warn_and_run_once() -> None:
    result = parse_image_list("alpine\ndocker.io/library/alpine:latest\n")
    assert len(result.entries) == 1
    assert result.errors == []
    assert result.warnings[0].line == 2 and "duplicates line 1" in result.warnings[0].message


def test_binary_garbage_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="not UTF-8"):
        parse_image_list(b"\xff\xfe\x00\x81garbage", origin="parameter /x")
    with pytest.raises(ConfigError, match="NUL"):
        parse_image_list("alpine\x00\x00")


def test_oversized_list_is_refused() -> None:
    with pytest.raises(ConfigError, match="limit"):
        parse_image_list(b"a" * (MAX_LIST_BYTES + 1))


def test_overlong_line_is_a_line_error() -> None:
    result = parse_image_list("alpine\n" + "x" * 1000 + "\n")
    assert len(result.entries) == 1
    assert result.errors[0].line == 2 and "longer" in result.errors[0].message


def test_bom_is_ignored() -> None:
    assert len(parse_image_list("\ufeffalpine\n").entries) == 1
