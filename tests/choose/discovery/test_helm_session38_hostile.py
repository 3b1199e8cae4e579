"""Session 38's chart readings stay linear on hostile templates: whether the templates call `tpl` (a `{{` never
closed, many times), and whether an `image:` line gives a mapping whole to a helper (one long line of `include` words
that never names the mapping)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_tpl_values import calls_tpl
from ecr_mirror.choose.discovery.helm_values import helm_values_images
from tests.support.hang_guard import finishes


def test_a_tpl_search_over_unclosed_actions_is_linear() -> None:
    assert finishes(calls_tpl, "tpl " + "{{ " * 400_000) is False


def test_a_mapping_given_whole_search_over_a_long_line_is_linear() -> None:
    templates = "image: " + "{{ include .Values.other.image }} " * 100_000 + "\n"
    values = "db:\n  image:\n    repository: acme/db\n"
    found = finishes(helm_values_images, values, "chart/values.yaml", app_version="1.0", templates=templates)
    assert [item.text for item in found] == []
    # the mapping's own lookup, many times on one line that is no `image:` line
    templates = "env: " + "{{ .Values.db.image }} " * 100_000 + "\n"
    found = finishes(helm_values_images, values, "chart/values.yaml", app_version="1.0", templates=templates)
    assert [item.text for item in found] == []


def test_conditions_on_template_variables_are_written_out_in_bounded_time() -> None:
    from ecr_mirror.choose.discovery.helm_branches import taken_branches

    hostile = '{{- $m := .Values.m | default "none" }}\n' + '{{- if eq $m "none" }}x{{- else }}y{{- end }}\n' * 40_000
    out = finishes(taken_branches, hostile, {}, complete=True, variables=True)
    assert out.count("\n") == hostile.count("\n")
