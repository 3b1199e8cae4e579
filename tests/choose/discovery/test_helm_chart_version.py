"""An empty image tag that a chart's template defaults to the chart's own `version` (`.Chart.Version`), or to
appVersion with a prefix (`printf "v%s" .Chart.AppVersion`), in the pipe and the function forms of `default`."""

from __future__ import annotations

from pathlib import Path

from ecr_mirror.choose.discovery.helm_values import helm_values_images
from ecr_mirror.cli.discover_helm import chart_values

VALUES = """\
replicaCount: 1
image:
  repository: public.ecr.aws/acme/shop-basket
  pullPolicy: IfNotPresent
  tag:
exporter:
  image:
    repository: quay.io/acme/basket-exporter
    tag: ""
migrate:
  image:
    repository: docker.io/acme/basket-migrate
    tag: ""
"""

DEPLOYMENT = """\
spec:
  containers:
    - name: {{ .Chart.Name }}
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.Version }}"
    - name: exporter
      image: {{ include "basket.exporterImage" . }}
"""

HELPERS = """\
{{- define "basket.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 }}
{{- end }}
{{- define "basket.exporterImage" -}}
{{- $tag := default (printf "v%s" .Chart.AppVersion) .Values.exporter.image.tag }}
{{- printf "%s:%s" .Values.exporter.image.repository $tag }}
{{- end }}
"""


def _listed(templates: str, *, version: str | None = "3.1.4") -> list[tuple[str, str | None]]:
    found = helm_values_images(
        VALUES, "chart/values.yaml", app_version="0.9.0", chart_version=version, templates=templates
    )
    return [(item.text, item.problem) for item in found]


def test_an_empty_tag_defaults_to_the_chart_version_or_a_prefixed_app_version() -> None:
    listed = _listed(HELPERS + DEPLOYMENT)
    assert ("public.ecr.aws/acme/shop-basket:3.1.4", None) in listed
    assert ("quay.io/acme/basket-exporter:v0.9.0", None) in listed
    (migrate,) = [problem for text, problem in listed if text.startswith("docker.io/acme/basket-migrate")]
    assert migrate is not None and "helm template" in migrate  # no template gives it a default


def test_a_tag_piped_to_tostring_in_parentheses_takes_the_default_too() -> None:
    # `default (printf "v%s" .Chart.AppVersion) (.Values.migrate.image.tag | toString)`: toString of an empty tag
    # is empty, so the default stands in
    line = (
        '      image: {{ printf "%s%s:%s" (default "" .Values.image.containerRegistry) '
        ".Values.migrate.image.repository "
        '(default (printf "v%s" .Chart.AppVersion) (.Values.migrate.image.tag | toString)) }}\n'
    )
    assert ("docker.io/acme/basket-migrate:v0.9.0", None) in _listed(DEPLOYMENT + line)


def test_only_what_the_template_says_is_followed() -> None:
    # the scaffold's `.Chart.AppVersion` stays appVersion, not the chart's version
    scaffold = DEPLOYMENT.replace(".Chart.Version", ".Chart.AppVersion")
    assert ("public.ecr.aws/acme/shop-basket:0.9.0", None) in _listed(HELPERS + scaffold)
    # a chart without a version (Chart.yaml unreadable): unresolved, nothing guessed
    (basket,) = [p for text, p in _listed(DEPLOYMENT, version=None) if text.startswith("public.ecr.aws/")]
    assert basket is not None
    # two templates defaulting the same tag differently: unresolved
    both = DEPLOYMENT + '  x: "{{ .Values.image.tag | default .Chart.AppVersion }}"\n'
    (basket,) = [p for text, p in _listed(both) if text.startswith("public.ecr.aws/")]
    assert basket is not None


def test_a_chart_in_the_tree_gives_its_version(tmp_path: Path) -> None:
    chart = tmp_path / "src" / "basket" / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: basket\ntype: application\nversion: 3.1.4\n")
    (chart / "templates" / "_helpers.tpl").write_text(HELPERS)
    (chart / "templates" / "deployment.yaml").write_text(DEPLOYMENT)
    found = chart_values("values.yaml", chart / "values.yaml", VALUES) or []
    # no appVersion in this Chart.yaml: the exporter's `v` + appVersion stays unresolved
    assert [(f.text, f.line) for f in found if f.problem is None] == [("public.ecr.aws/acme/shop-basket:3.1.4", 3)]


