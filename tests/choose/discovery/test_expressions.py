"""GitHub Actions expressions evaluated as GitHub does, operator by operator and function by function (mutation
survivors of choose/discovery/expressions.py: the workflow tests reached only a few of them)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from ecr_mirror.choose.discovery.expressions import NotKnown, evaluate, literal_results, text_of

MATRIX: dict[str, Any] = {
    "os": "ubuntu",
    "oracle": 21,
    "list": ["a", "b"],
    "one": {"k": 1},
    "same": {"k": 1},
    "nan": math.nan,
    "half": 2.5,
}


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        # literals
        ("null", None),
        ("true", True),
        ("false", False),
        ("0x1F", 31.0),
        ("-2.5", -2.5),
        ("1e2", 100.0),
        ("'it''s'", "it's"),
        ("(false || 'x')", "x"),
        ("(1)", 1.0),
        # comparisons: numbers at each boundary, strings without regard to case
        ("1 == 1", True),
        ("1 != 2", True),
        ("1 != 1", False),
        ("1 < 2", True),
        ("2 < 2", False),
        ("2 <= 2", True),
        ("3 <= 2", False),
        ("3 > 2", True),
        ("2 > 2", False),
        ("2 >= 2", True),
        ("1 >= 2", False),
        ("'A' == 'a'", True),
        ("'abc' != 'ABC'", False),
        ("'b' > 'A'", True),
        # values of different types compared as numbers
        ("true == 1", True),
        ("false == 0", True),
        ("null == 0", True),
        ("'0x10' == 16", True),
        ("'0x1f' == 31", True),
        ("' 12 ' == 12", True),
        ("'' == 0", True),
        ("'abc' == 0", False),
        ("'abc' != 0", True),
        ("'abc' < 1", False),
        # objects and arrays: equal only to themselves
        ("matrix.one == matrix.one", True),
        ("matrix.one == matrix.same", False),
        ("matrix.one != matrix.same", True),
        ("matrix.one != matrix.one", False),
        ("matrix.one < matrix.one", False),
        ("matrix.one < matrix.same", False),
        ("matrix.one == matrix.list", False),
        # && and || give one of their operands
        ("'' && 'a' || 'b'", "b"),
        ("0 || 'b'", "b"),
        ("1.5 && 'a'", "a"),
        ("matrix.half && 'a'", "a"),
        ("matrix.nan && 'a' || 'b'", "b"),
        ("matrix.oracle < 23 && 'xe' || 'free'", "xe"),
        # !
        ("!true", False),
        ("!0", True),
        ("!''", True),
        ("!'x'", False),
        ("!!'x'", True),
        # matrix access
        ("matrix.os", "ubuntu"),
        ("matrix['os']", "ubuntu"),
        ("matrix[false || 'os']", "ubuntu"),
        ("matrix.os.name", None),
        ("matrix.missing", None),
        # functions, names in any case
        ("format('{0}-{1}', 'a', 1)", "a-1"),
        ("format('{1}{0}', 'a', 'b')", "ba"),
        ("format('{0}/{1}/{2}/{3}', true, false, null, 2.5)", "true/false//2.5"),
        ("format()", ""),
        ("format(false || '{0}', 'x')", "x"),
        ("contains('Hello', 'ELL')", True),
        ("contains('Hello', 'x')", False),
        ("contains(matrix.list, 'B')", True),
        ("contains(matrix.list, 'c')", False),
        ("contains(matrix.list, '[')", False),
        ("StartsWith('Hello', 'he')", True),
        ("startsWith('Hello', 'lo')", False),
        ("endsWith('Hello', 'LO')", True),
        ("endsWith('Hello', 'he')", False),
        ("join(matrix.list, ':')", "a:b"),
        ("join(matrix.list)", "a,b"),
        ("JOIN(matrix.list, '')", "ab"),
        ("join('one', '-')", "one"),
        ("join(fromJSON('[\"mysql\", 8.0, true]'), ':')", "mysql:8:true"),
    ],
)
def test_an_expression_has_the_value_github_gives_it(expression: str, value: object) -> None:
    assert evaluate(expression, MATRIX) == value


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("1 # 2", "cannot read ' # 2'"),
        ("1 ==", "expected more"),
        ("(1", "expected )"),
        ("(1]", "expected )"),
        ("format('a' 'b')", "expected )"),
        ("matrix['os')", "expected ]"),
        ("== 1", "unexpected '=='"),
        ("1 2", "unexpected '2'"),
        ("format('{0}{1}', 'a')", "format() has fewer arguments than its text names"),
        ("contains('a')", "contains() takes two arguments"),
        ("join()", "join() takes an array and a separator"),
        ("github(1)", "the github context"),
        ("format", "the format context"),
        ("inputs.tag", "the inputs context"),
        ("matrix.os", "the matrix context"),
    ],
)
def test_what_the_file_cannot_say_is_not_known_saying_why(expression: str, message: str) -> None:
    matrix = None if expression == "matrix.os" else MATRIX
    with pytest.raises(NotKnown) as caught:
        evaluate(expression, matrix)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "text"), [(None, ""), (True, "true"), (False, "false"), (3.0, "3"), (2.5, "2.5"), ("x", "x")]
)
def test_a_value_is_written_into_text_as_github_writes_it(value: object, text: str) -> None:
    assert text_of(value) == text


def test_literal_results_are_the_strings_a_condition_may_give() -> None:
    assert literal_results("( matrix.db == 'mssql' ) && 'mssql/server:2022' || ''") == ["mssql/server:2022", ""]
    assert literal_results("inputs.a && ('x:1' || 'y:2') || needs.b.outputs.c && 'z:3'") == ["x:1", "y:2", "z:3"]
    assert literal_results("'only:1'") == ["only:1"]
    assert literal_results("matrix.image || 'alpine:3.20'") is None  # the matrix's value may be the image
    assert literal_results("inputs.on && format('db:{0}', inputs.v) || ''") is None
    assert literal_results("matrix.x }} and {{ y") is None  # not an expression
