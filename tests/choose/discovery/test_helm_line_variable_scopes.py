"""The variables a chart template line reads, as Go templates scope them (https://pkg.go.dev/text/template#hdr-
Variables): a declaration applies up to the `end` of the `if`, `with` or `range` it is declared in; a reassignment
(`=`) changes the variable declared outside; a variable a `range` or `with` declares holds what the values give it,
not known from the text."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_line_variables import with_variables
from tests.support.hang_guard import finishes


def test_a_literal_declared_before_the_line_is_written_out() -> None:
    before = '{{- $digest := "sha256:abc" }}\n{{- if .Values.on }}\n'
    assert with_variables("{{ $digest }}", before) == '{{ ("sha256:abc") }}'


def test_a_declaration_inside_a_closed_if_does_not_reach_the_line() -> None:
    before = '{{- $tag := "1.4.0" }}\n{{- if .Values.legacy }}\n{{- $tag := "0.9.0" }}\n{{- end }}\n'
    assert with_variables("{{ $tag }}", before) == '{{ ("1.4.0") }}'


def test_a_declaration_only_inside_a_closed_block_leaves_the_variable_as_written() -> None:
    before = '{{- range .Values.jobs }}\n{{- $tag := "0.9.0" }}\n{{- end }}\n'
    assert with_variables("{{ $tag }}", before) == "{{ $tag }}"


def test_a_reassignment_inside_an_if_changes_the_outer_variable_as_before() -> None:
    before = '{{- $sep := ":" }}\n{{- if .Values.digest }}\n{{- $sep = "@" }}\n{{- end }}\n'
    assert with_variables("{{ $sep }}", before) == '{{ ("@") }}'


def test_a_variable_a_range_declares_is_not_an_earlier_literal() -> None:
    before = '{{- $image := "busybox:1.36" }}\n{{- range $i, $image := .Values.extra }}\n'
    assert with_variables("{{ $image }}", before) == "{{ $image }}"


def test_unclosed_and_nested_actions_read_in_linear_time() -> None:
    hostile = "{{ if .Values.a }}" * 20000 + "{{ $x := " * 200000 + "{{ end }}" * 20000 + "{{" * 200000
    assert finishes(with_variables, "{{ $x }}", hostile) == "{{ $x }}"
