"""`ecr-mirror discover` on the manifest templates of an Ansible role (`roles/NAME/templates/*.yaml.j2`, given to
`kubernetes.core.k8s` with `template:` or written by `template:`): read as the manifest they render with the role's
defaults and vars, as the role's compose templates are."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.trees import discover_records, write_tree

DEPLOYMENT = (
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: shop\n"
    "spec:\n"
    "  template:\n"
    "    spec:\n"
    "      containers:\n"
    "        - name: shop\n"
    '          image: "{{ shop_image_repo }}:{{ shop_version }}"\n'  # 10
    "        - name: worker\n"
    "          image: {{ worker_repo }}:{{ worker_tag }}\n"  # 12: worker_tag is the play's
    "{% if shop_proxy_enabled %}\n"
    "        - name: proxy\n"
    "          image: {{ proxy.repository }}:{{ proxy.tag | default('v1.31.2') }}\n"  # 15
    "{% endif %}\n"
)
TREE = {
    "deploy/roles/shop/tasks/main.yml": (
        "- name: Deploy the shop\n  kubernetes.core.k8s:\n    state: present\n    template: deployment.yaml.j2\n"
    ),
    "deploy/roles/shop/defaults/main.yml": (
        "shop_image_repo: ghcr.io/acme/shop\nworker_repo: ghcr.io/acme/worker\nproxy:\n  repository: envoyproxy/envoy\n"
    ),
    "deploy/roles/shop/vars/main/versions.yml": "shop_version: '2.4.1'\n",
    "deploy/roles/shop/templates/deployment.yaml.j2": DEPLOYMENT,
}


def test_a_roles_manifest_template_is_read_with_the_roles_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, TREE)
    records = discover_records(tmp_path, monkeypatch, capsys)
    template = "deploy/roles/shop/templates/deployment.yaml.j2"
    rows = {(r["reference"], r["status"], r["line"]) for r in records if r["file"] == template}
    assert ("ghcr.io/acme/shop:2.4.1", "public", 10) in rows
    assert ("envoyproxy/envoy:v1.31.2", "public", 15) in rows
    (worker,) = [r for r in records if r["file"] == template and r["line"] == 12]
    assert worker["status"] == "unresolved" and "worker_tag" in worker["reason"]
    assert worker["written"] == "ghcr.io/acme/worker:{{ worker_tag }}"
