"""A chart whose templates render one values image in two lines, one of them with a tag written in the template
(a tag held back for older clusters: `{{- if semverCompare "<1.34.0-0" .Capabilities.KubeVersion.Version }}`):
each line the values render is an image the chart may pull."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
scheduling:
  userScheduler:
    enabled: true
    image:
      # tag bumped by a workflow; the minor version is pinned there
      name: registry.k8s.io/kube-scheduler
      tag: "v1.35.7"
      pullPolicy:
"""

TEMPLATES = """\
      containers:
        - name: kube-scheduler
          {{- if semverCompare "<1.34.0-0" .Capabilities.KubeVersion.Version }}
          # held back for clusters older than 1.34
          image: {{ .Values.scheduling.userScheduler.image.name }}:v1.33.9
          {{- else }}
          image: {{ .Values.scheduling.userScheduler.image.name }}:{{ .Values.scheduling.userScheduler.image.tag }}
          {{- end }}
        - name: again
          image: {{ .Values.scheduling.userScheduler.image.name }}:{{ .Values.scheduling.userScheduler.image.tag }}
"""


def test_both_lines_that_render_the_values_image_are_listed_once_each() -> None:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="4.0.0", templates=TEMPLATES)
    assert sorted((item.text, item.line, item.problem) for item in found) == [
        ("registry.k8s.io/kube-scheduler:v1.33.9", 6, None),
        ("registry.k8s.io/kube-scheduler:v1.35.7", 6, None),
    ]
