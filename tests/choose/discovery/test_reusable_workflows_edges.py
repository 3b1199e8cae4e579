"""Reusable workflows at their edges: every spelling of the `workflow_call` trigger (and of the `on` key), inputs
declared without a spec or not at all, local calls without `with:`, documents of other shapes, and the YAML error
naming the file in both readers."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.reusable_workflows import Call, declared_inputs, workflow_calls
from ecr_mirror.errors import ConfigError

INPUTS = "    inputs:\n      tag:\n        default: '1.2'\n      flag:\n        type: boolean\n      bare:\n"


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("on:\n  workflow_call:\n" + INPUTS, {"tag": "1.2", "flag": False, "bare": ""}),
        ('"on":\n  workflow_call:\n' + INPUTS, {"tag": "1.2", "flag": False, "bare": ""}),
        ("on:\n  push: {}\n  workflow_call:\n", {}),
        ("on: workflow_call\n", {}),
        ("on: [push, workflow_call]\n", {}),
        ("on:\n  push: {}\n", None),
        ("on: push\n", None),
        ("on: [push]\n", None),
        ('"on": push\n', None),
        ("jobs: {}\n", None),
        ("- on: workflow_call\n", None),
        ("", None),
    ],
)
def test_the_inputs_a_workflow_declares_by_each_spelling_of_its_trigger(text: str, declared: object) -> None:
    assert declared_inputs(text, "called.yml") == declared


def test_a_local_call_without_with_and_documents_of_other_shapes() -> None:
    text = (
        "- a list\n---\njobs: [one]\n---\njobs:\n  number: 1\n  plain:\n    uses: ./.github/workflows/x.yml\n"
        "  text:\n    uses: ./.github/workflows/y.yml\n    with: none\n"
    )
    assert workflow_calls(text, "ci.yml") == [
        Call("./.github/workflows/x.yml", 8, [{}]),
        Call("./.github/workflows/y.yml", 10, [{}]),
    ]


def test_text_that_is_not_yaml_is_an_error_naming_the_file() -> None:
    with pytest.raises(ConfigError, match=r"^\.github/workflows/ci\.yml: not valid YAML"):
        workflow_calls("jobs: [\n", ".github/workflows/ci.yml")
    with pytest.raises(ConfigError, match=r"^\.github/workflows/called\.yml: not valid YAML"):
        declared_inputs("on: [\n", ".github/workflows/called.yml")
