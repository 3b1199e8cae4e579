"""A values `image:` string whose tag sits beside it under another key (`image: mysql`, `imageTag: 8.0.36`, as
older charts write them): the template line that joins them says which image is pulled, not the bare name."""

from __future__ import annotations

from ecr_mirror.choose.discovery.helm_values import helm_values_images

VALUES = """\
database:
  enabled: true
  # the database image and its tag
  image: mysql
  imageTag: 8.0.36
tools:
  image: busybox
cache:
  image: redis:7.2
"""

TEMPLATES = """\
spec:
  containers:
    - name: database
      image: "{{ .Values.database.image }}:{{ .Values.database.imageTag }}"
    - name: tools
      image: {{ .Values.tools.image }}
    - name: cache
      image: {{ .Values.cache.image }}
"""


def test_the_rendered_line_names_the_image_with_the_tag_beside_it() -> None:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version=None, templates=TEMPLATES)
    assert sorted((item.text, item.line, item.problem) for item in found) == [
        ("busybox", 7, None),
        ("mysql:8.0.36", 4, None),
        ("redis:7.2", 9, None),
    ]


def test_without_a_template_that_uses_it_the_string_is_read_as_written() -> None:
    found = helm_values_images(VALUES, "chart/values.yaml", app_version=None, templates="")
    assert sorted(item.text for item in found) == ["busybox", "mysql", "redis:7.2"]


def test_two_templates_that_use_the_name_differently_give_both_images() -> None:
    templates = TEMPLATES + "    - name: migrate\n      image: {{ .Values.database.image }}\n"
    found = helm_values_images(VALUES, "chart/values.yaml", app_version=None, templates=templates)
    assert sorted(item.text for item in found if item.line == 4) == ["mysql", "mysql:8.0.36"]
