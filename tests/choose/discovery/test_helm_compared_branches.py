"""The `if` chains of a chart's templates decided by Go's `eq` and `ne` of two strings
(https://pkg.go.dev/text/template#hdr-Functions): a literal, a lookup, a lookup with a literal default, a template
variable holding one when asked. A key the values lack is missing only in the chart's own defaults (`complete`);
a number, a list or a third argument keeps every branch."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_branches import decided, taken_branches

TEMPLATE = """\
{{- $mirror := .Values.mirror | default "none" }}
{{- if eq $mirror "none" }}
image: public
{{- else }}
image: mirrored
{{- end }}
"""


def _kept(values: object, *, complete: bool, variables: bool = True) -> list[str]:
    text = taken_branches(TEMPLATE, values, complete=complete, variables=variables)
    return [line.strip() for line in text.splitlines() if line.strip().startswith("image")]


def test_eq_and_ne_of_a_lookup_and_a_literal() -> None:
    values = {"mode": "cluster", "replicas": 3}
    assert decided('eq .Values.mode "cluster"', values) is True
    assert decided('ne .Values.mode "cluster"', values) is False
    assert decided('eq "standalone" $.Values.mode', values) is False
    assert decided('eq .Values.replicas "3"', values) is None  # Go refuses to compare a number with a string


def test_a_literal_default_stands_in_for_an_empty_value_and_for_a_missing_key_only_in_the_defaults() -> None:
    assert decided('eq (.Values.mirror | default "none") "none"', {"mirror": ""}) is True
    assert decided('eq (default "none" .Values.mirror) "none"', {"mirror": "registry.acme.io"}) is False
    assert decided('eq (.Values.mirror | default "none") "none"', {}) is None
    assert decided('eq (.Values.mirror | default "none") "none"', {}, complete=True) is True
    assert decided('eq .Values.mirror "none"', {}, complete=True) is None  # no default: nothing to compare


def test_a_variable_in_the_condition_is_written_out_when_asked() -> None:
    assert _kept({}, complete=True) == ["image: public"]
    assert _kept({"mirror": "registry.acme.io"}, complete=True) == ["image: mirrored"]
    assert _kept({}, complete=True, variables=False) == ["image: public", "image: mirrored"]
    assert _kept({}, complete=False) == ["image: public", "image: mirrored"]


def test_other_shapes_keep_every_branch() -> None:
    assert decided('eq .Values.mode "a" "b"', {"mode": "a"}) is None
    assert decided("eq .Values.mode .Values.other", {"mode": "a"}) is None
    assert decided('eq (include "x.mode" .) "a"', {"mode": "a"}) is None
