"""A chart part off by default: a template's lone `{{- if .Values.X.enabled }}` whose value the chart's values set
to `false`, and the images only that branch reads (not rendered unless a values file turns the part on)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_branches import taken_branches
from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
image:
  repository: ghcr.io/acme/ledger
  tag: "2.4.0"
migrations:
  image:
    repository: ghcr.io/acme/ledger-migrations
    tag: "2.4.0"
exporter:
  enabled: false
  image:
    repository: ghcr.io/acme/ledger-exporter
    tag: latest
metrics:
  enabled: true
  image:
    repository: quay.io/acme/metrics-sidecar
    tag: v1.2.0
resetData: false
cleaner:
  image:
    repository: docker.io/acme/cleaner
    tag: "1.0"
sidecar:
  enabled: false
  image:
    repository: docker.io/acme/unused-sidecar
    tag: "3.1"
"""

TEMPLATES = """\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      {{- if .Values.resetData }}
      initContainers:
        - name: reset
          image: "{{ .Values.cleaner.image.repository }}:{{ .Values.cleaner.image.tag }}"
      {{- end }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        {{- if .Values.metrics.enabled }}
        - name: metrics
          image: "{{ .Values.metrics.image.repository }}:{{ .Values.metrics.image.tag }}"
        {{- end }}
---
{{- if .Values.exporter.enabled }}
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: exporter
          image: "{{ .Values.exporter.image.repository }}:{{ .Values.exporter.image.tag }}"
        - name: exporter-db
          image: "ghcr.io/acme/ledger-exporter-db:{{ .Values.exporter.image.tag }}"
{{- end }}
---
{{- if not .Values.resetData }}
apiVersion: batch/v1
kind: Job
spec:
  template:
    spec:
      containers:
        - name: migrate
          image: "{{ .Values.migrations.image.repository }}:{{ .Values.migrations.image.tag }}"
{{- end }}
"""


def _listed(values: str, defaults: str | None = None) -> list[str]:
    found = helm_values_images(
        values, "charts/ledger/values.yaml", app_version="2.4.0", templates=TEMPLATES, defaults=defaults
    )
    return sorted(item.text for item in found if item.problem is None)


def test_a_lone_if_the_values_turn_off_is_not_rendered() -> None:
    taken = taken_branches(TEMPLATES, {"exporter": {"enabled": False}, "resetData": False})
    assert ".Values.exporter.image.repository" not in taken
    assert ".Values.cleaner.image.repository" not in taken
    assert taken.count("\n") == TEMPLATES.count("\n")  # lines kept
    # a value left out, or set, keeps the branch: the part may be on
    assert ".Values.exporter.image.repository" in taken_branches(TEMPLATES, {"resetData": False})
    assert ".Values.exporter.image.repository" in taken_branches(TEMPLATES, {"exporter": {"enabled": True}})


def test_images_only_an_off_part_reads_are_not_listed() -> None:
    assert _listed(VALUES) == [
        "docker.io/acme/unused-sidecar:3.1",  # no template reads it: listed as before
        "ghcr.io/acme/ledger-migrations:2.4.0",
        "ghcr.io/acme/ledger:2.4.0",
        "quay.io/acme/metrics-sidecar:v1.2.0",
    ]


def test_values_that_turn_the_part_on_list_them() -> None:
    on = VALUES.replace("exporter:\n  enabled: false", "exporter:\n  enabled: true")
    listed = _listed(on.replace("resetData: false", "resetData: true"))
    assert "docker.io/acme/cleaner:1.0" in listed
    assert "ghcr.io/acme/ledger-exporter:latest" in listed
    assert "ghcr.io/acme/ledger-exporter-db:latest" in listed
