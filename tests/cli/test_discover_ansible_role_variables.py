"""`ecr-mirror discover` on the variables of Ansible roles: `defaults/` and `vars/` (a `main.yml`, or the files of a
`main/` directory, which Ansible reads in turn), and an inventory's `group_vars/` and `host_vars/`; the images their
variables name, rendered with the role's values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

TREE = {
    "installer/roles/download/tasks/main.yml": "- name: Pull\n  ansible.builtin.command: crane pull {{ item }}\n",
    "installer/roles/download/defaults/main/10-images.yml": (
        "images:\n"
        "  cilium:\n"
        "    '1.16.5':\n"
        "      - quay.io/cilium/cilium:v1.16.5\n"
        "      - quay.io/cilium/operator-generic:v1.16.5\n"
    ),
    "installer/roles/download/defaults/main/20-ha.yml": 'haproxy_image: "{{ hub }}/library/haproxy:2.9.6-alpine"\n',
    "installer/roles/download/vars/main.yml": "hub: docker.io\n",
    "installer/inventory/group_vars/all.yml": "registry_image: registry.k8s.io/pause:3.10\n",
    # not a role's: a `defaults/` directory of another program
    "docs/defaults/main.yml": "example_image: ghcr.io/acme/example:1.0\n",
}


def test_role_defaults_vars_and_group_vars_name_images(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    public = {(r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public"}
    images = "installer/roles/download/defaults/main/10-images.yml"
    assert public == {
        ("quay.io/cilium/cilium:v1.16.5", images, 4),
        ("quay.io/cilium/operator-generic:v1.16.5", images, 5),
        ("haproxy:2.9.6-alpine", "installer/roles/download/defaults/main/20-ha.yml", 1),
        ("registry.k8s.io/pause:3.10", "installer/inventory/group_vars/all.yml", 1),
    }
    assert {r["kind"] for r in records} == {"Ansible variables"}
