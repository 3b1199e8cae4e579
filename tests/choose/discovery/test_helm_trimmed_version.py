"""A tag a named template gives through Sprig's string functions that keep a version as it is
(https://masterminds.github.io/sprig/strings.html): `{{- default .Chart.AppVersion .Values.appVersionOverride |
trunc 63 | trimSuffix "-" -}}`, the scaffold's words for a label, called where the image's repository is joined to it
(`image: "{{ .Values.image.repository }}:{{ include "minion.appVersion" . }}"`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
appVersionOverride: ""
image:
  repository: quay.io/acme/synthetics-minion
  pullPolicy: IfNotPresent
"""

HELPERS = """\
{{/*
The app version, overridable
*/}}
{{- define "minion.appVersion" -}}
{{- default .Chart.AppVersion .Values.appVersionOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}
"""

STATEFULSET = """\
spec:
  template:
    spec:
      containers:
        - name: minion
          image: "{{ .Values.image.repository }}:{{ include "minion.appVersion" . }}"
          imagePullPolicy: {{ .Values.image.pullPolicy }}
"""


def _listed(values: str = VALUES, version: str = "3.1.17") -> list[tuple[str, int | None, str | None]]:
    templates = HELPERS + STATEFULSET
    found = helm_values_images(values, "charts/minion/values.yaml", app_version=version, templates=templates)
    return sorted((item.text, item.line, item.problem) for item in found)


def test_the_chart_version_through_trunc_and_trim_suffix_is_the_tag() -> None:
    assert _listed() == [("quay.io/acme/synthetics-minion:3.1.17", 3, None)]


def test_the_functions_are_applied_to_the_version() -> None:
    assert _listed(version="release-612-") == [("quay.io/acme/synthetics-minion:release-612", 3, None)]


def test_an_override_set_is_the_tag() -> None:
    values = VALUES.replace('appVersionOverride: ""', "appVersionOverride: 3.2.0")
    assert ("quay.io/acme/synthetics-minion:3.2.0", 3, None) in _listed(values)
