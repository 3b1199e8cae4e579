"""The small HCL reader at its edges: strings with escapes and templates holding strings, heredocs and the lines
after them, literals, expressions kept as written text, and each syntax error quoted whole with its line."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.hcl import Expr, HclSyntax, Text, parse_hcl


@pytest.mark.parametrize(
    ("written", "raw"),
    [
        (r'"tab\there\nnew \"q\" back\\slash"', 'tab\there\nnew "q" back\\slash'),
        (r'"say \"hi\""', 'say "hi"'),
        (r'"C:\\"', "C:\\"),
        ('"${format("%s-%s", REGISTRY, "app")}:1"', '${format("%s-%s", REGISTRY, "app")}:1'),
        ('"${coalesce(TAG, "")}"', '${coalesce(TAG, "")}'),
        ('"${"acme"}/app"', '${"acme"}/app'),
        ('"${replace(TAG, "}", "-")}"', '${replace(TAG, "}", "-")}'),
        ('"%{if TAG == "dev"}edge%{else}stable%{endif}"', '%{if TAG == "dev"}edge%{else}stable%{endif}'),
        ('"${lower(NAME)}-${TAG}"', "${lower(NAME)}-${TAG}"),
        ('"}"', "}"),
    ],
)
def test_a_string_ends_at_its_own_closing_quote(written: str, raw: str) -> None:
    assert parse_hcl(f"tag = {written}\nnext = 1\n", "docker-bake.hcl") == [
        ("tag", [], Text(raw, 1, "docker-bake.hcl"), 1),
        ("next", [], Text("1", 2, "docker-bake.hcl"), 2),
    ]


def test_literals_are_text_null_is_none_and_other_names_are_kept_as_expressions() -> None:
    text = 'a = true\nb = false\nc = null\nd = TRUE\ne = nullable\nf = "null"\ng = [true, null]\n'
    assert parse_hcl(text, "f.hcl") == [
        ("a", [], Text("true", 1, "f.hcl"), 1),
        ("b", [], Text("false", 2, "f.hcl"), 2),
        ("c", [], None, 3),
        ("d", [], Expr("TRUE", 4, "f.hcl"), 4),
        ("e", [], Expr("nullable", 5, "f.hcl"), 5),
        ("f", [], Text("null", 6, "f.hcl"), 6),
        ("g", [], [Text("true", 7, "f.hcl"), None], 7),
    ]


def test_heredocs_with_the_same_marker_and_the_lines_after_them() -> None:
    text = 'a = <<EOT\nfirst\nEOT\nb = <<-EOT\n  second\n  EOT\nc = "after"\n'
    assert parse_hcl(text, "f.hcl") == [
        ("a", [], Text("first\n", 1, "f.hcl"), 1),
        ("b", [], Text("  second\n", 4, "f.hcl"), 4),
        ("c", [], Text("after", 7, "f.hcl"), 7),
    ]


def test_expressions_are_kept_as_their_tokens() -> None:
    text = (
        'a = "x" == TAG ? "a" : "b"\n'
        "b = {\n  for k in TARGETS : k => 1\n}\n"
        "c = [upper(x), lower(y)]\n"
        "d = [1 2]\n"
        "e = [for v in LIST : v]\n"
        "f = x.y\n"
    )
    assert parse_hcl(text, "f.hcl") == [
        ("a", [], Expr('"x" = = TAG ? "a" : "b"', 1, "f.hcl"), 1),
        ("b", [], Expr("{ for k in TARGETS : k = > 1 }", 2, "f.hcl"), 2),
        ("c", [], [Expr("upper ( x )", 5, "f.hcl"), Expr("lower ( y )", 5, "f.hcl")], 5),
        ("d", [], [Expr("1 2", 6, "f.hcl")], 6),
        ("e", [], Expr("[ for v in LIST : v ]", 7, "f.hcl"), 7),
        ("f", [], Expr("x . y", 8, "f.hcl"), 8),
    ]


def test_blocks_take_string_and_name_labels_and_objects_take_both_separators() -> None:
    text = 'target "app" "b" c {\n  args = {\n    "K" = "v"\n    K2 : "v2"\n    K3 = "v3",\n  }\n}\n'
    assert parse_hcl(text, "f.hcl") == [
        (
            "target",
            ["app", "b", "c"],
            [("args", [], {"K": Text("v", 3, "f.hcl"), "K2": Text("v2", 4, "f.hcl"), "K3": Text("v3", 5, "f.hcl")}, 2)],
            1,
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('a = "abc', "line 1: a string without its closing quote"),
        ('\na = "one\nb = "\n', "line 2: a string without its closing quote"),
        ("\n\na = @x\n", "line 3: unexpected '@'"),
        ("a = 1\nb = <<EOT\nx\n", "line 2: heredoc <<EOT without its closing line"),
        ("a = 1\nb =", "line 2: expected a value"),
        ("a = 1\nb = )\n", "line 2: expected a value"),
        ("a = 1\nb = }\n", "line 2: expected a value"),
        ("a = 1\nb = [1", "line 2: expected ',' or ']' in a list"),
        ("a = 1\nb = {x = 1,, }\n", "line 2: expected KEY = VALUE in an object"),
        ("a = 1\n}\n", "line 2: an extra '}'"),
        ("a = 1\n= 1", "line 2: expected a name, found '='"),
        ('a = 1\ntarget "x"', "line 2: expected '=' or a block after 'target'"),
        ('a = 1\ntarget "x" {\n  b = 2\n', "line 2: a block without its closing '}'"),
    ],
)
def test_what_cannot_be_read_is_refused_with_its_line(text: str, message: str) -> None:
    with pytest.raises(HclSyntax) as caught:
        parse_hcl(text, "f.hcl")
    assert str(caught.value) == message


def test_a_value_at_the_end_of_a_file_without_a_final_newline() -> None:
    assert parse_hcl('tags = ["a"]\nversion = "1"', "f.hcl") == [
        ("tags", [], [Text("a", 1, "f.hcl")], 1),
        ("version", [], Text("1", 2, "f.hcl"), 2),
    ]
