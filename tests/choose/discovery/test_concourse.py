"""Concourse pipelines and task configs read as data (choose/discovery/concourse.py)."""

from __future__ import annotations

from ecr_mirror.choose.discovery.concourse import concourse_images, steps
from ecr_mirror.choose.discovery.yaml_loader import load_documents
from ecr_mirror.cli.discover_concourse import fly_executed
from tests.support.hang_guard import finishes

PIPELINE = """\
resources:
- name: tools
  type: registry-image
  source: {repository: example/tools, tag: 1.10}
- name: base
  type: registry-image
  source: {repository: example/base, tag: 22.04}
- name: untouched
  type: docker-image
  source: {repository: example/untouched}
jobs:
- name: check
  plan:
  - aggregate:
    - get: tools
    - get: base
      params: {skip_download: true}
  ensure:
    task: cleanup
    config:
      platform: linux
      image_resource: {type: docker-image, source: {repository: busybox, tag: "1.36"}}
      run: {path: true}
"""


def _texts(text: str) -> set[tuple[str, str | None]]:
    found = concourse_images(load_documents(text, "pipeline.yml"), "pipeline.yml") or []
    return {(item.text, item.problem and item.problem.split(":")[0]) for item in found}


def test_gets_in_aggregate_and_a_job_hook_s_task_are_read_a_number_tag_is_not_guessed() -> None:
    assert _texts(PIPELINE) == {
        ("example/tools:1.1", "a tag written as a number"),  # YAML read `1.10` as 1.1
        ("busybox:1.36", None),  # the `ensure` hook's task; `base` is got with skip_download
    }


def test_other_yaml_is_no_concourse_file() -> None:
    assert concourse_images(load_documents("jobs:\n  build:\n    script: make\n", "x.yml"), "x.yml") is None


def test_fly_execute_configs() -> None:
    script = (
        "fly -t ci execute \\\n  --config ci/tasks/a.yml -i repo=.\nfly -t ci e -c=ci/tasks/b.yml\nfly -t ci login\n"
    )
    assert fly_executed(script) == ["ci/tasks/a.yml", "ci/tasks/b.yml"]


def test_huge_input_stays_linear() -> None:
    line = "fly " * 400_000 + "execute " + "-x " * 400_000
    assert finishes(fly_executed, line) == []
    assert finishes(_nested_steps, 200_000) == 200_001  # `try:` in `try:`, walked without recursion


def _nested_steps(depth: int) -> int:
    nested: object = {"get": "x"}
    for _ in range(depth):
        nested = {"try": nested}
    return sum(1 for _ in steps(nested))
