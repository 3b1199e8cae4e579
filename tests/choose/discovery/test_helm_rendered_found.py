"""Helm values images that template lines render, whole (file, line, use, kind): a mapping completed by its
template line, a bare `image:` name joined with its tag, and values that are no mapping or no YAML."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.choose.discovery.helm_values import helm_values_images
from ecr_mirror.errors import ConfigError

DIGEST = "@sha256:" + "ab" * 32
JOINED = 'image: "{{ .Values.image.repository }}:{{ .Values.image.reference }}"\n'


def test_a_mapping_completed_by_its_template_line_is_found_whole() -> None:
    values = "image:\n  repository: ghcr.io/acme/csi-driver\n  reference: 1.4.0" + DIGEST + "\n"
    found = helm_values_images(values, "charts/csi/values.yaml", app_version="1.4.0", templates=JOINED)
    assert found == [
        Found(
            "ghcr.io/acme/csi-driver:1.4.0" + DIGEST,
            "charts/csi/values.yaml",
            2,
            use="values image",
            kind="Helm values",
        )
    ]


def test_a_bare_name_joined_with_its_tag_is_found_whole() -> None:
    values = "db:\n  image: mysql\n  imageTag: 8.0.36\n"
    templates = 'image: "{{ .Values.db.image }}:{{ .Values.db.imageTag }}"\n'
    found = helm_values_images(values, "chart/values.yaml", app_version=None, templates=templates)
    assert found == [Found("mysql:8.0.36", "chart/values.yaml", 2, use="values image", kind="Helm values")]


def test_a_bare_name_joined_after_its_registry_is_found_whole() -> None:
    # the line reads the registry first: the bare name is still the image the line renders, not `:latest` beside it
    values = "hook:\n  version: 1.0.1\n  registry: quay.io/acme\n  image: post-install-hook\n  enabled: false\n"
    templates = 'image: "{{ $.Values.hook.registry }}/{{ $.Values.hook.image }}:{{ $.Values.hook.version }}"\n'
    found = helm_values_images(values, "chart/values.yaml", app_version=None, templates=templates)
    assert found == [
        Found("quay.io/acme/post-install-hook:1.0.1", "chart/values.yaml", 4, use="values image", kind="Helm values")
    ]


def test_a_rendered_image_no_mapping_names_is_found_whole() -> None:
    values = "images:\n  operator: acme/op\n  tag: 2.1.0\n"
    templates = 'image: "{{ .Values.images.operator }}:{{ .Values.images.tag }}"\n'
    found = helm_values_images(values, "chart/values.yaml", app_version=None, templates=templates)
    assert [(item.text, item.origin, item.use, item.kind) for item in found] == [
        ("acme/op:2.1.0", "chart/values.yaml", "values image", "Helm values")
    ]


def test_values_that_are_a_list_or_no_yaml() -> None:
    assert helm_values_images("- acme/op:1\n", "chart/values.yaml", app_version=None, templates=JOINED) == []
    with pytest.raises(ConfigError, match=r"chart/values\.yaml"):
        helm_values_images("image: [\n", "chart/values.yaml", app_version=None, templates=JOINED)


def test_a_listed_mapping_is_not_completed_by_a_longer_rendering() -> None:
    # the mapping reading lists `acme/op:1.0`; a template line adding a digest under another key does not replace it
    values = "image:\n  repository: acme/op\n  tag: '1.0'\n  sha: sha256:" + "ab" * 32 + "\n"
    templates = 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}@{{ .Values.image.sha }}"\n'
    found = helm_values_images(values, "chart/values.yaml", app_version=None, templates=templates)
    assert [(item.text, item.line) for item in found] == [("acme/op:1.0", 2)]
