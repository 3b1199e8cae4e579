"""expressions.evaluate with the `needs` context of literal job outputs and `fromJSON`."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.expressions import RUN_TIME, NotKnown, evaluate

NEEDS = {"params": {"outputs": {"pg": '{ "major": "16", "full": "16.4" }', "name": "ghcr.io/acme/x"}}}


def test_a_literal_output_and_a_field_of_its_json_are_read() -> None:
    assert evaluate("needs.params.outputs.name", None, None, NEEDS) == "ghcr.io/acme/x"
    assert evaluate("fromJson(needs.params.outputs.pg).full", None, None, NEEDS) == "16.4"
    assert evaluate("fromJSON(matrix.v)[0]", {"v": "[17, 18]"}) == 17


def test_an_output_or_a_job_not_written_is_not_known() -> None:
    with pytest.raises(NotKnown) as raised:
        evaluate("needs.params.outputs.tag", None, None, NEEDS)
    assert str(raised.value) == "needs.params.outputs.tag is known only when the workflow runs"
    with pytest.raises(NotKnown):
        evaluate("needs.other.outputs.name", None, None, NEEDS)
    with pytest.raises(NotKnown):
        evaluate("needs.params.outputs.name", None)  # no needs context given


def test_text_that_is_not_json_and_a_run_time_matrix_value_are_not_known() -> None:
    with pytest.raises(NotKnown):
        evaluate("fromJSON(needs.params.outputs.name)", None, None, NEEDS)
    with pytest.raises(NotKnown):
        evaluate("matrix.pg", {"pg": RUN_TIME})
