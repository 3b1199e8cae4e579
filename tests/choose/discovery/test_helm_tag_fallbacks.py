"""An image of a chart's values whose tag is empty, and what the chart's templates print for it: the tag of
another image of the values (`.Values.runners.image.tag | default .Values.image.tag`), or the repository alone when
a helper prints `repository:tag` only `if` a tag is set (the registry then serves `latest`)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  repository: docker.io/acme/workflow
  tag: "2.35.3"
runners:
  enabled: true
  image:
    repository: docker.io/acme/workflow-runners
    tag: ""
ui:
  image:
    repository: docker.io/acme/console
    tag: ""
other:
  image:
    repository: docker.io/acme/other
    tag: ""
"""

TEMPLATES = """\
{{- define "wf.runnersImage" -}}
{{- printf "%s:%s" .Values.runners.image.repository (.Values.runners.image.tag | default .Values.image.tag) -}}
{{- end -}}
{{- define "wf.uiImage" -}}
{{- if .Values.ui.image.tag -}}
{{- printf "%s:%s" .Values.ui.image.repository .Values.ui.image.tag -}}
{{- else -}}
{{- .Values.ui.image.repository -}}
{{- end -}}
{{- end -}}
"""


def test_an_empty_tag_takes_what_the_templates_print_in_its_place() -> None:
    found = helm_values_images(VALUES, "charts/wf/values.yaml", app_version=None, templates=TEMPLATES)
    assert sorted((item.text, item.line, item.problem is None) for item in found) == [
        ("docker.io/acme/console:latest", 11, True),
        ("docker.io/acme/other", 15, False),
        ("docker.io/acme/workflow-runners:2.35.3", 7, True),
        ("docker.io/acme/workflow:2.35.3", 2, True),
    ]


NAMED_VALUES = """\
singleuser:
  image:
    name: quay.io/jupyter/base-notebook
    tag: "2026-05-26"
    pullPolicy: IfNotPresent
prePuller:
  image:
    name: acme/never-joined
    tag: "1.0"
"""

NAMED_TEMPLATES = """\
  jupyterhub_config.py: |
    c.KubeSpawner.image = "{{ .Values.singleuser.image.name }}:{{ .Values.singleuser.image.tag }}"
"""


def test_an_image_named_by_name_and_tag_where_a_template_joins_them() -> None:
    found = helm_values_images(NAMED_VALUES, "charts/hub/values.yaml", app_version=None, templates=NAMED_TEMPLATES)
    assert [(item.text, item.line) for item in found] == [("quay.io/jupyter/base-notebook:2026-05-26", 3)]


def test_a_name_a_template_puts_after_a_registry_prefix_is_no_whole_image() -> None:
    templates = (
        '      "image": "{{ .Values.global.registryPrefix }}/{{ .Values.shaper.image.name }}:'
        '{{ .Values.shaper.image.tag }}",\n'
    )
    values = "shaper:\n  image:\n    name: shaper-server\n    tag: 3.5.750-amd64\n"
    assert helm_values_images(values, "charts/x/values.yaml", app_version=None, templates=templates) == []
