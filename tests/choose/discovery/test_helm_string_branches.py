"""The `if` chains of a chart's templates decided by sprig's string tests of a value (`contains`, `hasPrefix`,
`hasSuffix`, https://masterminds.github.io/sprig/strings.html): the branch the value does not take is blanked, lines
kept; a value that is not a string, or missing, keeps every branch."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_branches import taken_branches

TEMPLATE = """\
{{- if hasPrefix "/" .Values.image.provisioner.repository }}
image: "{{ .Values.image.baseRepo }}{{ .Values.image.provisioner.repository }}"
{{- else }}
image: "{{ .Values.image.provisioner.repository }}"
{{- end }}
{{- if hasSuffix "/" $.Values.image.baseRepo }}
image: "{{ .Values.image.baseRepo }}livenessprobe"
{{- else }}
image: "{{ .Values.image.baseRepo }}/livenessprobe"
{{- end }}
"""


def _kept(values: object) -> list[str]:
    return [line.strip() for line in taken_branches(TEMPLATE, values).splitlines() if line.strip().startswith("image")]


def test_has_prefix_and_has_suffix_take_the_branch_of_the_value() -> None:
    values = {"image": {"baseRepo": "registry.k8s.io/sig-storage", "provisioner": {"repository": "/csi-provisioner"}}}
    assert _kept(values) == [
        'image: "{{ .Values.image.baseRepo }}{{ .Values.image.provisioner.repository }}"',
        'image: "{{ .Values.image.baseRepo }}/livenessprobe"',
    ]
    values = {"image": {"baseRepo": "quay.io/acme/", "provisioner": {"repository": "ghcr.io/acme/csi-provisioner"}}}
    assert _kept(values) == [
        'image: "{{ .Values.image.provisioner.repository }}"',
        'image: "{{ .Values.image.baseRepo }}livenessprobe"',
    ]


def test_a_value_that_is_no_string_keeps_both_branches() -> None:
    assert len(_kept({"image": {"baseRepo": None, "provisioner": {}}})) == 4
    assert len(_kept({})) == 4
