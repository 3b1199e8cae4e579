"""jenkins_when: the stages of a declarative pipeline that never run, read in linear time however many stages nest,
are left out, or conditions a `when` holds."""

from __future__ import annotations

from ecr_mirror.choose.discovery.jenkins_when import never_running_stages
from tests.support.hang_guard import finishes

HEAD = "pipeline {\n  environment {\n    CI = 'false'\n  }\n  stages {\n"
NEVER = "when { environment name: 'CI', value: 'true' }"


def test_a_stage_whose_own_when_is_never_met_is_left_out_and_a_nested_ones_is_not_its_own() -> None:
    text = (
        HEAD
        + "    stage('outer') {\n      stages {\n        stage('inner') {\n          "
        + NEVER
        + "\n          steps { sh 'docker pull a:1' }\n        }\n      }\n    }\n"
        + "    stage('guarded') {\n      when { not { environment name: 'CI', value: 'true' } }\n    }\n"
        + "    stage('never') {\n      "
        + NEVER
        + "\n    }\n  }\n}\n"
    )
    spans = never_running_stages(text)
    assert [text[start:end].split("'")[1] for start, end in spans] == ["inner", "never"]


def _nested(stages: int) -> str:
    """`stages` stages each nested in the one before, the innermost never running."""
    opened = "stage('a') {\n stages {\n" * stages
    return HEAD + opened + "stage('z') { " + NEVER + " }\n" + "}\n}\n" * stages + "  }\n}\n"


def _left_out(stages: int) -> str:
    """`stages` stages one after the other, none of which runs."""
    return HEAD + "stage('a'){when{environment name:'CI',value:'true'}}\n" * stages + "  }\n}\n"


def _conditions(conditions: int) -> str:
    """One stage whose `when` holds `conditions` conditions on a name the pipeline gives no value."""
    return HEAD + "stage('a') {\n when {\n" + "environment name:'O',value:'x'\n" * conditions + "}\n}\n  }\n}\n"


def test_deeply_nested_stages_are_read_in_linear_time() -> None:
    # each stage searched its whole body for a `when` and counted its braces: 8,000 nested stages took 32 s
    assert len(finishes(never_running_stages, _nested(40_000))) == 1


def test_many_stages_left_out_are_read_in_linear_time() -> None:
    # each stage was checked against every stage left out before it: 16,000 took 23 s
    assert len(finishes(never_running_stages, _left_out(60_000))) == 60_000


def test_many_conditions_of_one_when_are_read_in_linear_time() -> None:
    # each condition counted the braces from the `when` to it: 8,000 conditions took 2.7 s
    assert finishes(never_running_stages, _conditions(80_000)) == []
