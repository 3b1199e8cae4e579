"""The combinations of a Buildkite step's build matrix and the values they fill in
(choose/discovery/buildkite_matrix.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.buildkite_matrix import combinations, filled


def test_the_combinations_of_a_multi_dimension_matrix_with_adjustments() -> None:
    step = {
        "matrix": {
            "setup": {"os": ["linux", "windows"], "arch": ["amd64", 7]},
            "adjustments": [
                {"with": {"os": "linux", "arch": 7}, "skip": True},
                {"with": {"os": "plan9", "arch": "arm64"}},
                {"with": {"os": "windows", "arch": "amd64"}, "soft_fail": True},  # a property only: no new one
            ],
        }
    }
    assert combinations(step) == [
        {"os": "linux", "arch": "amd64"},
        {"os": "windows", "arch": "amd64"},
        {"os": "windows", "arch": "7"},
        {"os": "plan9", "arch": "arm64"},
    ]


def test_a_single_dimension_matrix_a_list_or_a_setup_list() -> None:
    assert combinations({"matrix": ["a", "b"]}) == [{"": "a"}, {"": "b"}]
    assert combinations({"matrix": {"setup": ["a"], "adjustments": [{"with": "c"}, {"with": "a", "skip": "yes"}]}}) == [
        {"": "c"}
    ]
    assert combinations({"command": "make"}) == []  # no matrix
    assert combinations({"matrix": {"setup": {"os": []}}}) == []  # no value
    assert combinations({"matrix": "{{ template }}"}) == []  # not a matrix


def test_a_value_with_its_matrix_templates_filled() -> None:
    combination = {"os": "linux", "arch": "amd64"}
    assert filled("img-{{ matrix.os }}:{{matrix.arch}}", combination) == "img-linux:amd64"
    assert filled("{{ matrix.other }}/{{matrix.os}}", combination) == "{{ matrix.other }}/linux"  # unknown: kept
    assert filled("node:{{matrix}}", {"": "22"}) == "node:22"
    assert filled("node:{{matrix}}", combination) == "node:{{matrix}}"  # no single dimension
