"""literal_results: the strings an expression's alternatives may give, each operand read where it stands."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.expressions import NotKnown, evaluate, literal_results


def test_a_name_is_no_bracket() -> None:
    # a name is only an operand: the alternatives around it are still split
    assert literal_results("XX && 'a' || 'b'") == ["a", "b"]


def test_the_last_operand_of_a_chain_of_conditions_is_the_value() -> None:
    assert literal_results("a && b && 'x:1'") == ["x:1"]


def test_a_doubled_quote_is_one_quote() -> None:
    assert literal_results("'it''s'") == ["it's"]


def test_alternatives_in_parentheses_add_to_those_before() -> None:
    assert literal_results("'a' || ('b' || 'c')") == ["a", "b", "c"]


def test_an_empty_alternative_is_no_string() -> None:
    assert literal_results("'a' ||") is None
    assert literal_results("()") is None
    assert literal_results("(('a') 'b'") is None  # a parenthesis left open


def test_an_input_no_call_gives_is_named_in_the_reason() -> None:
    with pytest.raises(NotKnown) as raised:
        evaluate("inputs.tag", None, {"other": "1"})
    assert str(raised.value) == "inputs.tag is known only when the workflow runs"
