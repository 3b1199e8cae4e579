"""Each form of the HCL expression subset hcl_eval reads, at its edges: the value, or the exact NotEvaluated reason
(an expression outside the subset is left out by the caller, never a crash)."""

from __future__ import annotations

from typing import Any

import pytest

from ecr_mirror.choose.discovery.hcl import Expr, Text
from ecr_mirror.choose.discovery.hcl_eval import MAX_DEPTH, NotEvaluated, Scope, evaluate, evaluated

VARIABLES: dict[str, Any] = {
    "s": "x",
    "t": "true",
    "f": "false",
    "b": True,
    "l": ["a", "b"],
    "m": {"k": "v", "0": "zero", "n": {"q": "r"}},
    "e": "",
}
FUNCTIONS = {
    "id": (["a"], "a"),
    "two": (["a", "b"], "equal(a, b)"),
    "none": ([], '"c"'),
    "rec": (["a"], "rec(a)"),
    "outer": (["a"], "s"),
}


def _scope(depth: int = 0) -> Scope:
    return Scope(VARIABLES.__getitem__, FUNCTIONS, depth)


CASES: list[tuple[str, Any]] = [
    ('"a"', "a"),
    ("21", "21"),
    ("2.5", "2.5"),
    ("true", "true"),
    ("false", "false"),
    ("s", "x"),
    ("nope", NotEvaluated("nope is not a variable here")),
    ("!t", False),
    ("!f", True),
    ("!b", False),
    ("! !t", True),
    ("!s", NotEvaluated("a condition that is not a boolean")),
    ("t && f", False),
    ("t && t", True),
    ("f || t", True),
    ("f || f", False),
    ("t || f && f", True),
    ("(t || f) && f", False),
    ('s == "x"', True),
    ('s != "x"', False),
    ('s = = "x"', True),
    ('l == ["a", "b"]', True),
    ('l != ["a","b"]', False),
    ("1 == 1", True),
    ('"1" == 1', True),
    ('b == "true"', True),
    ("b == true", True),
    ('l == "a"', False),
    ("m == m", True),
    ("[] == []", True),
    ('t ? "y" : "n"', "y"),
    ('f ? "y" : "n"', "n"),
    ('t ? f ? "1" : "2" : "3"', "2"),
    ('f ? "1" : t ? "2" : "3"', "2"),
    ('f ? nope(1, (2)) : "ok"', "ok"),
    ('t ? "ok" : nope(1, [2])', "ok"),
    ('s ? "y" : "n"', NotEvaluated("a condition that is not a boolean")),
    ('t ? "a"', NotEvaluated("expected :")),
    ('f ? "a"', NotEvaluated("expected :")),
    ('[t ? "a" : nope, "b"]', ["a", "b"]),
    ('[f ? nope : "a", "b"]', ["a", "b"]),
    ('id(t ? "a" : [nope], "z")', NotEvaluated("id() called with 2 arguments for 1 parameters")),
    ('id(f ? {x} : "a")', "a"),
    ("m.k", "v"),
    ('m["k"]', "v"),
    ("m.n.q", "r"),
    ('m["n"]["q"]', "r"),
    ("l[0]", "a"),
    ("l[1]", "b"),
    ("l[2]", NotEvaluated("no `2` in the value")),
    ('l["1"]', "b"),
    ("m.z", NotEvaluated("no `z` in the value")),
    ("m[0]", "zero"),
    ("l.0", "a"),
    ("s.x", NotEvaluated("no `x` in the value")),
    ('m[t ? "k" : "z"]', "v"),
    ("[]", []),
    ('["a", "b",]', ["a", "b"]),
    ('["a" "b"]', NotEvaluated("expected `,` or `]`")),
    ('["a",', NotEvaluated("expected a value")),
    ("[", NotEvaluated("expected a value")),
    ("(", NotEvaluated("expected a value")),
    ('("a"', NotEvaluated("expected )")),
    ('("a")', "a"),
    ('id("a")', "a"),
    ('id("a", "b")', NotEvaluated("id() called with 2 arguments for 1 parameters")),
    ("none()", "c"),
    ('none("a")', NotEvaluated("none() called with 1 arguments for 0 parameters")),
    ('two("a", "a")', True),
    ('two("a","b")', False),
    ('outer("q")', "x"),
    ('equal("a", "a")', True),
    ('equal("a")', NotEvaluated("equal() is a function this reader does not evaluate")),
    ('notequal("a", "b")', True),
    ('notequal("a", "a")', False),
    ("equal(l, l)", True),
    ('equal(l, "a")', False),
    ('equal(true, "true")', True),
    ("and(t, t)", True),
    ("and(t, f)", False),
    ("and()", NotEvaluated("and() is a function this reader does not evaluate")),
    ("or(f, t)", True),
    ("or(f, f)", False),
    ("or()", NotEvaluated("or() is a function this reader does not evaluate")),
    ("not(t)", False),
    ("not(f)", True),
    ("not(t, f)", NotEvaluated("not() is a function this reader does not evaluate")),
    ("not()", NotEvaluated("not() is a function this reader does not evaluate")),
    ('contains(l, "a")', True),
    ('contains(l, "c")', False),
    ('contains("l", "a")', NotEvaluated("contains() is a function this reader does not evaluate")),
    ("contains(l)", NotEvaluated("contains() is a function this reader does not evaluate")),
    ('lookup(m, "k")', "v"),
    ('lookup(m, "z")', NotEvaluated("lookup() is a function this reader does not evaluate")),
    ('lookup(m, "z", "d")', "d"),
    ('lookup(m, "k", "d")', "v"),
    ('lookup(l, "k")', NotEvaluated("lookup() is a function this reader does not evaluate")),
    ("lookup(m)", NotEvaluated("lookup() is a function this reader does not evaluate")),
    ('lookup(m, "k", "d", "e")', NotEvaluated("lookup() is a function this reader does not evaluate")),
    ('upper("aB")', "AB"),
    ('lower("aB")', "ab"),
    ("upper(l)", NotEvaluated("a list or object where a string is expected")),
    ('upper("a", "b")', NotEvaluated("upper() is a function this reader does not evaluate")),
    ("upper(b)", "TRUE"),
    ("lower(true)", "true"),
    ('regex_replace("a")', NotEvaluated("regex_replace() is a function this reader does not evaluate")),
    ('s + "x"', NotEvaluated("`+` is an operator this reader does not evaluate")),
    ("1 < 2", NotEvaluated("`<` is an operator this reader does not evaluate")),
    ("s @ t", NotEvaluated("cannot read ' @ t'")),
    ('"a" "b"', NotEvaluated('`"b"` is an operator this reader does not evaluate')),
    ("s)", NotEvaluated("`)` is an operator this reader does not evaluate")),
    ("for x in l", NotEvaluated("for is not a variable here")),
    ("{a = 1}", NotEvaluated("`{` is an expression this reader does not evaluate")),
    ('"${s}-${t}"', "x-true"),
    ('"$${s}"', "${s}"),
    ('"a$${s}${s}"', "a${s}x"),
    ('"%{if t}a%{endif}"', NotEvaluated("a template directive (`%{`)")),
    ('"%%{x}"', "%%{x}"),
    ('"${s"', NotEvaluated("a `${` without its closing `}`")),
    ('"${m["k"]}"', NotEvaluated("a `${` without its closing `}`")),
    ('"${"}"}"', NotEvaluated("a `${` without its closing `}`")),
    ('"${l}"', NotEvaluated("a list or object where a string is expected")),
    ('"${"\\"}"}"', NotEvaluated('cannot read \'\\\\"}"}"\'')),
    ('"${ {}}"', NotEvaluated("`{` is an expression this reader does not evaluate")),
    ('"${id("}")}"', NotEvaluated("a `${` without its closing `}`")),
    ('"${ t ? "{" : "}" }"', NotEvaluated("a `${` without its closing `}`")),
    ('"a\\nb"', "a\nb"),
    ('"$${"', "${"),
    ('"$$"', "$$"),
    ("  s  ", "x"),
    ("", NotEvaluated("expected a value")),
    ("m.", NotEvaluated("expected a value")),
    ("m[", NotEvaluated("expected a value")),
    ('m["k"', NotEvaluated("expected ]")),
    ("-1", NotEvaluated("`-` is an expression this reader does not evaluate")),
    ("l[-1]", NotEvaluated("`-` is an expression this reader does not evaluate")),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_expression_form(text: str, expected: Any) -> None:
    if isinstance(expected, NotEvaluated):
        with pytest.raises(NotEvaluated) as caught:
            evaluate(text, _scope())
        assert str(caught.value) == str(expected)
    else:
        assert evaluate(text, _scope()) == expected


def test_the_depth_limit_is_checked_before_anything_is_read() -> None:
    assert evaluate("s", _scope(MAX_DEPTH)) == "x"
    with pytest.raises(NotEvaluated, match=r"^functions or variables nested too deeply$"):
        evaluate("s", _scope(MAX_DEPTH + 1))


def test_a_function_calling_itself_is_not_evaluated() -> None:
    # the depth limit, or the interpreter's stack first where each call takes more frames (a tracer, mutmut)
    with pytest.raises(NotEvaluated, match=r"nested too deeply$"):
        evaluate('rec("a")', _scope())


def test_an_expression_nested_past_the_interpreter_stack_is_not_evaluated_never_a_crash() -> None:
    with pytest.raises(NotEvaluated, match=r"^an expression nested too deeply$"):
        evaluate("(" * 400 + '"a"' + ")" * 400, _scope())
    with pytest.raises(NotEvaluated, match=r"^an expression nested too deeply$"):
        evaluated(Text("${" + "(" * 400 + "s" + ")" * 400 + "}", 1), _scope())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Text('${m["k"]}', 1), "v"),
        (Text('${"}"}', 1), "}"),
        (Text('${ t ? "{" : "}" }-${s}', 1), "{-x"),
        (Text("${ {a} }", 1), NotEvaluated("`{` is an expression this reader does not evaluate")),
        (Text('${"a', 1), NotEvaluated("a `${` without its closing `}`")),
        (Expr('t ? s : "n"', 1), "x"),
        ([Text("a", 1), Expr("s", 1)], ["a", "x"]),
        ({"k": Expr("l", 1)}, {"k": ["a", "b"]}),
        (None, NotEvaluated("a variable without a default")),
        (3, NotEvaluated("a variable without a default")),
    ],
)
def test_values_as_hcl_reads_them(value: Any, expected: Any) -> None:
    if isinstance(expected, NotEvaluated):
        with pytest.raises(NotEvaluated) as caught:
            evaluated(value, _scope())
        assert str(caught.value) == str(expected)
    else:
        assert evaluated(value, _scope()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"${!t}"', "false"),
        ("upper(!t)", "FALSE"),
        ('equal(!t, "false")', True),
        ('"a b"', "a b"),
        ("t || t", True),
        ('"${s}$"', "x$"),
    ],
)
def test_booleans_as_text_spaces_in_strings_and_a_closing_dollar(text: str, expected: Any) -> None:
    assert evaluate(text, _scope()) == expected


def test_each_function_call_is_one_level_deeper() -> None:
    chain = Scope(VARIABLES.__getitem__, {"f1": ([], "f2()"), "f2": ([], "f3()"), "f3": ([], '"deep"')}, 0)
    chain.depth = MAX_DEPTH - 3
    assert evaluate("f1()", chain) == "deep"
    chain.depth = MAX_DEPTH - 2
    with pytest.raises(NotEvaluated, match=r"^functions or variables nested too deeply$"):
        evaluate("f1()", chain)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('${"a"}${"b"}', "ab"),
        ('${""}x', "x"),
        ('${ t ? "x" : {a} }', "x"),
        ('${ t ? "x" : {a = {b}} }', "x"),
    ],
)
def test_where_a_template_part_ends(raw: str, expected: str) -> None:
    assert evaluated(Text(raw, 1), _scope()) == expected
