"""A values file given over the chart's own `values.yaml` (chart-testing's `ci/*-values.yaml`, `values-prod.yaml`)
that sets only an image's tag: Helm merges it over the defaults, so the image is the default repository at that
tag."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

DEFAULTS = """\
image:
  repository: ghcr.io/acme/operator
  pullPolicy: IfNotPresent
  tag: ""
webhook:
  image:
    registry: quay.io
    repository: acme/webhook
    tag: v1.0.0
sidecar:
  enabled: false
"""

TEMPLATES = '{{- define "op.image" -}}{{ .Values.image.tag | default .Chart.AppVersion }}{{- end -}}\n'


def _images(text: str, defaults: str | None = DEFAULTS) -> list[tuple[str, int | None, str | None]]:
    found = helm_values_images(
        text, "chart/ci/main-values.yaml", app_version="v2.9.0", templates=TEMPLATES, defaults=defaults
    )
    return [(item.text, item.line, item.problem) for item in found]


def test_a_tag_alone_takes_the_repository_of_the_charts_defaults() -> None:
    override = "replicaCount: 2\nimage:\n  tag: main\n\nwebhook:\n  image:\n    tag: main\n"
    assert _images(override) == [("ghcr.io/acme/operator:main", 3, None), ("quay.io/acme/webhook:main", 7, None)]


def test_a_digest_alone_pins_the_default_repository() -> None:
    override = "image:\n  digest: sha256:" + "a" * 64 + "\n"
    assert _images(override) == [("ghcr.io/acme/operator@sha256:" + "a" * 64, 2, None)]


def test_a_tag_of_a_path_the_defaults_have_no_image_at_is_not_an_image() -> None:
    assert _images("sidecar:\n  tag: v2\nother:\n  image:\n    tag: v3\n") == []


def test_without_the_defaults_a_tag_alone_names_nothing() -> None:
    assert _images("image:\n  tag: main\n", defaults=None) == []


def test_the_defaults_file_itself_is_read_as_before() -> None:
    assert ("ghcr.io/acme/operator:v2.9.0", 2, None) in _images(DEFAULTS, defaults=DEFAULTS)
