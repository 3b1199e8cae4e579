"""A suffix a chart's template adds to the tag when a boolean value beside the image is set
(`ternary "-distroless" "" .Values.image.distroless`, `{{ if .Values.image.slim }}-slim{{ end }}`): added when the
values set it, as chart-testing installs a `ci/*-values.yaml` over the defaults."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

DEFAULTS = """\
image:
  registry: quay.io
  repository: acme/host-exporter
  tag: ""
  minimal: false
agent:
  image:
    repository: docker.io/acme/agent
    tag: "2.1.0"
    slim: true
"""

HELPERS = (
    '{{- define "exporter.image" -}}\n'
    '{{- printf "%s/%s:%s%s" .Values.image.registry .Values.image.repository '
    '(default (printf "v%s" .Chart.AppVersion) .Values.image.tag) (ternary "-minimal" "" .Values.image.minimal) }}\n'
    "{{- end }}\n"
)
AGENT = (
    '        image: "{{ .Values.agent.image.repository }}:{{ .Values.agent.image.tag }}'
    '{{ if .Values.agent.image.slim }}-slim{{ end }}"\n'
)


def _listed(text: str, defaults: str | None = None) -> list[tuple[str, str | None]]:
    found = helm_values_images(
        text, "chart/values.yaml", app_version="1.8.0", templates=HELPERS + AGENT, defaults=defaults
    )
    return [(item.text, item.problem) for item in found]


def test_the_suffix_is_added_when_the_values_set_it() -> None:
    listed = _listed(DEFAULTS)
    assert ("quay.io/acme/host-exporter:v1.8.0", None) in listed  # `minimal: false`: no suffix
    assert ("docker.io/acme/agent:2.1.0-slim", None) in listed


def test_a_ci_values_file_that_sets_only_the_switch_gives_the_suffixed_image() -> None:
    listed = _listed("image:\n  minimal: true\n", defaults=DEFAULTS)
    assert listed == [("quay.io/acme/host-exporter:v1.8.0-minimal", None)]


def test_the_switch_piped_into_ternary_adds_the_suffix_too() -> None:
    """`{{ .Values.image.unprivileged | ternary "-unprivileged" "" }}`: the pipeline form of the same call (a pipeline
    passes its value as the last argument, https://pkg.go.dev/text/template#hdr-Pipelines)."""
    piped = (
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}'
        '{{ .Values.image.unprivileged | ternary "-unprivileged" "" }}"\n'
    )
    found = helm_values_images(
        "image:\n  unprivileged: true\n",
        "chart/values.yaml",
        app_version="v1.19.0",
        templates=piped,
        defaults="image:\n  repository: docker.io/acme/vectordb\n  tag: ''\n  unprivileged: false\n",
    )
    assert [(item.text, item.problem) for item in found] == [("docker.io/acme/vectordb:v1.19.0-unprivileged", None)]


def test_a_flavor_a_named_template_appends_when_set_is_part_of_the_tag() -> None:
    # `{{- if .Values.image.flavor }}{{- printf "-%s" .Values.image.flavor }}{{- end }}` in a helper the image line
    # includes: the value itself is the suffix; empty, there is none
    values = (
        "image:\n  registry: docker.io\n  repository: acme/status-page\n  tag: ''\n  flavor: slim-rootless\n"
        "  pullPolicy: IfNotPresent\n"
    )
    templates = (
        '{{- define "status.imageFlavor" -}}\n{{- if .Values.image.flavor }}\n{{- printf "-%s" .Values.image.flavor }}'
        "\n{{- end }}\n{{- end }}\n"
        '          image: "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag | default '
        '.Chart.AppVersion }}{{ include "status.imageFlavor" . }}"\n'
    )
    found = helm_values_images(values, "chart/values.yaml", app_version="2.5.1", templates=templates)
    assert [(item.text, item.problem) for item in found] == [("docker.io/acme/status-page:2.5.1-slim-rootless", None)]
    plain = values.replace("slim-rootless", "''")
    unset = helm_values_images(plain, "v.yaml", app_version="2.5.1", templates=templates)
    assert [(item.text, item.problem) for item in unset] == [("docker.io/acme/status-page:2.5.1", None)]
