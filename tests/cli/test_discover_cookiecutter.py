"""`ecr-mirror discover` on a cookiecutter template: the files under `{{cookiecutter.project_slug}}/` read as the
project they render, each `if` branch in turn, `{{ cookiecutter.x }}` from cookiecutter.json (a choice's first
value, the default); `_copy_without_render` files read as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

SLUG = "{{cookiecutter.project_slug}}"
TREE = {
    "cookiecutter.json": (
        '{"project_name": "Shop", "project_slug": "{{ cookiecutter.project_name.lower() }}",\n'
        ' "postgres_version": ["17", "16"], "use_docker": "n", "mail": ["None", "Mailpit", "Mailhog"],\n'
        ' "_copy_without_render": ["raw/*"]}\n'
    ),
    f"{SLUG}/.gitlab-ci.yml": (
        "stages: [test]\n"
        "variables:\n"
        "  DB: '{{ cookiecutter.project_slug }}'\n"
        "pytest:\n"
        "  stage: test\n"
        "  {%- if cookiecutter.use_docker == 'y' %}\n"
        "  image: docker:27.1\n"
        "  services:\n"
        "    - docker:27.1-dind\n"
        "  script: [docker compose up]\n"
        "  {%- else %}\n"
        "  image: python:3.13-slim\n"
        "  services:\n"
        "    - postgres:{{ cookiecutter.postgres_version }}\n"
        "  script: [pytest]\n"
        "  {%- endif %}\n"
    ),
    f"{SLUG}/docker-compose.yml": (
        "volumes:\n"
        "  {{ cookiecutter.project_slug }}_data: {}\n"
        "services:\n"
        "  web:{% if cookiecutter.use_docker == 'y' %} &web{% endif %}\n"
        "    build: .\n"
        "    image: {{ cookiecutter.project_slug }}_web\n"
        "  {%- if cookiecutter.mail == 'Mailpit' %}\n"
        "  mail:\n"
        "    image: docker.io/axllent/mailpit:v1.21\n"
        "  {%- elif cookiecutter.mail == 'Mailhog' %}\n"
        "  mail:\n"
        "    image: mailhog/mailhog:v1.0.1\n"
        "  {%- endif %}\n"
        "  cache:\n"
        "    image: redis:{{ cookiecutter.redis_tag }}\n"
        "  db:\n"
        "    build:\n"
        "      context: .\n"
        "      dockerfile: ./compose/db/Dockerfile\n"
        "  worker:\n"
        "    image: {{ cookiecutter.project_slug }}_web\n"
    ),
    f"{SLUG}/compose/db/Dockerfile": (
        "FROM docker.io/postgres:{{ cookiecutter.postgres_version }}\nCOPY init.sql /docker-entrypoint-initdb.d/\n"
    ),
    f"{SLUG}/raw/docker-compose.yml": "services:\n  x:\n    image: '{{ not.rendered }}'\n",
}


def test_a_cookiecutter_template_is_read_as_the_projects_it_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    ci, compose = f"{SLUG}/.gitlab-ci.yml", f"{SLUG}/docker-compose.yml"
    assert ("docker:27.1", ci, 7) in public
    assert ("docker:27.1-dind", ci, 9) in public
    assert ("python:3.13-slim", ci, 12) in public
    assert ("postgres:17", ci, 14) in public  # the choice's first value, as `cookiecutter --no-input` renders it
    assert ("axllent/mailpit:v1.21", compose, 9) in public
    assert ("mailhog/mailhog:v1.0.1", compose, 12) in public
    (redis,) = [r for r in records if "redis" in (r["written"] or "")]
    assert redis["status"] == "unresolved" and redis["written"] == "redis:{{ cookiecutter.redis_tag }}"
    assert redis["line"] == 15 and "redis_tag" in redis["reason"]
    assert not any("_web" in (r["written"] or "") for r in records)  # built by compose, not pulled
    assert not any("postgres:16" in (r["written"] or "") for r in records)
    db = [r for r in records if r["file"] == f"{SLUG}/compose/db/Dockerfile"]
    assert db and all(r["reference"] == "postgres:17" and r["status"] == "public" for r in db)
    (raw,) = [r for r in records if r["file"] == f"{SLUG}/raw/docker-compose.yml"]
    assert raw["status"] == "unresolved" and raw["written"] == "{{ not.rendered }}"


def test_a_template_directory_without_cookiecutter_json_is_still_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {
            "{{ cookiecutter.repo }}/.drone.yml": (
                "kind: pipeline\nsteps:\n- name: test\n"
                "  {%- if cookiecutter.docker %}\n  image: docker:27.1\n  {%- else %}\n  image: golang:1.23\n"
                "  {%- endif %}\n  commands: [make]\n"
            ),
            "{{ cookiecutter.repo }}/cookiecutter.json": "not json",
        },
    )
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert {(r["reference"], r["line"]) for r in records if r["status"] == "public"} == {
        ("docker:27.1", 5),
        ("golang:1.23", 7),
    }
