"""A template that sets the dot to the image's values with `with` (`{{- with .Values.image }}` then `{{ default
$.Chart.AppVersion .tag }}`): the empty tag is the chart's version all the same."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = (
    "image:\n  repository: example.io/acme/controller\n  pullPolicy: IfNotPresent\n"
    "webhook:\n  image:\n    repository: example.io/acme/webhook\n"
    "sidecar:\n  image:\n    repository: example.io/acme/sidecar\n"
)
DEPLOYMENT = """\
      containers:
        - name: {{ .Chart.Name }}
          {{- with .Values.image }}
          image: "{{- if .registry -}}{{ .registry }}/{{- end -}}{{ .repository }}{{- if (.digest) -}} @{{ .digest }}\
{{- else -}}:{{ default $.Chart.AppVersion .tag }}{{- end -}}"
          {{- end }}
        - name: webhook
          {{- with .Values.webhook.image }}
          image: "{{ .repository }}:{{ .tag | default $.Chart.AppVersion }}"
          {{- end }}
"""


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="v1.4.0", templates=templates)
    return [(item.text, item.problem) for item in found]


def test_a_tag_read_inside_with_takes_the_chart_version() -> None:
    # (the sidecar's values, which no template reads, are not listed)
    listed = _listed(DEPLOYMENT)
    assert listed == [("example.io/acme/controller:v1.4.0", None), ("example.io/acme/webhook:v1.4.0", None)]


def test_a_range_inside_with_or_the_else_of_with_does_not_name_the_image() -> None:
    # `.tag` inside a `range` (its dot is each element) or in `with`'s `else` (the outer dot) is not the image's tag
    other = """\
          {{- with .Values.image }}
          {{- range .extraTags }}
          image: "{{ $.Values.image.repository }}:{{ default $.Chart.AppVersion .tag }}"
          {{- end }}
          {{- end }}
          {{- with .Values.webhook.image.digest }}
          image: "{{ $.Values.webhook.image.repository }}@{{ . }}"
          {{- else }}
          image: "{{ $.Values.webhook.image.repository }}:{{ .tag | default $.Chart.AppVersion }}"
          {{- end }}
"""
    listed = _listed(other)
    assert listed[0][0] == "example.io/acme/controller"
    assert all(":v1.4.0" not in text and problem is not None for text, problem in listed)
