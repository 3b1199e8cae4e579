"""An image tag a chart's template defaults to a literal (`{{ default "latest" .Values.image.tag }}`, `{{
.Values.image.tag | default "stable" }}`): the values file's image without a tag takes it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = "image:\n  repository: acme/wiki\n  pullPolicy: IfNotPresent\n"


def _listed(templates: str) -> list[tuple[str, str | None]]:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version="2.5", templates=templates)
    return [(item.text, item.problem) for item in found]


def test_the_function_and_the_pipe_forms_of_a_literal_default() -> None:
    function = 'image: "{{ .Values.image.repository }}:{{ default "latest" .Values.image.tag }}"\n'
    pipe = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default "stable" }}"\n'
    assert _listed(function) == [("acme/wiki:latest", None)]
    assert _listed(pipe) == [("acme/wiki:stable", None)]


def test_two_templates_that_default_the_tag_differently_leave_it_unresolved() -> None:
    both = (
        'image: "{{ .Values.image.repository }}:{{ default "latest" .Values.image.tag }}"\n'
        'other: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"\n'
    )
    [(text, problem)] = _listed(both)
    assert text == "acme/wiki" and problem is not None
