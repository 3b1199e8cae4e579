"""The images an Ansible role's variables name (choose/discovery/ansible_role_variables.py): a variable named for an
image whose value, rendered with the role's values, is a reference with a tag or digest, and any value naming a
registry host with a tag or digest (an image list a role pulls or mirrors)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.ansible_role_variables import role_variable_images

DEFAULTS = (
    "registry_mirror: quay.io\n"  # 1
    'ceph_image: "{{ registry_mirror }}/ceph/ceph:v19.2.1"\n'  # 2
    "grafana_image: grafana/grafana:11.4.0\n"  # 3
    "app_image: acme/app\n"  # 4: no tag: what the role builds or tags itself
    'exporter_image: "prom/node-exporter:{{ exporter_tag }}"\n'  # 5: the play sets it
    "loopback_image: /var/lib/ceph-loop.img\n"  # 6: a disk image, no reference
    "offline:\n"  # 7
    "  fetch: true\n"  # 8
    "  images:\n"  # 9
    "    calico:\n"  # 10
    "      v3.29.1:\n"  # 11
    "        - docker.io/calico/node:v3.29.1\n"  # 12
    "        # - docker.io/calico/windows:v3.29.1\n"  # 13
    "        - quay.io/tigera/operator:v1.36.2\n"  # 14
    "  mirror_url: https://get.example.org/releases/v1.2/tool.tar.gz\n"  # 15
    "  download_path: github.com/etcd-io/etcd/releases\n"  # 16
    "  tools: [busybox:1.36, jq]\n"  # 17: no registry host, no image key: a package list as much as an image
    "sonobuoy:\n"  # 18
    "  kube_bench:\n"  # 19
    "    image: sonobuoy/kube-bench:v0.6.17\n"  # 20
)


def test_image_variables_and_registry_qualified_values_are_listed() -> None:
    found = role_variable_images(DEFAULTS, "roles/ceph/defaults/main.yml", {"registry_mirror": "quay.io"})
    assert [(item.text, item.line, item.problem) for item in found] == [
        ("quay.io/ceph/ceph:v19.2.1", 2, None),
        ("grafana/grafana:11.4.0", 3, None),
        ("docker.io/calico/node:v3.29.1", 12, None),
        ("quay.io/tigera/operator:v1.36.2", 14, None),
        ("sonobuoy/kube-bench:v0.6.17", 20, None),
    ]
    assert found[0].use == "role variable ceph_image"
    assert found[2].use == "role variable offline"


def test_a_file_that_is_no_mapping_or_no_yaml_gives_none() -> None:
    assert role_variable_images("- a\n- b\n", "roles/x/vars/main.yml", {}) == []
    assert role_variable_images("a: [\n", "roles/x/vars/main.yml", {}) == []
