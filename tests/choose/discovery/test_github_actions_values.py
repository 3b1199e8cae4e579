"""GitHub workflows: expressions in image values (not a bare `matrix.X`), each finding compared whole."""

from __future__ import annotations

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.github_actions import workflow_images

JOB = "jobs:\n  j:\n    runs-on: x\n"
INPUTS = (
    '"on":\n  workflow_dispatch:\n    inputs:\n      tag:\n        default: "3"\n      bare:\n      empty:\n'
    '        default: ""\n      none:\n        required: true\n'
    + JOB
    + "    container: alpine:${{ inputs.tag }}\n    services:\n      a: busybox${{ inputs.empty }}\n"
    "      b: node:${{ inputs.none }}\n"
)
INPUT_WHY = "is a workflow input, known only when the workflow runs"


def test_an_expression_over_a_matrix_not_written_and_one_over_none() -> None:
    text = (
        JOB + "    strategy:\n      matrix: ${{ fromJSON(inputs.m) }}\n    container: ${{ matrix.a || 'x:1' }}\n"
        "    services:\n      s: ${{ format('alpine:{0}', '3') }}\n"
    )
    why = "${{ matrix.a || 'x:1' }}: the job's matrix is not written in the file (an expression)"
    assert workflow_images(text, "w.yml") == [
        Found("${{ matrix.a || 'x:1' }}", "w.yml", 6, why, "container"),
        Found("alpine:3", "w.yml", 8, None, "services"),
    ]


def test_an_empty_value_inside_the_text_is_kept_out() -> None:
    text = JOB + "    container: \"alpine:3${{ false && '-x' || '' }}\"\n"
    assert workflow_images(text, "w.yml") == [Found("alpine:3", "w.yml", 4, None, "container")]
    text = JOB + "    container: \"a${{ false && ':1' || '' }}\"\n"
    assert workflow_images(text, "w.yml") == [Found("a", "w.yml", 4, None, "container")]


def test_two_expressions_in_one_value() -> None:
    text = JOB + "    container: \"${{ 'alpine' }}:${{ '3' }}\"\n"
    assert workflow_images(text, "w.yml") == [Found("alpine:3", "w.yml", 4, None, "container")]


def test_a_matrix_value_some_combinations_lack() -> None:
    text = JOB + (
        "    strategy:\n      matrix:\n        os: [a, b]\n        include:\n          - os: a\n            v: '3'\n"
        "    container: alpine:${{ matrix.v }}\n"
    )
    assert workflow_images(text, "w.yml") == [
        Found("alpine:3", "w.yml", 10, None, "container"),
        Found(
            "alpine:${{ matrix.v }}",
            "w.yml",
            10,
            "matrix.v is not set in every combination of the job's matrix",
            "container",
        ),
    ]


def test_the_strings_a_condition_may_give_and_an_input() -> None:
    text = JOB + "    container: ${{ inputs.x && 'a:1' || 'b:2' }}\n    services:\n      s: ${{ inputs.y }}\n"
    assert workflow_images(text, "w.yml") == [
        Found("a:1", "w.yml", 4, None, "container"),
        Found("b:2", "w.yml", 4, None, "container"),
        Found("${{ inputs.y }}", "w.yml", 6, f"${{{{ inputs.y }}}} {INPUT_WHY}", "services"),
    ]


def test_dispatch_input_defaults_under_a_quoted_on_key() -> None:
    assert workflow_images(INPUTS, "w.yml") == [
        Found("alpine:3", "w.yml", 14, None, "container"),
        Found("busybox", "w.yml", 16, None, "services"),
        Found("node:${{ inputs.none }}", "w.yml", 17, f"${{{{ inputs.none }}}} {INPUT_WHY}", "services"),
    ]


def test_a_call_s_inputs_over_the_defaults() -> None:
    assert workflow_images(INPUTS, "w.yml", [{"tag": "4", "none": "1"}]) == [
        Found("alpine:4", "w.yml", 14, None, "container"),
        Found("busybox${{ inputs.empty }}", "w.yml", 16, f"${{{{ inputs.empty }}}} {INPUT_WHY}", "services"),
        Found("node:1", "w.yml", 17, None, "services"),
    ]
