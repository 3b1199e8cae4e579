"""`ecr-mirror discover` on Ansible roles and playbooks that run containers: the `image` of a `docker_container`
task, rendered with the role's defaults and vars, the `set_fact` values of its file and the variables each host of
the project's YAML inventory gives it (one image per host that resolves it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "ci/ansible/inventory.yml": (
        "all:\n"
        "  vars:\n"
        "    public_mirror: public.ecr.aws/docker/library/\n"
        "  hosts:\n"
        "    pg-16:\n"
        "      pg_major: '16'\n"
        "  children:\n"
        "    legacy:\n"
        "      hosts:\n"
        "        pg-12:\n"
        "          pg_major: '12'\n"
        "        cache-7:\n"
        "          cache_tag: 7.2-alpine\n"
    ),
    "ci/ansible/playbook.yml": "- hosts: 'pg-*'\n  roles:\n    - role: pg\n- hosts: 'cache-*'\n  roles: [cache]\n",
    "ci/ansible/roles/pg/defaults/main.yml": "pg_port: 5432\n",
    "ci/ansible/roles/pg/tasks/main.yml": (
        "- name: Facts\n"
        "  set_fact:\n"
        '    pg_image: "{{ public_mirror }}postgres:{{ pg_major }}"\n'
        "- name: Start PostgreSQL\n"
        "  community.docker.docker_container:\n"
        '    name: "pg_{{ pg_major }}"\n'
        '    image: "{{ pg_image }}"\n'
        "    state: started\n"
        "    env:\n"
        "      POSTGRES_PASSWORD: secret\n"
    ),
    "ci/ansible/roles/cache/vars/main.yml": "cache_repo: valkey/valkey\n",
    "ci/ansible/roles/cache/tasks/main.yml": (
        "- block:\n"
        "    - name: Pull the tools\n"
        "      docker_image:\n"
        "        name: busybox\n"
        "        tag: '1.37'\n"
        "        source: pull\n"
        "    - name: Build ours\n"
        "      docker_image:\n"
        "        name: acme/cache-probe\n"
        "        source: build\n"
        "        build: {path: .}\n"
        "    - name: Start the cache\n"
        "      docker_container:\n"
        "        name: cache\n"
        '        image: "{{ cache_repo }}:{{ cache_tag }}"\n'
        "    - name: Start the exporter\n"
        "      docker_container:\n"
        "        name: exporter\n"
        '        image: "oliver006/redis_exporter:{{ exporter_tag }}"\n'
    ),
}


def test_container_tasks_are_read_with_the_values_of_each_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    pg = "ci/ansible/roles/pg/tasks/main.yml"
    cache = "ci/ansible/roles/cache/tasks/main.yml"
    assert (("public.ecr.aws/docker/library/postgres:16", pg, 7)) in public
    assert (("public.ecr.aws/docker/library/postgres:12", pg, 7)) in public
    assert (("valkey/valkey:7.2-alpine", cache, 15)) in public
    assert (("busybox:1.37", cache, 4)) in public
    assert not any("cache-probe" in (r["written"] or "") for r in records)  # built, not pulled
    (exporter,) = [r for r in records if "redis_exporter" in (r["written"] or "")]
    assert exporter["status"] == "unresolved" and exporter["line"] == 19
    assert "exporter_tag" in exporter["reason"]
    assert not [r for r in records if r["written"] and "{{ pg_image }}" in r["written"]]


SIBLINGS = {
    "deploy/hosts.yaml": (
        "all:\n  vars:\n    registry: public.ecr.aws/docker/library/\n"
        "caches:\n  hosts:\n    cache-a:\n      memcached_tag: '1.6'\n"
    ),
    "deploy/roles/memcached/handlers/main.yml": (
        "- name: restart memcached\n"
        "  community.docker.docker_container:\n"
        "    name: memcached\n"
        '    image: "{{ registry }}memcached:{{ memcached_tag }}"\n'
        "    restart: true\n"
    ),
}


def test_a_group_beside_all_takes_all_vars_and_role_handlers_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, SIBLINGS)
    records = discover_records(tmp_path, monkeypatch, capsys)
    assert [(r["reference"], r["status"], r["line"]) for r in records] == [
        ("public.ecr.aws/docker/library/memcached:1.6", "public", 4)
    ]


NESTED = {
    "roles/custom/matrix-sygnal/defaults/main.yml": (
        "matrix_sygnal_self_build: false\n"
        "matrix_sygnal_prefix: \"{{ 'localhost/' if matrix_sygnal_self_build else 'docker.io/' }}\"\n"
        'matrix_sygnal_image: "{{ matrix_sygnal_prefix }}matrixdotorg/sygnal:{{ matrix_sygnal_version }}"\n'
        "matrix_sygnal_version: v0.17.0\n"
    ),
    "roles/custom/matrix-sygnal/tasks/main.yml": (
        "- name: Ensure the image is pulled\n"
        "  community.docker.docker_image_pull:\n"
        '    name: "{{ matrix_sygnal_image }}"\n'
    ),
    "setup.yml": "- hosts: matrix_servers\n  roles:\n    - role: custom/matrix-sygnal\n",
}


def test_a_role_in_a_subdirectory_of_roles_reads_its_own_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A role named by its path under `roles/` (`role: custom/matrix-sygnal`) is the directory holding `tasks/`."""
    write_tree(tmp_path, NESTED)
    records = discover_records(tmp_path, monkeypatch, capsys)
    task = [r for r in records if r["file"] == "roles/custom/matrix-sygnal/tasks/main.yml"]
    assert [(r["reference"], r["status"], r["line"]) for r in task] == [("matrixdotorg/sygnal:v0.17.0", "public", 3)]
