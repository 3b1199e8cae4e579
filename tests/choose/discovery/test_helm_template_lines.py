"""A chart template's `image:` line built only from values lookups (`{{ .Values.images.operator }}:{{
.Values.images.tag | default .Chart.AppVersion }}`), rendered with the chart's values file: the shapes a values
file alone does not say are images (a shared tag, a name under a key of any name)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
images:
  # the tag of every image below; empty: the chart's appVersion
  tag: ""
  operator: ghcr.io/acme/queue-operator
  scaler: ghcr.io/acme/queue-scaler
  pullPolicy: IfNotPresent
proxy:
  registry: docker.io
  name: envoyproxy/envoy
  version: v1.31.2
sidecar:
  name: acme/log-shipper
"""

TEMPLATES = """\
spec:
  containers:
    - name: operator
      image: "{{ .Values.images.operator }}:{{ .Values.images.tag | default .Chart.AppVersion }}"
      imagePullPolicy: {{ .Values.images.pullPolicy }}
    - name: scaler
      image: {{ .Values.images.scaler }}:{{ default .Chart.AppVersion .Values.images.tag }}
    - name: proxy
      image: '{{ .Values.proxy.registry }}/{{ .Values.proxy.name }}:{{ .Values.proxy.version }}'
    - name: shipper
      image: "{{ .Values.sidecar.name }}:{{ .Values.sidecar.version }}"
    - name: computed
      image: "{{ include "acme.image" . }}"
    - name: upper
      image: "{{ .Values.proxy.name | upper }}"
"""


def _listed(values: str = VALUES, app_version: str | None = "0.15.0") -> list[tuple[str, int | None, str | None]]:
    found = helm_values_images(values, "chart/values.yaml", app_version=app_version, templates=TEMPLATES)
    return sorted((item.text, item.line, item.problem) for item in found)


def test_lines_of_values_lookups_are_rendered_with_the_values_and_the_app_version() -> None:
    # each use names the values file and the line of the image's name there; a lookup of a key the values do not
    # have, an `include` or a function other than `default` leaves the line to `helm template`
    assert _listed() == [
        ("docker.io/envoyproxy/envoy:v1.31.2", 8, None),
        ("ghcr.io/acme/queue-operator:0.15.0", 4, None),
        ("ghcr.io/acme/queue-scaler:0.15.0", 5, None),
    ]


def test_a_tag_set_in_the_values_wins_over_the_default() -> None:
    assert [text for text, _, _ in _listed(VALUES.replace('tag: ""', "tag: v0.16.1"))][1:] == [
        "ghcr.io/acme/queue-operator:v0.16.1",
        "ghcr.io/acme/queue-scaler:v0.16.1",
    ]


def test_without_an_app_version_an_empty_tag_leaves_the_line_unrendered() -> None:
    assert [text for text, _, _ in _listed(app_version=None)] == ["docker.io/envoyproxy/envoy:v1.31.2"]


def test_the_scaffold_shape_read_from_the_values_is_not_listed_twice() -> None:
    values = "image:\n  repository: nginx\n  tag: ''\n"
    templates = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'
    found = helm_values_images(values, "values.yaml", app_version="1.27.3", templates=templates)
    assert [(item.text, item.line) for item in found] == [("nginx:1.27.3", 2)]


def test_a_name_beside_pull_policy_never_is_not_rendered() -> None:
    values = "images:\n  tag: v1\n  operator: acme/op\n  pullPolicy: Never\n"
    templates = 'image: "{{ .Values.images.operator }}:{{ .Values.images.tag }}"\n'
    assert helm_values_images(values, "ci/kind-values.yaml", app_version="1", templates=templates) == []
    rendered = helm_values_images(values.replace("Never", "Always"), "v.yaml", app_version="1", templates=templates)
    assert [item.text for item in rendered] == ["acme/op:v1"]


def test_a_literal_default_renders_an_empty_shared_tag() -> None:
    values = "images:\n  tag: ''\n  operator: acme/op\n"
    templates = 'image: "{{ .Values.images.operator }}:{{ .Values.images.tag | default "stable" }}"\n'
    found = helm_values_images(values, "values.yaml", app_version=None, templates=templates)
    assert [item.text for item in found] == ["acme/op:stable"]


def test_a_tag_and_digest_under_a_key_of_another_name_are_what_the_template_lines_join() -> None:
    # `image: {repository, reference}` with the tag and digest in `reference`: the mapping alone has no `tag`, but
    # every template line joins `repository:reference`, so that is the image, at the repository's line
    values = (
        "image:\n"
        "  repository: ghcr.io/acme/csi-driver\n"
        "  # a tag and/or a digest\n"
        "  reference: 1.4.0@sha256:" + "ab" * 32 + "\n"
        "  pullPolicy:\n"
        "  csi:\n"
        "    provisioner:  # registry.k8s.io/sig-storage/csi-provisioner:v5.0.0\n"
    )
    templates = (
        'image: "{{ .Values.image.repository }}:{{ .Values.image.reference }}"\n'
        "{{- if .Values.image.csi.provisioner }}\n"
        "image: {{ .Values.image.csi.provisioner }}\n"
        "{{- else }}\n"
        'image: "{{ .Values.image.repository }}:{{ .Values.image.reference }}"\n'
        "{{- end }}\n"
    )
    found = helm_values_images(values, "charts/csi/values.yaml", app_version="1.4.0", templates=templates)
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("ghcr.io/acme/csi-driver:1.4.0@sha256:" + "ab" * 32, 2, None)
    ]


def test_without_a_template_line_that_joins_it_the_name_stays_unresolved() -> None:
    values = "image:\n  repository: ghcr.io/acme/csi-driver\n  reference: 1.4.0\n  pullPolicy: IfNotPresent\n"
    templates = 'image: "{{ include "csi.image" . }}"\n'
    found = helm_values_images(values, "charts/csi/values.yaml", app_version="1.4.0", templates=templates)
    assert [(item.text, item.line, item.problem is not None) for item in found] == [
        ("ghcr.io/acme/csi-driver", 2, True)
    ]


def test_a_default_computed_with_printf_stands_in_for_an_empty_image() -> None:
    # speckle-server's chart: `default (printf "speckle/speckle-server:%s" .Values.docker_image_tag)
    # .Values.server.image`, the image empty unless a deployment names one (Sprig's `default`,
    # https://masterminds.github.io/sprig/defaults.html)
    values = "docker_image_tag: '2'\nserver:\n  image: ''\nworker:\n  image: acme/worker:3\nmonitor:\n  replicas: 1\n"
    templates = (
        'image: {{ default (printf "acme/server:%s" .Values.docker_image_tag) .Values.server.image }}\n'
        'image: {{ default (printf "acme/worker:%s" .Values.docker_image_tag) .Values.worker.image }}\n'
        'image: {{ default (printf "acme/monitor:%s" .Values.docker_image_tag) .Values.monitor.image }}\n'
        'image: {{ default (printf "acme/odd:%s" .Values.docker_image_tag) .Values.monitor }}\n'
    )
    found = helm_values_images(values, "chart/values.yaml", app_version=None, templates=templates)
    # a mapping given (`.Values.monitor`) is no image name: that line is left to `helm template`
    assert sorted((item.text, item.problem) for item in found) == [
        ("acme/monitor:2", None),
        ("acme/server:2", None),
        ("acme/worker:3", None),
    ]
