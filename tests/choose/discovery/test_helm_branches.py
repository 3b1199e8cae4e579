"""Go's `and` and `or` of conditions a chart's values decide, and a lone `if` they leave untaken blanked when asked
(helm_branches.py: what an install with the values renders, cli/discover_helm_optional.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.helm_branches import decided, taken_branches


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ("and .Values.operator.enabled .Values.hostpath.enabled", False),
        ("and .Values.operator.enabled (not .Values.hostpath.enabled)", True),
        ("or .Values.hostpath.enabled .Values.operator.enabled", True),
        ("or .Values.hostpath.enabled .Values.missing", None),
        ("and .Values.operator.enabled .Values.missing", None),
        ("or .Values.hostpath.enabled (not .Values.operator.enabled)", False),
    ],
)
def test_and_or_of_decided_lookups_are_decided_as_go_does(condition: str, holds: bool | None) -> None:
    values = {"operator": {"enabled": True}, "hostpath": {"enabled": False}}
    assert decided(condition, values) is holds


def test_a_lone_if_not_taken_is_blanked_only_when_asked() -> None:
    text = "a\n{{- if .Values.metrics.enabled }}\nimage: acme/metrics:0.9\n{{- end }}\nb\n"
    values = {"metrics": {"enabled": False}}
    assert taken_branches(text, values) == text
    assert taken_branches(text, values, lone=True).splitlines()[2].strip() == ""
