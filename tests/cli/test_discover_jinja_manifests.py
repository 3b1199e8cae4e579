"""Kubernetes manifests an Ansible role renders from Jinja templates (`roles/*/templates/job.yml.j2`, given to
`kubernetes.core.k8s` with `template:`): their literal `image:` lines are read, as those of other manifest templates;
a line the template fills (`image: "{{ mover_image }}"`) is left to the play."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ecr_mirror.cli.main import main
from tests.support.trees import write_tree

JOB = """\
---
kind: Job
apiVersion: batch/v1
metadata:
  generateName: writer-
  namespace: "{{ namespace }}"
spec:
  template:
    spec:
      containers:
        - name: writer
          image: gcr.io/distroless/static:debug
          command: ["sh", "-c"]
          args:
            - |
              echo '{{ data }}' > '/mnt/{{ path }}'
{% if symlinks is defined %}
{% for symlink in symlinks %}
              ln -s '{{ symlink.target }}' '/mnt/{{ symlink.path }}'
{% endfor %}
{% endif %}
        - name: mover
          image: "{{ mover_image }}"
      restartPolicy: Never
"""

TASKS = """\
- name: Write data to the PVC
  kubernetes.core.k8s:
    state: present
    template: job.yml.j2
"""


def test_literal_images_of_a_jinja_manifest_template_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(
        tmp_path,
        {"test-e2e/roles/write_pvc/templates/job.yml.j2": JOB, "test-e2e/roles/write_pvc/tasks/main.yml": TASKS},
    )
    monkeypatch.chdir(tmp_path)
    assert main(["discover", ".", "--json"]) == 0
    records: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    assert sorted((r["reference"], r["file"], r["line"]) for r in records if r["status"] == "public") == [
        ("gcr.io/distroless/static:debug", "test-e2e/roles/write_pvc/templates/job.yml.j2", 12)
    ]
