"""The top-level arguments of a Go call, as the readers of calls take them one by one."""

from __future__ import annotations

from ecr_mirror.choose.discovery.go_call_arguments import call_arguments


def _after_paren(text: str) -> int:
    return text.index("(") + 1


def test_arguments_are_split_at_top_level_commas_with_their_offsets() -> None:
    text = 'docker.Run(t, "redis:7.4", &docker.RunOptions{Detach: true, Command: []string{"a", "b"}})'
    arguments = call_arguments(text, _after_paren(text))
    assert arguments is not None
    assert [word for _, word in arguments] == [
        "t",
        '"redis:7.4"',
        '&docker.RunOptions{Detach: true, Command: []string{"a", "b"}}',
    ]
    assert [text[offset : offset + len(word)] for offset, word in arguments] == [word for _, word in arguments]


def test_commas_and_brackets_inside_strings_split_nothing() -> None:
    text = 'f("a, \\"b)\\"", `c, ) d`, e)'
    arguments = call_arguments(text, _after_paren(text))
    assert arguments is not None
    assert [word for _, word in arguments] == ['"a, \\"b)\\""', "`c, ) d`", "e"]


def test_a_raw_string_spans_lines() -> None:
    text = "Sprintf(`image: %s\nname: x`,\n\timage)"
    arguments = call_arguments(text, _after_paren(text))
    assert arguments is not None
    assert [word for _, word in arguments] == ["`image: %s\nname: x`", "image"]


def test_a_call_that_does_not_close_gives_none() -> None:
    assert call_arguments('f("a", b', 2) is None
    assert call_arguments('f("a, b)\n', 2) is None  # the string ends with its line, unclosed


def test_a_call_without_arguments_gives_none_of_them() -> None:
    assert call_arguments("f()", 2) == []
    assert call_arguments("f(a, )", 2) == [(2, "a")]
