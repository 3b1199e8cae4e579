"""The images of Ansible's container tasks (pure): modules by short and collection names, plays and blocks, the
file's `set_fact`, play and task `vars`, one image per set of values that resolves it."""

from __future__ import annotations

from ecr_mirror.choose.discovery.ansible_tasks import ansible_task_images

PLAYBOOK = """\
- hosts: workers
  vars:
    queue_tag: "4.1"
  tasks:
    - name: Queue
      containers.podman.podman_container:
        name: queue
        image: "docker.io/library/rabbitmq:{{ queue_tag }}-management"
    - name: Pre-pull the proxy
      community.docker.docker_image_pull:
        name: "{{ proxy_repo }}"
        tag: "{{ proxy_tag | default('2.9') }}"
    - name: Swarm service
      docker_swarm_service:
        name: web
        image: nginx:1.27
        vars:
          ignored: true
    - name: Loaded from a tarball
      docker_image:
        name: acme/offline
        source: load
        load_path: /tmp/acme.tar
"""


def _images(text: str, bases: list[dict[str, object]]) -> list[tuple[str, int | None, str | None]]:
    found = ansible_task_images(text, "site.yml", bases)
    assert found is not None
    return [(item.text, item.line, item.problem) for item in found]


def test_plays_and_collection_module_names_are_read() -> None:
    listed = _images(PLAYBOOK, [{"proxy_repo": "haproxy"}])
    assert ("docker.io/library/rabbitmq:4.1-management", 8, None) in listed
    assert ("haproxy:2.9", 11, None) in listed
    assert ("nginx:1.27", 16, None) in listed
    assert not [text for text, _, _ in listed if "offline" in text]  # loaded, not pulled


def test_each_set_of_values_gives_its_image_and_unknown_names_stay_unresolved() -> None:
    listed = _images(PLAYBOOK, [{"proxy_repo": "haproxy", "proxy_tag": "3.0"}, {"proxy_repo": "haproxy"}, {}])
    assert [text for text, line, _ in listed if line == 11] == ["haproxy:3.0", "haproxy:2.9"]  # `{}` resolves none
    (unknown,) = [(text, problem) for text, line, problem in _images(PLAYBOOK, []) if line == 11]
    assert unknown[0] == "{{ proxy_repo }}:{{ proxy_tag | default('2.9') }}"
    assert unknown[1] is not None and "proxy_repo" in unknown[1]


def test_set_fact_values_are_rendered_and_a_name_set_twice_differently_is_ambiguous() -> None:
    tasks = """\
- set_fact:
    image_ref: "{{ mirror }}redis:{{ redis_version }}"
    other: a
- block:
    - set_fact:
        other: b
  rescue:
    - docker_container:
        name: redis
        image: "{{ image_ref }}"
    - docker_container:
        name: other
        image: "busybox:{{ other }}"
"""
    listed = _images(tasks, [{"mirror": "mirror.gcr.io/", "redis_version": "7"}])
    assert ("mirror.gcr.io/redis:7", 10, None) in listed
    (other,) = [problem for text, line, problem in listed if line == 13]
    assert other is not None and "different values" in other


def test_a_file_without_container_tasks_is_not_read_as_one() -> None:
    assert ansible_task_images("- name: x\n  apt:\n    name: docker.io\n", "t.yml", [{}]) is None
    assert ansible_task_images("image: nginx\nname: web\n", "values.yml", [{}]) is None