def test_a_version_yaml_reads_as_a_number_is_taken_as_written(tmp_path: Path) -> None:
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: basket\nversion: 1.10\nappVersion: 2.0\n")
    (chart / "templates" / "deployment.yaml").write_text(DEPLOYMENT)
    found = chart_values("values.yaml", chart / "values.yaml", VALUES) or []
    assert "public.ecr.aws/acme/shop-basket:1.10" in [f.text for f in found]


def test_a_default_computed_from_the_version_is_not_taken_as_the_version() -> None:
    computed = """\
{{- define "basket.variantImage" -}}
{{- $tag := .imageRoot.tag | default (printf "%s-%s" .chart.AppVersion .variant) -}}
{{- printf "%s:%s" .imageRoot.repository $tag -}}
{{- end -}}
{{- define "basket.trimmed" -}}
{{ .Values.exporter.image.repository }}:{{ .Values.exporter.image.tag | default .Chart.AppVersion | trimPrefix "v" }}
{{- end -}}
image: {{ include "basket.variantImage" (dict "imageRoot" .Values.image "chart" .Chart "variant" "alpine") }}
"""
    listed = _listed(computed)
    assert [text for text, problem in listed if problem is None] == []


def test_a_named_template_ends_at_its_own_end() -> None:
    # the last helper is followed by another file whose labels name the chart's version: not part of its body
    helpers = """\
{{- define "basket.image" -}}
{{- $tag := .imageRoot.tag | toString -}}
{{- if not .imageRoot.tag }}{{- $tag = .chart.AppVersion | toString -}}{{- end -}}
{{- printf "%s:%s" .imageRoot.repository $tag -}}
{{- end -}}
"""
    deployment = """\
metadata:
  labels:
    helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
spec:
  image: {{ include "basket.image" (dict "imageRoot" .Values.migrate.image "chart" .Chart) }}
  tag: {{ .Values.image.tag }}
"""
    assert ("docker.io/acme/basket-migrate:0.9.0", None) in _listed(helpers + "\n" + deployment)


def test_an_app_version_with_a_literal_suffix_is_the_tag() -> None:
    """`printf "%s-core" .Chart.AppVersion` (a variant of the chart's appVersion, as influxdb3-core's chart defaults
    its tag), in the pipe form and in a named template defaulting the tag, is the version with that suffix, as the
    prefix of `printf "v%s"` is; `printf "%s-%s"` of the version and another value stays unknown (above)."""
    helpers = """\
{{- define "basket.image" -}}
{{- $registry := .Values.image.registry }}
{{- $tag := .Values.image.tag | default (printf "%s-core" .Chart.AppVersion) }}
{{- printf "%s/%s:%s" $registry .Values.image.repository $tag }}
{{- end }}
{{- define "basket.exporterTag" -}}
{{- default (printf "v%s-exporter" .Chart.AppVersion) .Values.exporter.image.tag }}
{{- end }}
"""
    deployment = """\
spec:
  containers:
    - image: {{ include "basket.image" . }}
    - image: "{{ .Values.exporter.image.repository }}:{{ include "basket.exporterTag" . }}"
"""
    listed = _listed(helpers + deployment)
    assert ("public.ecr.aws/acme/shop-basket:0.9.0-core", None) in listed
    assert ("quay.io/acme/basket-exporter:v0.9.0-exporter", None) in listed


def test_a_repository_a_template_line_joins_to_the_chart_version_takes_it() -> None:
    """A mapping with no tag key whose repository an `image:` line joins to the chart's appVersion itself
    (`{{ .Values.image.repository }}:{{ .Chart.AppVersion }}`, telegraf-operator's deployment) is the image of that
    version; one no line so joins stays unresolved."""
    values = """\
image:
  repository: quay.io/acme/sidecar-operator
  pullPolicy: IfNotPresent
other:
  image:
    repository: quay.io/acme/other
    pullPolicy: IfNotPresent
"""
    deployment = """\
spec:
  containers:
    - image: "{{ .Values.image.repository }}:{{ .Chart.AppVersion }}"
    - image: "{{ .Values.other.image.repository }}:{{ .Values.other.version }}"
"""
    found = helm_values_images(values, "chart/values.yaml", app_version="v1.3.11", templates=deployment)
    listed = [(item.text, item.problem is None) for item in found]
    assert ("quay.io/acme/sidecar-operator:v1.3.11", True) in listed
    assert ("quay.io/acme/other", False) in listed
