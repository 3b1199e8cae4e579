"""The fragments a compose template pulls in with `{% include %}` (Twig, https://twig.symfony.com/doc/3.x/tags/include.html;
Jinja, https://jinja.palletsprojects.com/en/stable/templates/#include): the name written as a join of strings and
names, each name any one path segment (the same segment wherever the name recurs), matched against the files under
the template loader's root."""

from __future__ import annotations

from ecr_mirror.choose.discovery.kinds import Kind, kind_of
from ecr_mirror.choose.discovery.template_includes import fragment_images, include_patterns, included
from tests.support.hang_guard import finishes

STACK = """\
version: '3.4'
services:
  broker:
    image: acme/socat:1.0
{% for name, data in services %}
{% set engine = data['engine'] %}
{% set version = data['version'] | default('default') %}
{% include "services/" ~ engine ~ "/" ~ version ~ "/" ~ engine ~ ".yml.twig" with { name: name, data: data } only %}
{% endfor %}
{% include 'apps/' ~ (app['kind'] | lower) ~ '.yml.twig' ignore missing with _context %}
{% include "mounts/#{mode}.yml.twig" %}
"""

FILES = [
    "services/db/14/db.yml.twig",
    "services/db/default/db.yml.twig",
    "services/db/15/other.yml.twig",  # not `<engine>/<version>/<engine>.yml.twig`: never included
    "services/cache/7.2/cache.yml.twig",
    "services/cache/7.2/notes/cache.yml.twig",  # a name is one segment
    "apps/web.yml.twig",
    "mounts/native.yml.twig",
    "docker-compose.yml.twig",
]


def test_names_become_one_segment_each_the_same_where_they_recur() -> None:
    patterns = include_patterns(STACK)
    assert included(patterns, FILES) == [
        "apps/web.yml.twig",
        "mounts/native.yml.twig",
        "services/cache/7.2/cache.yml.twig",
        "services/db/14/db.yml.twig",
        "services/db/default/db.yml.twig",
    ]


def test_a_literal_name_and_no_include() -> None:
    assert included(include_patterns('{% include "partials/db.yml.twig" %}\n'), ["partials/db.yml.twig", "x"]) == [
        "partials/db.yml.twig"
    ]
    assert include_patterns("services:\n  a:\n    image: a:1\n") == []
    # a name given by a list or a variable alone says nothing of the files: not followed
    assert include_patterns("{% include [a, b] %}\n{% include template_name %}\n") == []


FRAGMENT = """\
  {{ serviceName }}:
    image: acme/db:14
    environment:
      PASSWORD: "{{ serviceData['root']['password'] }}"
{% if serviceData['tools'] is defined %}
  {{ serviceName }}-tools:
    image: &tools acme/db-tools:2.1
{% endif %}
  {{ serviceName }}-init:
    image: *tools
  {{ serviceName }}-built:
    build:
      context: ./images/db
    image: local_db_build
"""


def test_a_fragment_is_read_as_compose_services_at_its_own_lines() -> None:
    found = fragment_images(FRAGMENT, "services/db/14/db.yml.twig")
    assert [(item.text, item.line) for item in found] == [("acme/db:14", 2), ("acme/db-tools:2.1", 7)]
    assert all(item.origin == "services/db/14/db.yml.twig" for item in found)


def test_a_fragment_that_is_no_yaml_is_read_line_by_line() -> None:
    text = "{% for name in names %}\n  {{ name }}:\n    image: acme/worker:3\n      bad: [\n{% endfor %}\n"
    assert [(item.text, item.line) for item in fragment_images(text, "f.yml.twig")] == [("acme/worker:3", 3)]


def test_compose_named_twig_templates_are_compose_templates() -> None:
    assert kind_of("generator/templates/docker-compose.yml.twig") is Kind.COMPOSE_TEMPLATE
    assert kind_of("templates/compose.yaml.twig") is Kind.COMPOSE_TEMPLATE
    assert kind_of("templates/services/db/14/db.yml.twig") is None  # read only when a compose template includes it


def test_unclosed_includes_stay_linear() -> None:
    hostile = '{% include "a/" ~ x ~ ' * 200_000 + "\n" + "{% include (((((" * 100_000
    assert finishes(include_patterns, hostile) == []
