"""A Tekton step image written as a parameter (`image: $(params.builder-image)`, `$(params['builder-image'])`): Tekton
replaces it with the value the run (or the Pipeline's task) gives the parameter, else with the default the Task
declares (https://tekton.dev/docs/pipelines/variables/, https://tekton.dev/docs/pipelines/tasks/#specifying-parameters);
read from the same file. A parameter with no literal value or default there, or with several, is unresolved."""

from __future__ import annotations

from ecr_mirror.choose.discovery.yaml_sources import yaml_images

TASK_AND_PIPELINE = """\
apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: build
spec:
  params:
  - name: IMAGE
    description: the image to push
  - name: builder-image
    default: gcr.io/kaniko-project/executor:v1.23.2
  - name: tools-image
  steps:
  - name: build
    image: $(params.builder-image)
    args: [--destination=$(params.IMAGE)]
  - name: report
    image: $(params['tools-image'])
---
apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: ship
spec:
  params:
  - name: registry
  tasks:
  - name: build
    taskRef:
      name: build
    params:
    - name: IMAGE
      value: $(params.registry)/app
"""

TASK_RUN = """\
apiVersion: tekton.dev/v1
kind: TaskRun
metadata:
  generateName: greet-
spec:
  params:
  - name: base
    value: docker.io/library/debian:12
  taskSpec:
    params:
    - name: base
      default: docker.io/library/alpine:3.21
    stepTemplate:
      image: $(params.base)
    steps:
    - name: greet
      script: echo hello
    sidecars:
    - name: cache
      image: "$(params[\\"cache-image\\"])"
"""


def _found(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(item.text, item.line, item.problem) for item in yaml_images(text, "examples/build.yaml")]


def test_a_parameter_is_its_default_when_no_value_is_given_in_the_file() -> None:
    found = _found(TASK_AND_PIPELINE)
    assert found[0] == ("gcr.io/kaniko-project/executor:v1.23.2", 14, None)
    assert found[1][:2] == ("$(params['tools-image'])", 17)
    assert found[1][2] is not None and "tools-image" in found[1][2]
    assert len(found) == 2


def test_the_value_a_run_gives_is_used_over_the_default() -> None:
    found = _found(TASK_RUN)
    assert found[0] == ("docker.io/library/debian:12", 14, None)
    assert found[1][:2] == ('$(params["cache-image"])', 20)
    assert found[1][2] is not None and "cache-image" in found[1][2]
    assert len(found) == 2


def test_outside_tekton_documents_the_words_are_left_as_written() -> None:
    pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: $(params.x)\n"
    found = _found(pod + "---\n" + TASK_AND_PIPELINE.split("---\n", maxsplit=1)[0])
    assert found[0] == ("$(params.x)", 8, None)  # left to the reference parser, which finds it invalid
    assert found[1] == ("gcr.io/kaniko-project/executor:v1.23.2", 23, None)
