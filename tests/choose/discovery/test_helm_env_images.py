"""The images an operator's chart hands the operator in environment variables named for an image (`- name:
SIDECAR_IMAGE` / `value: "{{ .Values.registry.sidecar }}/{{ .Values.sidecar.name }}:{{ .Values.sidecar.version }}"`),
the images it starts; and an `image:` line ending in a lookup the values leave out (`{{ .Values.operator.version }}{{
.Values.build }}`), which Helm renders as nothing."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
operator:
  name: widget-operator
  imageName: widget-operator
  version: 2.4.0
registry:
  pullPolicy: IfNotPresent
  main: quay.io/widgets
  sidecar: quay.io/widgets
  probe: ghcr.io/widgets
  worker: quay.io/widgets
sidecar:
  name: widget-sidecar
  version: 7.1.3-2
probe:
  name: widget-probe
  version: 1.0.9
worker:
  name: widget-worker
  version: 2.4.0
"""

TEMPLATES = """\
{{- $sidecarEnv := "SIDECAR_IMAGE" -}}
{{- $workerVersion := print .Values.worker.version (.Values.build | default "") -}}
spec:
  containers:
    - name: {{ .Values.operator.name }}
      image: "{{ .Values.registry.main }}/{{ .Values.operator.name }}:{{ .Values.operator.version }}{{ .Values.build }}"
      imagePullPolicy: {{ .Values.registry.pullPolicy }}
      env:
        - name: IMAGE_PULL_POLICY
          value: {{ .Values.registry.pullPolicy }}
        - name: {{ $sidecarEnv }}
          value: "{{ .Values.registry.sidecar }}/{{ .Values.sidecar.name }}:{{ .Values.sidecar.version }}"
        - name: PROBE_IMAGE
          value: "{{ $.Values.registry.probe }}/{{ $.Values.probe.name }}:{{ $.Values.probe.version }}"
        - name: WORKER_IMAGE_REPOSITORY
          value: {{ .Values.registry.worker }}/{{ .Values.worker.name }}
        - name: WORKER_VERSION
          value: {{ $workerVersion | quote }}
        - name: OPERATOR_NAME
          value: "{{ .Values.operator.name }}:{{ .Values.operator.version }}"
  {{- if .Values.relatedImages }}
        - name: RELATED_IMAGE_WORKER_{{ $workerVersion | replace "." "_" }}
          value: "{{ .Values.registry.worker }}/{{ .Values.worker.name }}:{{ $workerVersion }}"
  {{- end }}
"""


def _listed() -> list[tuple[str, int | None, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="2.4.0", templates=TEMPLATES)
    return sorted((item.text, item.line, item.problem) for item in found)


def test_an_image_line_ending_in_a_value_left_out_renders_without_it() -> None:
    # Helm renders a value the values do not have as nothing (`.Values.build`, a suffix some builds set)
    assert ("quay.io/widgets/widget-operator:2.4.0", 7, None) in _listed()


def test_environment_variables_named_for_an_image_are_the_images_the_operator_starts() -> None:
    # the name written out or through a variable set to a literal; a repository without a tag, which the operator
    # joins with a version of its own, a pull policy and a name of another kind are not listed
    assert _listed() == [
        ("ghcr.io/widgets/widget-probe:1.0.9", 9, None),
        ("quay.io/widgets/widget-operator:2.4.0", 7, None),
        ("quay.io/widgets/widget-sidecar:7.1.3-2", 8, None),
        ("quay.io/widgets/widget-worker:2.4.0", 10, None),
    ]


def test_an_environment_variable_holding_a_name_without_a_tag_is_not_an_image() -> None:
    # the program joins the name with a tag (and a registry) of its own: `IMAGE_NAME` / `IMAGE_TAG` given apart
    values = """\
agents:
  image:
    name: node-agent
    tag: 3.2.1
injector:
  sidecar:
    image: "ghcr.io/acme/waf-sidecar"
    imageTag: "v1.4.0"
"""
    templates = """\
env:
  - name: SIDECAR_AGENT_IMAGE_NAME
    value: {{ .Values.agents.image.name }}
  - name: SIDECAR_AGENT_IMAGE_TAG
    value: {{ .Values.agents.image.tag }}
  - name: WAF_SIDECAR_IMAGE
    value: {{ .Values.injector.sidecar.image | quote }}
  - name: WAF_SIDECAR_IMAGE_TAG
    value: {{ .Values.injector.sidecar.imageTag | quote }}
"""
    found = helm_values_images(values, "chart/values.yaml", app_version="2.4.0", templates=templates)
    assert [(item.text, item.problem is None) for item in found] == [("ghcr.io/acme/waf-sidecar", False)]
