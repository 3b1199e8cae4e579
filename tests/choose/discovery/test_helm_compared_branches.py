"""The `if` chains of a chart's templates decided by Go's `eq` and `ne` of two strings
(https://pkg.go.dev/text/template#hdr-Functions): a literal, a lookup, a lookup with a literal default, a template
variable holding one when asked; only with the chart's own defaults (`complete`: a template's own lines), where a
key the values lack is missing. A number, a list or a third argument keeps every branch."""

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


def test_eq_and_ne_of_a_lookup_and_a_literal_in_the_charts_own_defaults() -> None:
    values = {"mode": "cluster", "replicas": 3}
    assert decided('eq .Values.mode "cluster"', values, complete=True) is True
    assert decided('ne .Values.mode "cluster"', values, complete=True) is False
    assert decided('eq "standalone" $.Values.mode', values, complete=True) is False
    assert decided('eq .Values.replicas "3"', values, complete=True) is None  # Go refuses a number and a string


def test_eq_is_not_decided_for_the_values_reading() -> None:
    """A values file's placeholder (`currentModuleArch: "set_during_install"`) taken as the value would render the
    `else` branch of `{{- if eq .Values.global.currentModuleArch "x86_64" -}} amd64 {{- else }} ...`: a name no
    install uses. Only a template's own lines, read with the chart's defaults, decide a comparison."""
    assert decided('eq .Values.arch "x86_64"', {"arch": "set_during_install"}) is None


def test_a_literal_default_stands_in_for_an_empty_value_and_for_a_missing_key_only_in_the_defaults() -> None:
    assert decided('eq (.Values.mirror | default "none") "none"', {"mirror": ""}, complete=True) is True
    assert decided('eq (default "none" .Values.mirror) "none"', {"mirror": "acme.io"}, complete=True) is False
    assert decided('eq (.Values.mirror | default "none") "none"', {}, complete=True) is True
    assert decided('eq .Values.mirror "none"', {}, complete=True) is None  # no default: nothing to compare


def test_a_variable_in_the_condition_is_written_out_when_asked() -> None:
    assert _kept({}, complete=True) == ["image: public"]
    assert _kept({"mirror": "registry.acme.io"}, complete=True) == ["image: mirrored"]
    assert _kept({}, complete=True, variables=False) == ["image: public", "image: mirrored"]
    assert _kept({}, complete=False) == ["image: public", "image: mirrored"]


def test_other_shapes_keep_every_branch() -> None:
    assert decided('eq .Values.mode "a" "b"', {"mode": "a"}, complete=True) is None
    assert decided("eq .Values.mode .Values.other", {"mode": "a"}, complete=True) is None
    assert decided('eq (include "x.mode" .) "a"', {"mode": "a"}, complete=True) is None
