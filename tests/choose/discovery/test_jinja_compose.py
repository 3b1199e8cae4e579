"""Compose files written as Jinja templates (Ansible roles' `templates/docker-compose.yml.j2`): read as compose,
statement lines dropped (every branch kept), `{{ name }}` from the role's values where it has one value, else
unresolved with file and line."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.jinja_compose import jinja_compose_images
from ecr_mirror.choose.discovery.jinja_text import untemplated
from ecr_mirror.choose.discovery.kinds import Kind, kind_of

STACK = """\
# {{ ansible_managed }}
---
services:
{% if proxy_enable %}
  proxy:
    image: nginxproxy/nginx-proxy:1.6
    ports:
      - "80:80"
{% endif %}

  metrics:
    image: "prom/prometheus:{{ prometheus_version }}"
    command:
      - '--storage.tsdb.retention.time={{ retention }}'
{% if grafana_enable | bool %}
  dashboards:
    image: {{ grafana_image }}
{% else %}
  dashboards-lite:
    image: grafana/grafana-oss:{{ grafana_tag | default('11.2.0') }}
{% endif %}
  exporter:
    image: "{{ exporter_registry }}/node-exporter:v1.8.2"
{# a comment line #}
  app:
    build: ./app
    image: "{{ app_name }}:dev"
"""


def _by_line(values: dict[str, object]) -> dict[int | None, tuple[str, str | None]]:
    return {
        item.line: (item.text, item.problem) for item in jinja_compose_images(STACK, "t/docker-compose.yml.j2", values)
    }


def test_every_branch_is_read_and_names_are_taken_from_the_values() -> None:
    found = _by_line({"prometheus_version": "v2.54.1", "grafana_image": "grafana/grafana:11.2.0", "retention": "7d"})
    assert found[6] == ("nginxproxy/nginx-proxy:1.6", None)
    assert found[12] == ("prom/prometheus:v2.54.1", None)
    assert found[17] == ("grafana/grafana:11.2.0", None)
    assert found[20] == ("grafana/grafana-oss:11.2.0", None)  # `| default('...')` when the values have none
    assert 27 not in found  # a service with build: names what it builds
    text, problem = found[23]
    assert text == "{{ exporter_registry }}/node-exporter:v1.8.2"
    assert problem is not None and "exporter_registry" in problem and "no value" in problem


def test_a_name_without_a_value_is_unresolved_as_written() -> None:
    found = _by_line({})
    text, problem = found[17]
    assert text == "{{ grafana_image }}"
    assert problem is not None and "grafana_image" in problem
    assert found[12][0] == "prom/prometheus:{{ prometheus_version }}"


def test_a_value_wins_over_the_default_filter_and_values_may_name_values() -> None:
    found = _by_line({"grafana_tag": "{{ pinned }}", "pinned": "10.4.5", "grafana_image": "grafana/grafana:10.4.5"})
    assert found[20] == ("grafana/grafana-oss:10.4.5", None)


def test_an_expression_this_reader_does_not_evaluate_is_unresolved_with_its_reason() -> None:
    text = 'services:\n  web:\n    image: "nginx:{{ versions[env] | lower }}"\n'
    [item] = jinja_compose_images(text, "docker-compose.yml.j2", {"versions": {"prod": "1.27"}, "env": "prod"})
    assert (item.text, item.line) == ("nginx:{{ versions[env] | lower }}", 3)
    assert item.problem is not None and "versions[env] | lower" in item.problem


def test_a_value_that_is_not_a_string_is_not_substituted() -> None:
    text = 'services:\n  web:\n    image: "{{ image }}"\n'
    [item] = jinja_compose_images(text, "docker-compose.yml.j2", {"image": {"name": "nginx"}})
    assert item.problem is not None and "image" in item.problem


def test_statement_lines_are_blanked_so_lines_keep_their_numbers() -> None:
    text, holes = untemplated("a: 1\n{% if x %}\nb: {{ y }}\n  {%- endif %}\n", {"y": "2"})
    assert text.splitlines() == ["a: 1", "", "b: 2", ""]
    assert holes == {}


def test_a_line_that_is_only_an_unknown_expression_is_dropped_and_the_rest_read_as_yaml() -> None:
    text = "services:\n{{ extra_services | to_nice_yaml | indent(2) }}\n  app:\n    build: .\n    image: shop:dev\n"
    assert jinja_compose_images(text, "docker-compose.yml.j2", {}) == []  # YAML: a service with build: is built


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("roles/web/templates/docker-compose.yml.j2", Kind.COMPOSE_TEMPLATE),
        ("templates/compose.yaml.j2", Kind.COMPOSE_TEMPLATE),
        ("templates/docker-compose.yml.jinja2", Kind.COMPOSE_TEMPLATE),
        ("templates/docker-compose.yaml.jinja", Kind.COMPOSE_TEMPLATE),
        ("templates/pi-hole-docker-compose.yml.j2", Kind.COMPOSE_TEMPLATE),
        ("templates/docker-compose.override.yml.j2", Kind.COMPOSE_TEMPLATE),
        ("templates/prometheus.yml.j2", Kind.YAML),  # other YAML templates: read by their content
        ("templates/composer.json.j2", None),
        ("docker-compose.yml", Kind.COMPOSE),
    ],
)
def test_compose_templates_are_recognised_by_name(path: str, kind: Kind | None) -> None:
    assert kind_of(path) is kind
