"""Variables whose values name other variables, expanded when read (GitLab CI and Cirrus CI share the mapping)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.cirrus import cirrus_images
from ecr_mirror.choose.discovery.variables import Malformed, NestedValues, Unset, expand


def test_a_value_naming_another_is_expanded_in_turn() -> None:
    values = NestedValues({"V": "3.12", "IMG": "python:${V}-slim", "JOB": "$IMG"}, limit=5)
    assert expand("$JOB", values) == "python:3.12-slim"
    assert values["IMG"] == "python:3.12-slim"


def test_variables_naming_each_other_in_a_loop_are_malformed_not_endless() -> None:
    values = NestedValues({"A": "x$B", "B": "y$A"}, limit=4)
    with pytest.raises(Malformed, match="more than 4 levels deep"):
        expand("$A", values)


def test_a_literal_name_is_kept_as_written_and_escapes_follow_the_flag() -> None:
    raw = {"RAW": "a$$b$X", "X": "c"}
    assert NestedValues(raw, limit=3, literal=frozenset({"RAW"}))["RAW"] == "a$$b$X"
    assert NestedValues(raw, limit=3, dollar_escape=True)["RAW"] == "a$bc"


def test_a_nested_value_without_a_value_names_the_missing_variable() -> None:
    with pytest.raises(Unset) as unset:
        expand("$IMG", NestedValues({"IMG": "python:${V}"}, limit=3))
    assert unset.value.name == "V"


def test_cirrus_env_chain_and_loop() -> None:
    text = (
        "env:\n  TAG: '1.2'\n  IMG: 'quay.io/o/ci:${TAG}'\n  A: '$B'\n  B: '$A'\n"
        "one_task:\n  container:\n    image: $IMG\n"
        "two_task:\n  container:\n    image: $A\n"
    )
    found = {item.text: item.problem for item in cirrus_images(text, ".cirrus.yml")}
    assert found == {"quay.io/o/ci:1.2": None, "$A": "$B: variables that refer to each other more than 5 levels deep"}
