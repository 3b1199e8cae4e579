"""A chart's template that prefixes the appVersion with `cat` and takes the space out again (`{{ .Values.image.tag
| default (cat "v" .Chart.AppVersion | replace " " "") }}`: `cat` joins its arguments with a space): the values
file's image without a tag takes `v` and the appVersion, as with `printf "v%s"`."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = 'image:\n  repository: "acme/runner-controller"\n  pullPolicy: IfNotPresent\n'


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="0.27.6", templates=templates)
    return [(item.text, item.problem) for item in found]


def test_cat_then_replace_of_the_space_is_a_prefix() -> None:
    line = (
        '        image: "{{ .Values.image.repository }}:'
        '{{ .Values.image.tag | default (cat "v" .Chart.AppVersion | replace " " "") }}"\n'
    )
    assert _listed(line) == [("acme/runner-controller:v0.27.6", None)]


def test_cat_without_the_replace_keeps_the_space_and_is_not_read() -> None:
    line = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default (cat "v" .Chart.AppVersion) }}"\n'
    [(text, problem)] = _listed(line)
    assert text == "acme/runner-controller" and problem is not None
