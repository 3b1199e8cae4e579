"""Ansible container tasks read whole: each module and collection name, names with and without tags, set_fact,
task vars, unresolved names, each finding compared with its origin, line, problem, use and kind (ansible_tasks.py)."""

from __future__ import annotations

import pytest

from ecr_mirror.choose.discovery.ansible_tasks import KIND, ansible_task_images
from ecr_mirror.choose.discovery.found import Found
from ecr_mirror.errors import ConfigError

TASKS = """\
- "a task that is no mapping"
- name: no module here
  debug: {msg: hi}
- ansible.builtin.set_fact:
    cacheable: true
    pg: "16"
- set_fact:
    variant: alpine
- name: builds, not pulled
  docker_image:
    name: acme/built
    source: build
- name: pulled by docker_image
  docker_image:
    name: localhost:5000/acme/api
    tag: " 2.1 "
    source: pull
- name: podman image
  containers.podman.podman_image:
    name: quay.io/acme/worker:3
    tag: "4"
- name: tag not a string
  community.docker.docker_image_pull:
    name: acme/job
    tag: 5
- name: blank tag
  docker_image_pull:
    name: acme/blank
    tag: " "
- name: task vars
  docker_container:
    image: "postgres:{{ pg }}-{{ variant }}"
  vars:
    pg: "15"
    variant: bookworm
- name: two unknown names
  podman_container:
    image: "{{ registry }}/app:{{ version }}"
- name: the option of set_fact is no fact
  docker_container:
    image: "app:{{ cacheable }}"
"""

UNKNOWN = (
    "`{{ registry }}`: registry has no value in the defaults or vars beside the template (the play may set it); "
    "`{{ version }}`: version has no value in the defaults or vars beside the template (the play may set it)"
)


def test_every_task_form_in_order() -> None:
    # items that are no mapping and tasks of other modules are passed over; `source: pull` and podman_image pull;
    # a tag joins a name without one (stripped; not a number, not blank); task vars and both set_fact spellings
    # apply; `cacheable` is set_fact's option, no fact: the caller's value stays
    found = ansible_task_images(TASKS, "roles/db/tasks/main.yml", [{"cacheable": "base"}])
    assert found == [
        Found(text, "roles/db/tasks/main.yml", line, problem, f"image ({module})", KIND)
        for text, line, problem, module in [
            ("localhost:5000/acme/api:2.1", 15, None, "docker_image"),
            ("quay.io/acme/worker:3", 20, None, "podman_image"),
            ("acme/job", 24, None, "docker_image_pull"),
            ("acme/blank", 28, None, "docker_image_pull"),
            ("postgres:16-alpine", 32, None, "docker_container"),  # set_fact above the task's vars
            ("{{ registry }}/app:{{ version }}", 38, UNKNOWN, "podman_container"),
            ("app:base", 41, None, "docker_container"),
        ]
    ]


def test_a_file_that_is_not_yaml_is_an_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"^roles/x/tasks/main\.yml: not valid YAML"):
        ansible_task_images("- docker_container:\n    image: [a\n", "roles/x/tasks/main.yml", [])


def test_set_fact_outranks_a_tasks_own_vars() -> None:
    # Ansible's precedence: set_fact (and registered vars) above task vars, which are above play vars
    tasks = """\
- hosts: db
  vars: {pg: "14", variant: slim, suffix: "-x"}
  tasks:
    - set_fact: {pg: "16"}
    - docker_container:
        image: "postgres:{{ pg }}-{{ variant }}{{ suffix }}"
      vars: {pg: "15", variant: alpine}
"""
    found = ansible_task_images(tasks, "site.yml", [])
    assert [(item.text, item.line) for item in found or []] == [("postgres:16-alpine-x", 6)]
